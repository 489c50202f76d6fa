import { HolderOutlined } from '@ant-design/icons';
import { useDraggable } from '@dnd-kit/react';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { NS } from '../locales';
import { pickText } from '../shared/text';
import type { FieldKind } from './model';

/** PALETTE_TYPE is the drag type of palette entries. */
export const PALETTE_TYPE = 'palette';

/** PaletteProps are the props of Palette. */
export interface PaletteProps {
  kinds: FieldKind[];
  /** onAdd adds a field of the kind to the selected section. */
  onAdd: (k: FieldKind) => void;
}

/** Palette lists the field kinds; each can be dragged or added with a click. */
export function Palette({ kinds, onAdd }: PaletteProps) {
  const { t } = useTranslation(NS);
  return (
    <nav aria-label={t('form.palette')} className="fw-palette">
      <Typography.Title level={5}>{t('form.palette')}</Typography.Title>
      <Typography.Paragraph type="secondary" className="fw-hint">
        {t('form.paletteHint')}
      </Typography.Paragraph>
      <ul className="fw-palette-list">
        {kinds.map((k) => <PaletteItem key={k.name} kind={k} onAdd={onAdd} />)}
      </ul>
    </nav>
  );
}

function PaletteItem({ kind, onAdd }: { kind: FieldKind; onAdd: (k: FieldKind) => void }) {
  const { i18n } = useTranslation(NS);
  const { ref, handleRef, isDragging } = useDraggable({
    id: `palette:${kind.name}`, type: PALETTE_TYPE, data: { kind: kind.name },
  });
  const label = pickText(kind.label, i18n.language, kind.name);
  return (
    <li ref={ref} className={`fw-palette-item${isDragging ? ' fw-dragging' : ''}`}>
      <span ref={handleRef} className="fw-grip" aria-hidden><HolderOutlined /></span>
      <button type="button" className="fw-palette-button" onClick={() => onAdd(kind)}>
        {label}
      </button>
    </li>
  );
}
