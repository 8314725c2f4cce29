import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useErrorMessage } from '../api/errors';
import { useSession } from '../auth/session';
import { PageTitle } from '../shared/PageTitle';

/** Where to go after signing in: only a path of this app, never another site. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

interface SignInForm {
  login: string;
  password: string;
}

export function SignIn() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const errorMessage = useErrorMessage();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: SignInForm) => {
    setBusy(true);
    setError(null);
    try {
      await signIn(values.login.trim(), values.password);
      await navigate(safeNext(params.get('next')), { replace: true });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card style={{ maxWidth: 440, margin: '24px auto' }}>
      <PageTitle>{t('signIn.title')}</PageTitle>
      {error !== null && (
        <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} />
      )}
      <Form<SignInForm>
        layout="vertical"
        onFinish={(values) => void submit(values)}
        requiredMark={false}
      >
        <Form.Item
          name="login"
          label={t('signIn.login')}
          rules={[{ required: true, message: t('signIn.required', { field: t('signIn.login') }) }]}
        >
          <Input autoComplete="username" size="large" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('signIn.password')}
          rules={[
            { required: true, message: t('signIn.required', { field: t('signIn.password') }) },
          ]}
        >
          <Input.Password autoComplete="current-password" size="large" />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={busy}>
          {t('signIn.submit')}
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16 }}>
        {t('signIn.noAccount')} <Link to="/register">{t('signIn.register')}</Link>
      </Typography.Paragraph>
    </Card>
  );
}
