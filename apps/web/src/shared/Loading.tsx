import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

export function Loading() {
  const { t } = useTranslation();
  return (
    <div role="status" className="page-loading">
      <Spin />
      <div>{t('states.loading')}</div>
    </div>
  );
}
