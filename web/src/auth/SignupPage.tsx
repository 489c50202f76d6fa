import { useState } from 'react';
import { Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/client';
import { fieldErrors } from '../api/problems';
import { LanguageSwitch } from '../app/Shell';
import { ProblemAlert } from '../components';
import { currentLanguage } from '../i18n';
import { useAuth } from './AuthContext';

interface SignupForm {
  tenant: string;
  name: string;
  email: string;
  password: string;
}

/** Create an organisation and its owner, sign in, go to the guide. */
export default function SignupPage() {
  const { t } = useTranslation();
  const { login } = useAuth();
  const navigate = useNavigate();
  const [form] = Form.useForm<SignupForm>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: SignupForm) => {
    setBusy(true);
    setError(undefined);
    try {
      await api('POST', '/api/v1/signup', { ...v, locale: currentLanguage() });
      await login(v.email, v.password);
      await navigate('/welcome', { replace: true });
    } catch (e) {
      setError(e);
      const byField = fieldErrors(e, '');
      form.setFields(
        Object.entries(byField)
          .filter(([name]) => name in v)
          .map(([name, errors]) => ({ name: name as keyof SignupForm, errors })),
      );
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
      <Card title={t('auth.signup_title')}>
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} name="signup">
          <Form.Item name="tenant" label={t('auth.organisation')}
            rules={[{ required: true, message: t('form.required') }]}>
            <Input autoComplete="organization" />
          </Form.Item>
          <Form.Item name="name" label={t('auth.name')}
            rules={[{ required: true, message: t('form.required') }]}>
            <Input autoComplete="name" />
          </Form.Item>
          <Form.Item name="email" label={t('auth.email')}
            rules={[{ required: true, type: 'email', message: t('auth.email_required') }]}>
            <Input autoComplete="username" inputMode="email" />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} extra={t('auth.password_hint')}
            rules={[{ required: true, message: t('auth.password_required') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <ProblemAlert error={error} />
          <Button type="primary" htmlType="submit" block loading={busy} className="fw-mt">
            {t('auth.create')}
          </Button>
        </Form>
        <Typography.Paragraph className="fw-mt">
          {t('auth.have_account')} <Link to="/login">{t('auth.login')}</Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
