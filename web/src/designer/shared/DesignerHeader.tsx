import { Button, Space, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { NS } from '../locales';
import type { Definition, LintResult } from './definitions';
import { pickText } from './text';

/** DesignerHeaderProps are the props of DesignerHeader. */
export interface DesignerHeaderProps {
  def: Definition<unknown>;
  dirty: boolean;
  saving: boolean;
  lint: LintResult | undefined;
  checking: boolean;
  onSave: () => void;
  onPublish: () => void;
  onVersions: () => void;
  /** extra holds the designer's own buttons (simulate, auto layout …). */
  extra?: ReactNode;
}

const statusColor = { draft: 'default', published: 'green', modified: 'gold', archived: 'red' };

/**
 * DesignerHeader is the bar over both designers: the definition's name and
 * status, the live lint summary, and save, publish and history.
 */
export function DesignerHeader(props: DesignerHeaderProps) {
  const { def, dirty, saving, lint, checking, onSave, onPublish, onVersions, extra } = props;
  const { t, i18n } = useTranslation(NS);
  const errors = lint?.errors.length ?? 0;
  const warnings = lint?.warnings.length ?? 0;
  const archived = def.status === 'archived';
  return (
    <header className="fw-designer-header">
      <Space wrap size="small">
        <Link to="/design">{t('common.back')}</Link>
        <Typography.Title level={4} className="fw-designer-title">
          {pickText(def.name, i18n.language, def.key)}
        </Typography.Title>
        <Tag color={statusColor[def.status]}>{t(`common.status.${def.status}`)}</Tag>
        {dirty ? <Tag color="blue">{t('common.unsaved')}</Tag> : null}
        <span aria-live="polite" className="fw-lint-summary">
          {checking ? <Typography.Text type="secondary">{t('common.checking')}</Typography.Text>
            : lint ? (errors > 0
              ? <Typography.Text type="danger">
                {t('common.problems', { count: errors })}
              </Typography.Text>
              : <Typography.Text type="success">{t('common.noProblems')}</Typography.Text>)
              : null}
          {!checking && warnings > 0 ? (
            <Typography.Text type="warning">
              {' '}{t('common.warnings', { count: warnings })}
            </Typography.Text>
          ) : null}
        </span>
      </Space>
      <Space wrap size="small">
        {extra}
        <Button onClick={onVersions}>{t('common.versions')}</Button>
        <Button onClick={onSave} loading={saving} disabled={!dirty || archived}>
          {saving ? t('common.saving') : t('common.save')}
        </Button>
        <Tooltip title={errors > 0 ? t('common.problems', { count: errors }) : undefined}>
          <Button type="primary" onClick={onPublish} disabled={archived || errors > 0}>
            {t('common.publish')}
          </Button>
        </Tooltip>
      </Space>
    </header>
  );
}
