import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';
import { useErrorMessage } from '../api/errors';

/** What a page shows when it failed to load or threw while rendering. */
export function RouteError() {
  const error = useRouteError();
  const { t } = useTranslation();
  const message = useErrorMessage();
  return (
    <Result
      status="error"
      title={message(error)}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('actions.retry')}
        </Button>
      }
    />
  );
}
