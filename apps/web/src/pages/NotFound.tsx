import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { LinkButton } from '../shared/LinkButton';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('states.notFound')}
      subTitle={t('states.notFoundHint')}
      extra={
        <LinkButton to="/" type="primary">
          {t('nav.home')}
        </LinkButton>
      }
    />
  );
}
