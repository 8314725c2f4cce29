import type { UseQueryResult } from '@tanstack/react-query';
import { Alert, Button, Empty } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../api/errors';
import { Loading } from './Loading';

export { Loading };

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  return (
    <Alert
      type="error"
      showIcon
      title={message(error)}
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            {t('actions.retry')}
          </Button>
        )
      }
    />
  );
}

/** Renders a query: a spinner while loading, the error with a retry, else `children(data)`. */
export function QueryView<T>({
  query,
  children,
  empty,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
  /** When true for the data, an empty state instead of children */
  empty?: (data: T) => boolean;
}) {
  const { t } = useTranslation();
  if (query.isPending) {
    return <Loading />;
  }
  if (query.isError) {
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (empty?.(query.data)) {
    return <Empty description={t('states.empty')} />;
  }
  return <>{children(query.data)}</>;
}
