import { useState } from 'react';
import { Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { LanguageSwitch } from '../app/Shell';
import { ProblemAlert } from '../components';
import { useAuth } from './AuthContext';

/** Sign in with e-mail and password. */
export default function LoginPage() {
  const { t } = useTranslation();
  const { login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  const submit = async (v: { email: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      await login(v.email, v.password);
      await navigate(from, { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="fw-auth">
      <div className="fw-auth-top">
        <Typography.Title level={3}>Formwork</Typography.Title>
        <LanguageSwitch />
      </div>
      <Card title={t('auth.login_title')}>
        <Form layout="vertical" onFinish={submit} requiredMark={false} name="login">
          <Form.Item name="email" label={t('auth.email')}
            rules={[{ required: true, type: 'email', message: t('auth.email_required') }]}>
            <Input autoComplete="username" inputMode="email" />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')}
            rules={[{ required: true, message: t('auth.password_required') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <ProblemAlert error={error} />
          <Button type="primary" htmlType="submit" block loading={busy} className="fw-mt">
            {t('auth.login')}
          </Button>
        </Form>
        <Typography.Paragraph className="fw-mt">
          <Link to="/reset">{t('auth.forgot_password')}</Link>
        </Typography.Paragraph>
        <Typography.Paragraph>
          {t('auth.no_account')} <Link to="/signup">{t('auth.signup')}</Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
