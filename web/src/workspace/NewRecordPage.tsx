import { useState } from 'react';
import { Button, Card, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { PageState, ProblemAlert } from '../components';
import { localText } from '../i18n';
import type { RecordItem } from './api';
import { cleanData } from './formModel';
import type { FormData } from './formModel';
import { FormRenderer } from './FormRenderer';
import { useFormContent } from './useForms';
import { useSubmit } from './useSubmit';

/** Submit a new record of a form; server errors show on their fields. */
export default function NewRecordPage() {
  const { t } = useTranslation();
  const { form: key = '' } = useParams();
  const navigate = useNavigate();
  const { me } = useAuth();
  const content = useFormContent(key);
  const [data, setData] = useState<FormData>({});
  const submit = useSubmit(() => api<RecordItem>('POST', '/api/v1/records',
    { form: key, data: cleanData(data) }));
  const send = async () => {
    const r = await submit.run();
    if (r) await navigate(`/records/${encodeURIComponent(r.id)}`, { replace: true });
  };
  return (
    <PageState loading={content.loading} error={content.error} onRetry={content.reload}>
      {content.form ? (
        <Card title={<Typography.Title level={3}>
          {t('records.new_of', { form: localText(content.form.name) || key })}</Typography.Title>}>
          <FormRenderer form={content.form} value={data} onChange={setData}
            errors={submit.errors} disabled={submit.busy} signer={me?.name ?? ''} />
          {submit.error ? <ProblemAlert error={submit.error} /> : null}
          <Space className="fw-mt">
            <Button type="primary" loading={submit.busy} onClick={() => void send()}>
              {t('action.submit')}
            </Button>
            <Button onClick={() => void navigate(-1)}>{t('action.cancel')}</Button>
          </Space>
        </Card>
      ) : null}
    </PageState>
  );
}
