import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageState, useApi } from '../components';
import type { JourneyEntry } from './api';

/** The record's timeline, newest first; every value is shown as text. */
export function Journey({ recordId, tick }: { recordId: string; tick: number }) {
  const { t } = useTranslation();
  const j = useApi<{ entries: JourneyEntry[] }>(
    `/api/v1/records/${encodeURIComponent(recordId)}/journey?r=${tick}`);
  const entries = [...(j.data?.entries ?? [])].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <PageState loading={j.loading && !j.data} error={j.error} onRetry={j.reload}
      empty={entries.length === 0} emptyText={t('journey.empty')}>
      <Timeline items={entries.map((e, i) => {
        const kind = e.activity?.kind ?? e.kind;
        return {
          key: `${e.at}-${i}`,
          content: (
            <>
              <Typography.Text strong>
                {t(`activity.${kind}`, { defaultValue: kind })}
              </Typography.Text>{' '}
              <Typography.Text type="secondary">{new Date(e.at).toLocaleString()}</Typography.Text>
              {e.activity?.note ? <div className="fw-pre">{e.activity.note}</div> : null}
            </>
          ),
        };
      })} />
    </PageState>
  );
}
