import { Space, Typography } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The page's one h1, also written into the document title. */
export function PageTitle({ children, extra }: { children: string; extra?: ReactNode }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${children} · ${t('appName')}`;
  }, [children, t]);
  return (
    <Space
      align="center"
      wrap
      style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}
    >
      <Typography.Title level={1} style={{ fontSize: 26, margin: 0 }}>
        {children}
      </Typography.Title>
      {extra}
    </Space>
  );
}
