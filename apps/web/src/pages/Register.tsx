import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Schemas } from '../api/client';
import { useErrorMessage } from '../api/errors';
import { useSession } from '../auth/session';
import { PageTitle } from '../shared/PageTitle';

interface RegisterForm {
  displayName: string;
  email?: string;
  phone?: string;
  password: string;
}

export function Register() {
  const { t } = useTranslation();
  const { register } = useSession();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: RegisterForm) => {
    setBusy(true);
    setError(null);
    const body: Schemas['RegisterDto'] = {
      displayName: values.displayName.trim(),
      password: values.password,
      ...(values.email?.trim() ? { email: values.email.trim() } : {}),
      ...(values.phone?.trim() ? { phone: values.phone.trim() } : {}),
    };
    try {
      await register(body);
      await navigate('/', { replace: true });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const contactRule = ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
    validator: () =>
      getFieldValue('email') || getFieldValue('phone')
        ? Promise.resolve()
        : Promise.reject(new Error(t('register.contactRequired'))),
  });

  return (
    <Card style={{ maxWidth: 480, margin: '24px auto' }}>
      <PageTitle>{t('register.title')}</PageTitle>
      {error !== null && (
        <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} />
      )}
      <Form<RegisterForm>
        layout="vertical"
        onFinish={(values) => void submit(values)}
        requiredMark={false}
      >
        <Form.Item
          name="displayName"
          label={t('register.displayName')}
          rules={[{ required: true, whitespace: true, max: 50 }]}
        >
          <Input autoComplete="nickname" size="large" />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('register.email')}
          dependencies={['phone']}
          rules={[{ type: 'email' }, contactRule]}
        >
          <Input type="email" autoComplete="email" size="large" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('register.phone')}
          dependencies={['email']}
          rules={[{ pattern: /^(\+86|0086)?[\s-]?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}$/ }, contactRule]}
        >
          <Input type="tel" autoComplete="tel" size="large" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('register.password')}
          rules={[{ required: true, min: 8, max: 128 }]}
        >
          <Input.Password autoComplete="new-password" size="large" />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={busy}>
          {t('register.submit')}
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16 }}>
        {t('register.haveAccount')} <Link to="/sign-in">{t('nav.signIn')}</Link>
      </Typography.Paragraph>
    </Card>
  );
}
