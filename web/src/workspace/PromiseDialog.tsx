import { useEffect, useState } from 'react';
import { App, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { PageState, ProblemAlert } from '../components';
import { cleanData } from './formModel';
import type { FormData } from './formModel';
import { FormRenderer } from './FormRenderer';
import { useFormContent } from './useForms';
import { useSubmit } from './useSubmit';

/** The form key of promises (commitment center pack). */
export const promiseForm = 'promise';

/**
 * Quick-records a promise made to the record's customer: delivery time,
 * price range and extra benefits are all required by the promise form.
 */
export function PromiseDialog({ open, customer, onClose }: {
  open: boolean; customer: string; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const content = useFormContent(open ? promiseForm : undefined);
  const [data, setData] = useState<FormData>({});
  useEffect(() => {
    if (open) setData({ customer, status: 'open' });
  }, [open, customer]);
  const submit = useSubmit(() => api('POST', '/api/v1/records',
    { form: promiseForm, data: cleanData(data) }));
  const save = async () => {
    if (await submit.run()) {
      void message.success(t('promise.saved'));
      onClose(true);
    }
  };
  return (
    <Modal open={open} title={t('promise.title')} onCancel={() => onClose(false)}
      onOk={() => void save()} okText={t('action.save')} cancelText={t('action.cancel')}
      confirmLoading={submit.busy} destroyOnHidden>
      <PageState loading={content.loading} error={content.error} onRetry={content.reload}>
        {content.form ? <FormRenderer form={content.form} value={data} onChange={setData}
          errors={submit.errors} disabled={submit.busy} /> : null}
        {submit.error ? <ProblemAlert error={submit.error} /> : null}
      </PageState>
    </Modal>
  );
}
