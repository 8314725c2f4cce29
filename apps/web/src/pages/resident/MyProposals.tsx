import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useErrorMessage } from '../../api/errors';
import { useCycles } from '../../shared/cycles';
import { PageTitle } from '../../shared/PageTitle';
import { QueryView } from '../../shared/QueryState';
import { CategoryTag, ProposalStatusTag } from '../../shared/StatusTags';
import { CycleFilter } from './CycleFilter';
import { formatDateTime } from './format';
import { LinkButton } from '../../shared/LinkButton';

const PAGE_SIZE = 10;

export function MyProposals() {
  const { t } = useTranslation('resident');
  const cycles = useCycles();
  const [cycleId, setCycleId] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const mine = useQuery({
    queryKey: ['me', 'proposals', cycleId ?? null, page],
    queryFn: () =>
      unwrap(
        api.GET('/api/me/proposals', {
          params: { query: { cycleId, page, pageSize: PAGE_SIZE } },
        }),
      ),
  });
  const cycleTitles = new Map((cycles.data?.items ?? []).map((cycle) => [cycle.id, cycle.title]));
  return (
    <>
      <PageTitle
        extra={
          <LinkButton to="/propose" type="primary" size="large">
            {t('nav.propose')}
          </LinkButton>
        }
      >
        {t('myProposals.title')}
      </PageTitle>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <CycleFilter
          cycles={cycles.data?.items ?? []}
          value={cycleId}
          onChange={(next) => {
            setCycleId(next);
            setPage(1);
          }}
        />
        <QueryView query={mine} empty={(data) => data.total === 0}>
          {(data) => (
            <List
              dataSource={data.items}
              pagination={
                data.total > PAGE_SIZE && {
                  current: page,
                  pageSize: PAGE_SIZE,
                  total: data.total,
                  onChange: setPage,
                  showSizeChanger: false,
                }
              }
              renderItem={(proposal) => (
                <List.Item>
                  <MyProposal
                    proposal={proposal}
                    cycleTitle={cycleTitles.get(proposal.cycleId) ?? ''}
                  />
                </List.Item>
              )}
            />
          )}
        </QueryView>
      </Space>
    </>
  );
}

function MyProposal({
  proposal,
  cycleTitle,
}: {
  proposal: Schemas['ProposalResponse'];
  cycleTitle: string;
}) {
  const { t, i18n } = useTranslation('resident');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const withdraw = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/proposals/{id}/withdraw', { params: { path: { id: proposal.id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['me', 'proposals'] }),
  });
  return (
    <Card size="small" style={{ width: '100%' }}>
      <Space direction="vertical" size={6} style={{ width: '100%' }}>
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          <Link to={`/proposals/${proposal.id}`}>{proposal.title}</Link>
        </Typography.Title>
        <Space wrap size={[4, 4]}>
          <ProposalStatusTag status={proposal.status} />
          <CategoryTag category={proposal.category} />
          {proposal.anonymous && <Tag>{t('myProposals.anonymous')}</Tag>}
        </Space>
        <Typography.Text type="secondary">
          {cycleTitle} ·{' '}
          {t('myProposals.filedAt', { at: formatDateTime(proposal.createdAt, i18n.language) })} ·{' '}
          {t('similar.supportCount', { count: proposal.supportCount })}
        </Typography.Text>
        <Outcome proposal={proposal} />
        {withdraw.isError && (
          <Alert type="error" showIcon role="alert" title={errorMessage(withdraw.error)} />
        )}
        {proposal.status === 'submitted' && (
          <Popconfirm
            title={t('myProposals.withdrawConfirm')}
            description={t('myProposals.withdrawHint')}
            okText={t('myProposals.withdraw')}
            cancelText={t('common:actions.cancel')}
            onConfirm={() => withdraw.mutate()}
          >
            <Button danger loading={withdraw.isPending} style={{ alignSelf: 'flex-start' }}>
              {t('myProposals.withdraw')}
            </Button>
          </Popconfirm>
        )}
      </Space>
    </Card>
  );
}

/** What screening decided, in words. */
function Outcome({ proposal }: { proposal: Schemas['ProposalResponse'] }) {
  const { t, i18n } = useTranslation('resident');
  const reviewed = proposal.reviewedAt
    ? t('myProposals.reviewedAt', { at: formatDateTime(proposal.reviewedAt, i18n.language) })
    : '';
  switch (proposal.status) {
    case 'submitted':
      return <Typography.Text>{t('myProposals.outcome.submitted')}</Typography.Text>;
    case 'withdrawn':
      return <Typography.Text>{t('myProposals.outcome.withdrawn')}</Typography.Text>;
    case 'accepted':
      return (
        <Typography.Text>
          {proposal.candidateIds.length > 0
            ? t('myProposals.outcome.candidate')
            : t('myProposals.outcome.accepted')}{' '}
          {reviewed}
        </Typography.Text>
      );
    case 'merged':
      return (
        <Typography.Text>
          {t('myProposals.outcome.merged')}{' '}
          {proposal.mergedIntoId && (
            <Link to={`/proposals/${proposal.mergedIntoId}`}>{t('myProposals.mergedInto')}</Link>
          )}{' '}
          {reviewed}
        </Typography.Text>
      );
    case 'rejected':
      return (
        <Alert
          type="info"
          title={t('myProposals.outcome.rejected')}
          description={
            <>
              {t('myProposals.reason', { reason: proposal.rejectReason ?? '' })} {reviewed}
            </>
          }
        />
      );
  }
}
