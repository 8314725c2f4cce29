import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';
import { useErrorMessage } from '../api/errors';
import { Notice } from '../shared/Notice';

/** What a page shows when it failed to load or threw while rendering. */
export function RouteError() {
  const error = useRouteError();
  const { t } = useTranslation();
  const message = useErrorMessage();
  return (
    <Notice title={message(error)}>
      <Button type="primary" onClick={() => window.location.reload()}>
        {t('actions.retry')}
      </Button>
    </Notice>
  );
}
