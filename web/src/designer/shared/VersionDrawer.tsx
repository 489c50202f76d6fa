import { Button, Drawer, Empty, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { PageState } from '../../components';
import { NS } from '../locales';
import { ChangeList } from './ChangeList';
import {
  diffVersions, type DefinitionKind, type DiffResult, type VersionSummary,
} from './definitions';

/** VersionDrawerProps are the props of VersionDrawer. */
export interface VersionDrawerProps {
  open: boolean;
  kind: DefinitionKind;
  id: string;
  versions: VersionSummary[];
  onClose: () => void;
}

/**
 * VersionDrawer lists the published versions, newest first, each with what
 * it changed, and compares any of them with the saved draft.
 */
export function VersionDrawer({ open, kind, id, versions, onClose }: VersionDrawerProps) {
  const { t, i18n } = useTranslation(NS);
  const [diff, setDiff] = useState<DiffResult>();
  const [diffError, setDiffError] = useState<unknown>();
  const [loading, setLoading] = useState(false);

  const compare = (from: number) => {
    setLoading(true);
    setDiffError(undefined);
    diffVersions(kind, id, from, 0).then(setDiff, setDiffError).finally(() => setLoading(false));
  };
  const when = (at: string) => new Date(at).toLocaleString(i18n.language);
  const newest = [...versions].reverse();

  return (
    <Drawer open={open} onClose={onClose} title={t('history.title')} size="large">
      {newest.length === 0 ? <Empty description={t('history.empty')} /> : (
        <ol className="fw-versions">
          {newest.map((v) => (
          <li key={v.version}>
            <Space orientation="vertical" className="fw-full">
              <Space wrap>
                <Typography.Text strong>
                  {t('common.version', { version: v.version })}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {t('history.publishedBy', { at: when(v.published_at), by: v.published_by })}
                </Typography.Text>
                <Button size="small" onClick={() => compare(v.version)}>
                  {t('history.compare')}
                </Button>
              </Space>
              <ChangeList changes={v.changes} emptyText={t('history.noChanges')} />
            </Space>
          </li>
          ))}
        </ol>
      )}
      {loading || diff || diffError ? (
        <section aria-live="polite">
          <Typography.Title level={5}>
            {t('history.diffTitle', { from: diff?.from ?? '' })}
          </Typography.Title>
          <PageState loading={loading} error={diffError}>
            <ChangeList changes={diff?.changes ?? []} emptyText={t('history.noChanges')} />
          </PageState>
        </section>
      ) : null}
    </Drawer>
  );
}
