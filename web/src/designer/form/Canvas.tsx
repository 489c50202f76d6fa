import {
  ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, HolderOutlined, PlusOutlined,
} from '@ant-design/icons';
import { useDraggable, useDroppable } from '@dnd-kit/react';
import { Badge, Button, Card, Empty, Space, Tag, Tooltip, Typography } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

import { NS } from '../locales';
import { pickText } from '../shared/text';
import type { FormFindings } from './lint';
import type { DesignerField, DesignerForm, DesignerSection, FieldKind } from './model';
import { PALETTE_TYPE } from './Palette';

/** FIELD_TYPE is the drag type of canvas fields. */
export const FIELD_TYPE = 'field';

/** DropSlot is where a drop lands: a section, and a place in it (-1: end). */
export interface DropSlot {
  section: string;
  index: number;
}

/** CanvasProps are the props of Canvas. */
export interface CanvasProps {
  model: DesignerForm;
  kinds: FieldKind[];
  findings: FormFindings;
  selected: string | null;
  onSelect: (uid: string) => void;
  onShift: (uid: string, delta: -1 | 1) => void;
  onRemoveField: (uid: string) => void;
  onMoveSection: (uid: string, delta: -1 | 1) => void;
  onRemoveSection: (uid: string) => void;
  onAddSection: () => void;
}

/** Canvas draws the form's sections and fields for arranging them. */
export function Canvas(props: CanvasProps) {
  const { model, onAddSection } = props;
  const { t } = useTranslation(NS);
  return (
    <div className="fw-canvas">
      {model.sections.map((s, i) => (
        <SectionCard key={s.uid} section={s} n={i + 1} first={i === 0}
          last={i === model.sections.length - 1} {...props} />
      ))}
      <Button icon={<PlusOutlined />} onClick={onAddSection} block type="dashed">
        {t('form.addSection')}
      </Button>
    </div>
  );
}

interface SectionCardProps extends CanvasProps {
  section: DesignerSection;
  n: number;
  first: boolean;
  last: boolean;
}

function SectionCard(p: SectionCardProps) {
  const { section: s, n, first, last, findings, selected, onSelect } = p;
  const { t, i18n } = useTranslation(NS);
  const { ref, isDropTarget } = useDroppable({
    id: `section:${s.uid}`, type: 'section', accept: [FIELD_TYPE, PALETTE_TYPE],
    collisionPriority: 1, data: { section: s.uid, index: -1 },
  });
  const title = pickText(s.title, i18n.language, t('form.section', { n }));
  const problems = findings.bySection[s.uid]?.length ?? 0;
  const extra = (
    <Space size={2}>
      <Tooltip title={t('common.up')}>
        <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={first}
          aria-label={`${t('common.up')}: ${title}`} onClick={() => p.onMoveSection(s.uid, -1)} />
      </Tooltip>
      <Tooltip title={t('common.down')}>
        <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={last}
          aria-label={`${t('common.down')}: ${title}`} onClick={() => p.onMoveSection(s.uid, 1)} />
      </Tooltip>
      <Tooltip title={s.fields.length > 0 ? t('form.sectionNotEmpty') : t('common.remove')}>
        <Button size="small" type="text" icon={<DeleteOutlined />}
          disabled={s.fields.length > 0 || (first && last)}
          aria-label={`${t('common.remove')}: ${title}`} onClick={() => p.onRemoveSection(s.uid)} />
      </Tooltip>
    </Space>
  );
  return (
    <Card size="small" ref={ref} extra={extra}
      className={`fw-section${selected === s.uid ? ' fw-selected' : ''}` +
        `${isDropTarget ? ' fw-drop-target' : ''}`}
      title={
        <button type="button" className="fw-link-button" onClick={() => onSelect(s.uid)}
          aria-pressed={selected === s.uid}>
          <Badge count={problems} size="small" offset={[8, 0]}>
            <span>{title}</span>
          </Badge>
          <Typography.Text type="secondary" className="fw-section-cols">
            {' '}· {t('form.columns')} {s.columns}
          </Typography.Text>
        </button>
      }>
      {s.fields.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('form.emptySection')} />
      ) : (
        <ol className={`fw-field-grid fw-cols-${s.columns}`}>
          {s.fields.map((f, i) => (
            <FieldCard key={f.uid} field={f} sectionUid={s.uid} index={i} {...p}
              firstField={first && i === 0} lastField={last && i === s.fields.length - 1} />
          ))}
        </ol>
      )}
    </Card>
  );
}

interface FieldCardProps extends CanvasProps {
  field: DesignerField;
  sectionUid: string;
  index: number;
  firstField: boolean;
  lastField: boolean;
}

function FieldCard(p: FieldCardProps) {
  const { field: f, sectionUid, index, findings, selected, onSelect, kinds } = p;
  const { t, i18n } = useTranslation(NS);
  const drag = useDraggable({ id: f.uid, type: FIELD_TYPE, data: { uid: f.uid } });
  const drop = useDroppable({
    id: `slot:${f.uid}`, type: 'slot', accept: [FIELD_TYPE, PALETTE_TYPE],
    data: { section: sectionUid, index },
  });
  const { ref: dragRef } = drag;
  const { ref: dropRef } = drop;
  const setRef = useCallback((el: Element | null) => {
    dragRef(el);
    dropRef(el);
  }, [dragRef, dropRef]);
  const label = pickText(f.label, i18n.language, f.name);
  const kind = kinds.find((k) => k.name === f.kind);
  const problems = findings.byField[f.uid]?.length ?? 0;
  const classes = ['fw-field-card', selected === f.uid ? 'fw-selected' : '',
    drop.isDropTarget && !drag.isDragging ? 'fw-drop-target' : '',
    drag.isDragging ? 'fw-dragging' : '', problems > 0 ? 'fw-has-error' : '']
    .filter(Boolean).join(' ');
  return (
    <li ref={setRef} className={classes}>
      <span ref={drag.handleRef} className="fw-grip"
        aria-label={t('form.dragHandle', { name: label })}><HolderOutlined /></span>
      <button type="button" className="fw-field-main" onClick={() => onSelect(f.uid)}
        aria-pressed={selected === f.uid}>
        <span className="fw-field-label">
          {label}{f.required ? <span className="fw-required" aria-hidden> *</span> : null}
        </span>
        <span className="fw-field-meta">
          <Typography.Text code>{f.name}</Typography.Text>
          <Tag>{pickText(kind?.label, i18n.language, f.kind)}</Tag>
          {f.visibleWhen ? <Tag color="purple">if</Tag> : null}
          {problems > 0 ? <Badge count={problems} size="small" /> : null}
        </span>
      </button>
      <span className="fw-field-tools">
        <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={p.firstField}
          aria-label={`${t('common.up')}: ${label}`} onClick={() => p.onShift(f.uid, -1)} />
        <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={p.lastField}
          aria-label={`${t('common.down')}: ${label}`} onClick={() => p.onShift(f.uid, 1)} />
        <Button size="small" type="text" danger icon={<DeleteOutlined />}
          aria-label={`${t('common.remove')}: ${label}`} onClick={() => p.onRemoveField(f.uid)} />
      </span>
    </li>
  );
}
