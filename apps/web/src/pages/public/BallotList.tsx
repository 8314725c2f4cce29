import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Flex, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useSession } from '../../auth/session';
import { useCycle } from '../../shared/cycles';
import { LinkButton } from '../../shared/LinkButton';
import { PageTitle } from '../../shared/PageTitle';
import { Loading, QueryView } from '../../shared/QueryState';
import { useFormat } from '../../shared/format';
import { BallotStatusTag } from '../../shared/StatusTags';

/** A sign-in link that comes back here. */
export function SignInHint({ text }: { text: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <Alert
      type="info"
      showIcon
      title={text}
      action={
        <LinkButton
          size="small"
          to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`}
        >
          {t('nav.signIn')}
        </LinkButton>
      }
    />
  );
}

/** A cycle's ballots; the API lists them to signed-in users only. */
export function BallotList({ cycleId }: { cycleId: string }) {
  const { t } = useTranslation('public');
  const { user } = useSession();
  const format = useFormat();
  const ballots = useQuery({
    queryKey: ['cycle', cycleId, 'ballots'],
    queryFn: () =>
      unwrap(api.GET('/api/cycles/{id}/ballots', { params: { path: { id: cycleId } } })),
    enabled: !!user,
  });
  if (user === undefined) {
    return <Loading />;
  }
  if (user === null) {
    return <SignInHint text={t('ballots.signInToList')} />;
  }
  return (
    <QueryView query={ballots} empty={(items) => items.length === 0}>
      {(items) => (
        <Flex vertical gap={12}>
          {items.map((ballot) => (
            <Card key={ballot.id} size="small">
              <Flex justify="space-between" align="center" wrap gap={8}>
                <Space wrap>
                  <Typography.Text strong>{t(`common:ballotKind.${ballot.kind}`)}</Typography.Text>
                  <BallotStatusTag status={ballot.status} />
                  <Typography.Text>
                    {t('ballots.cast', { cast: ballot.castCount, total: ballot.deputyCount })}
                  </Typography.Text>
                  {ballot.kind !== 'evaluation' && (
                    <Typography.Text>{t('ballots.seats', { count: ballot.seats })}</Typography.Text>
                  )}
                  {ballot.countedAt && (
                    <Typography.Text>
                      {t('ballots.countedAt', { date: format.dateTime(ballot.countedAt) })}
                    </Typography.Text>
                  )}
                </Space>
                {ballot.status === 'counted' ? (
                  <Space wrap>
                    <Link to={`/ballots/${ballot.id}/result`}>{t('ballots.result')}</Link>
                    <Link to={`/ballots/${ballot.id}/bulletin`}>{t('ballots.bulletin')}</Link>
                  </Space>
                ) : (
                  <Typography.Text type="secondary">{t('ballots.notCountedShort')}</Typography.Text>
                )}
              </Flex>
            </Card>
          ))}
        </Flex>
      )}
    </QueryView>
  );
}

export function BallotListPage() {
  const { id } = useParams();
  const { t } = useTranslation('public');
  const cycle = useCycle(id);
  return (
    <>
      <PageTitle>{t('ballots.title')}</PageTitle>
      {cycle.data && (
        <Typography.Paragraph>
          <Link to={`/cycles/${cycle.data.id}`}>{cycle.data.title}</Link>
        </Typography.Paragraph>
      )}
      {id && <BallotList cycleId={id} />}
    </>
  );
}
