import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { fieldErrors } from '../api/problems';
import { LanguageSwitch } from '../app/Shell';
import { ProblemAlert } from '../components';

/**
 * The password reset: without a token it asks for the sign-in address and
 * sends the link; with the link's ?token= it sets the new password.
 */
export default function ResetPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';

  return (
    <div className="fw-auth">
      <div className="fw-auth-top">
        <Typography.Title level={3}>Formwork</Typography.Title>
        <LanguageSwitch />
      </div>
      <Card title={t('auth.reset_title')}>
        {token ? <SetPassword token={token} /> : <AskForLink />}
        <Typography.Paragraph className="fw-mt">
          <Link to="/login">{t('auth.login')}</Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}

/** Runs one request, keeping its refusal and whether it is under way. */
function useSubmit<T>(send: (v: T) => Promise<unknown>) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const submit = async (v: T) => {
    setBusy(true);
    setError(undefined);
    try {
      await send(v);
      setDone(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, done, submit };
}

function AskForLink() {
  const { t } = useTranslation();
  const { error, busy, done, submit } = useSubmit((v: { email: string }) =>
    api('POST', '/api/v1/auth/reset', v));
  if (done) return <Alert type="success" showIcon title={t('auth.reset_sent')} />;

  return (
    <Form layout="vertical" onFinish={submit} requiredMark={false} name="reset">
      <Typography.Paragraph>{t('auth.reset_intro')}</Typography.Paragraph>
      <Form.Item name="email" label={t('auth.email')}
        rules={[{ required: true, type: 'email', message: t('auth.email_required') }]}>
        <Input autoComplete="username" inputMode="email" />
      </Form.Item>
      <ProblemAlert error={error} />
      <Button type="primary" htmlType="submit" block loading={busy} className="fw-mt">
        {t('auth.reset_send')}
      </Button>
    </Form>
  );
}

function SetPassword({ token }: { token: string }) {
  const { t } = useTranslation();
  const { error, busy, done, submit } = useSubmit((v: { password: string }) =>
    api('POST', '/api/v1/auth/reset/confirm', { token, password: v.password }));
  if (done) return <Alert type="success" showIcon title={t('auth.reset_done')} />;
  const byField = fieldErrors(error, '');

  return (
    <Form layout="vertical" onFinish={submit} requiredMark={false} name="reset-confirm">
      {byField.token && <Alert type="error" showIcon title={byField.token.join(' ')} />}
      <Form.Item name="password" label={t('auth.reset_new_password')}
        extra={t('auth.password_hint')}
        validateStatus={byField.password ? 'error' : undefined} help={byField.password?.[0]}
        rules={[{ required: true, message: t('auth.password_required') }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      {!byField.token && !byField.password && <ProblemAlert error={error} />}
      <Button type="primary" htmlType="submit" block loading={busy} className="fw-mt">
        {t('auth.reset_save')}
      </Button>
    </Form>
  );
}
