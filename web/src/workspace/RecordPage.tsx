import { useEffect, useState } from 'react';
import { App, Button, Card, Col, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { PageState, ProblemAlert, useApi } from '../components';
import { RecordDeliveries } from '../deliveries/RecordDeliveries';
import { localText } from '../i18n';
import type { RecordItem } from './api';
import { cleanData } from './formModel';
import type { FormData } from './formModel';
import { FormRenderer } from './FormRenderer';
import { Journey } from './Journey';
import { PromiseDialog } from './PromiseDialog';
import { recordTitle } from './RecordsPage';
import { useFormContent } from './useForms';
import { useSubmit } from './useSubmit';

/** The activities a rep logs in one click. */
export const quickActivities = ['call', 'visit', 'chat'] as const;

/** Changes between the saved data and the edited data, null for a removal. */
export function changedFields(before: FormData, after: FormData): FormData {
  const out: FormData = {};
  const clean = cleanData(after);
  for (const k of new Set([...Object.keys(before), ...Object.keys(clean)])) {
    if (!(k in clean)) {
      if (k in before) out[k] = null;
    } else if (JSON.stringify(before[k]) !== JSON.stringify(clean[k])) {
      out[k] = clean[k];
    }
  }
  return out;
}

/** One record: its generated form, quick activities, promises, journey and messages. */
export default function RecordPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const { me } = useAuth();
  const rec = useApi<RecordItem>(`/api/v1/records/${encodeURIComponent(id)}`);
  const r = rec.data;
  const content = useFormContent(r?.form, r?.form_version ?? 0);
  const [data, setData] = useState<FormData>({});
  const [tick, setTick] = useState(0);
  const [promise, setPromise] = useState(false);
  useEffect(() => {
    if (r) setData(r.data);
  }, [r]);

  const save = useSubmit(() => api<RecordItem>('PATCH', `/api/v1/records/${encodeURIComponent(id)}`,
    { data: changedFields(r?.data ?? {}, data), version: r?.version }));
  const log = useSubmit((kind: string) =>
    api('POST', `/api/v1/records/${encodeURIComponent(id)}/activities`, { kind }));

  const onSave = async () => {
    if (await save.run()) {
      void message.success(t('records.saved'));
      rec.reload();
      setTick((x) => x + 1);
    }
  };
  const onLog = async (kind: string) => {
    if (await log.run(kind)) {
      void message.success(t('activity.logged', { kind: t(`activity.${kind}`) }));
      setTick((x) => x + 1);
    }
  };

  return (
    <PageState loading={rec.loading || content.loading} error={rec.error ?? content.error}
      onRetry={() => { rec.reload(); content.reload(); }}>
      {r && content.form ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={15}>
            <Card title={<Space wrap>
              <Typography.Title level={3}>{recordTitle(r, content.form)}</Typography.Title>
              <Tag>{localText(content.form.name) || r.form}</Tag>
              <Tag color="blue">v{r.form_version}</Tag></Space>}>
              <FormRenderer form={content.form} value={data} onChange={setData}
                errors={save.errors} disabled={save.busy} signer={me?.name ?? ''} />
              {save.error ? <ProblemAlert error={save.error} /> : null}
              <Button type="primary" loading={save.busy} onClick={() => void onSave()}>
                {t('action.save')}
              </Button>
            </Card>
          </Col>
          <Col xs={24} lg={9}>
            <Card title={t('activity.log_title')} className="fw-mb">
              <div className="fw-actions">
                {quickActivities.map((k) => (
                  <Button key={k} loading={log.busy} onClick={() => void onLog(k)}>
                    {t(`activity.log_${k}`)}
                  </Button>
                ))}
                <Button onClick={() => setPromise(true)}>{t('promise.open')}</Button>
              </div>
              {log.error ? <ProblemAlert error={log.error} /> : null}
            </Card>
            <Card title={t('journey.title')}>
              <Journey recordId={r.id} tick={tick} />
            </Card>
            <RecordDeliveries recordId={r.id} tick={tick} />
          </Col>
          <PromiseDialog open={promise} customer={recordTitle(r, content.form)}
            onClose={(saved) => { setPromise(false); if (saved) setTick((x) => x + 1); }} />
        </Row>
      ) : null}
    </PageState>
  );
}
