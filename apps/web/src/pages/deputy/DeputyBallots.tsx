import { useQueries } from '@tanstack/react-query';
import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useCycles, type Cycle } from '../../shared/cycles';
import { PageTitle } from '../../shared/PageTitle';
import { ErrorState, Loading, QueryView } from '../../shared/QueryState';
import type { Ballot } from './marks';
import { LinkButton } from '../../shared/LinkButton';

/** Ballots exist from balloting on; the newest few cycles are the ones that matter. */
const WITH_BALLOTS: Cycle['phase'][] = ['balloting', 'implementing', 'evaluating', 'closed'];
const RECENT = 3;

export function DeputyBallots() {
  const { t } = useTranslation('deputy');
  const cycles = useCycles();
  return (
    <>
      <PageTitle>{t('ballots.title')}</PageTitle>
      <QueryView query={cycles}>
        {({ items }) => (
          <BallotsOf
            cycles={items
              .filter((cycle) => WITH_BALLOTS.includes(cycle.phase))
              .sort((a, b) => b.year - a.year)
              .slice(0, RECENT)}
          />
        )}
      </QueryView>
    </>
  );
}

function BallotsOf({ cycles }: { cycles: Cycle[] }) {
  const { t } = useTranslation('deputy');
  const lists = useQueries({
    queries: cycles.map((cycle) => ({
      queryKey: ['deputy-ballots', cycle.id],
      queryFn: () =>
        unwrap(api.GET('/api/cycles/{id}/ballots', { params: { path: { id: cycle.id } } })),
    })),
  });
  const ballots = lists.flatMap((list) => list.data ?? []);
  const open = ballots.filter((ballot) => ballot.status === 'open');
  const votes = useQueries({
    queries: open.map((ballot) => ({
      queryKey: ['my-vote', ballot.id],
      queryFn: () =>
        unwrap(api.GET('/api/ballots/{id}/my-vote', { params: { path: { id: ballot.id } } })),
    })),
  });
  if (lists.some((list) => list.isPending)) {
    return <Loading />;
  }
  const failed = lists.find((list) => list.isError);
  if (failed) {
    return <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />;
  }
  const titles = new Map(cycles.map((cycle) => [cycle.id, cycle.title]));
  const others = ballots.filter((ballot) => ballot.status !== 'open');
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <section aria-labelledby="open-ballots">
        <Typography.Title level={2} id="open-ballots" style={{ fontSize: 20 }}>
          {t('ballots.open')}
        </Typography.Title>
        {open.length === 0 ? (
          <Empty description={t('ballots.noneOpen')} />
        ) : (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            {open.map((ballot, index) => (
              <OpenBallot
                key={ballot.id}
                ballot={ballot}
                cycleTitle={titles.get(ballot.cycleId) ?? ''}
                vote={votes[index]?.data}
              />
            ))}
          </Space>
        )}
      </section>
      {others.length > 0 && (
        <section aria-labelledby="other-ballots">
          <Typography.Title level={2} id="other-ballots" style={{ fontSize: 20 }}>
            {t('ballots.others')}
          </Typography.Title>
          <List
            bordered
            dataSource={others}
            renderItem={(ballot) => (
              <List.Item
                extra={
                  ballot.status === 'counted' ? (
                    <Link to={`/ballots/${ballot.id}/result`}>{t('vote.seeResult')}</Link>
                  ) : undefined
                }
              >
                <Space wrap>
                  <span>
                    {titles.get(ballot.cycleId)} · {t(`common:ballotKind.${ballot.kind}`)}
                  </span>
                  <Tag>{t(`common:ballotStatus.${ballot.status}`)}</Tag>
                </Space>
              </List.Item>
            )}
          />
        </section>
      )}
    </Space>
  );
}

function OpenBallot({
  ballot,
  cycleTitle,
  vote,
}: {
  ballot: Ballot;
  cycleTitle: string;
  vote: Schemas['MyVoteResponse'] | undefined;
}) {
  const { t, i18n } = useTranslation('deputy');
  const name = `${cycleTitle} · ${t(`common:ballotKind.${ballot.kind}`)}`;
  const state = !vote
    ? null
    : vote.voted
      ? {
          color: 'green',
          text: t(vote.channel === 'paper' ? 'ballots.votedPaper' : 'ballots.voted'),
        }
      : !vote.inElectorate
        ? { color: 'default', text: t('ballots.notInElectorate') }
        : { color: 'orange', text: t('ballots.notVoted') };
  const canVote = vote && !vote.voted && vote.inElectorate;
  return (
    <Card>
      <Space direction="vertical" size="small" style={{ width: '100%' }}>
        <Typography.Title level={3} style={{ fontSize: 18, margin: 0 }}>
          {name}
        </Typography.Title>
        <Space wrap>
          <Tag color="red">{t('common:ballotStatus.open')}</Tag>
          {state && <Tag color={state.color}>{state.text}</Tag>}
        </Space>
        <Typography.Text>
          {ballot.kind === 'evaluation'
            ? t('ballots.itemsEvaluation', { count: ballot.candidates.length })
            : t('ballots.items', { count: ballot.candidates.length, seats: ballot.seats })}
          {' · '}
          {t('ballots.turnout', { cast: ballot.castCount, total: ballot.deputyCount })}
          {ballot.closesAt &&
            ` · ${t('ballots.closesAt', { at: new Date(ballot.closesAt).toLocaleString(i18n.language) })}`}
        </Typography.Text>
        {canVote && (
          <LinkButton
            to={`/ballots/${ballot.id}/vote`}
            type="primary"
            size="large"
            aria-label={t('ballots.voteOn', { name })}
          >
            {t('ballots.vote')}
          </LinkButton>
        )}
      </Space>
    </Card>
  );
}
