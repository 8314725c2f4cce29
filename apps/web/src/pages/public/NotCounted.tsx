import { useQuery } from '@tanstack/react-query';
import { Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../../api/client';
import { useSession } from '../../auth/session';
import { BallotStatusTag } from '../../shared/StatusTags';
import { SignInHint } from './BallotList';

/** A 409 from a result or bulletin: the ballot is not counted yet. */
export function isNotCounted(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409;
}

/** "尚未计票", with the one figure there is before the count: the ballots cast (signed in only). */
export function NotCounted({ ballotId }: { ballotId: string }) {
  const { t } = useTranslation('public');
  const { user } = useSession();
  const ballot = useQuery({
    queryKey: ['ballot', ballotId],
    queryFn: () => unwrap(api.GET('/api/ballots/{id}', { params: { path: { id: ballotId } } })),
    enabled: !!user,
  });
  return (
    <Result
      status="info"
      title={t('result.notCounted')}
      subTitle={
        ballot.data ? (
          <>
            <BallotStatusTag status={ballot.data.status} />{' '}
            {t('result.castSoFar', {
              cast: ballot.data.castCount,
              total: ballot.data.deputyCount,
            })}
          </>
        ) : (
          t('result.appearsOnceCounted')
        )
      }
      extra={
        user === null ? (
          <SignInHint text={t('result.signInForCount')} />
        ) : (
          <Typography.Text>{t('result.noLiveCounts')}</Typography.Text>
        )
      }
    />
  );
}
