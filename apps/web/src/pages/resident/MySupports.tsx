import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useErrorMessage } from '../../api/errors';
import { useCycles, type Cycle } from '../../shared/cycles';
import { PageTitle } from '../../shared/PageTitle';
import { QueryView } from '../../shared/QueryState';
import { CategoryTag, ProposalStatusTag } from '../../shared/StatusTags';
import { formatDateTime } from './format';

const PAGE_SIZE = 10;

export function MySupports() {
  const { t } = useTranslation('resident');
  const cycles = useCycles();
  const [page, setPage] = useState(1);
  const supports = useQuery({
    queryKey: ['me', 'supports', page],
    queryFn: () =>
      unwrap(api.GET('/api/me/supports', { params: { query: { page, pageSize: PAGE_SIZE } } })),
  });
  const cyclesById = new Map((cycles.data?.items ?? []).map((cycle) => [cycle.id, cycle]));
  return (
    <>
      <PageTitle>{t('mySupports.title')}</PageTitle>
      <Typography.Paragraph>{t('mySupports.intro')}</Typography.Paragraph>
      <QueryView query={supports} empty={(data) => data.total === 0}>
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
                <Supported proposal={proposal} cycle={cyclesById.get(proposal.cycleId)} />
              </List.Item>
            )}
          />
        )}
      </QueryView>
    </>
  );
}

function Supported({
  proposal,
  cycle,
}: {
  proposal: Schemas['SupportedProposalResponse'];
  cycle: Cycle | undefined;
}) {
  const { t, i18n } = useTranslation('resident');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const withdraw = useMutation({
    mutationFn: () =>
      unwrap(api.DELETE('/api/proposals/{id}/supports', { params: { path: { id: proposal.id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['me', 'supports'] }),
  });
  const collecting = cycle?.phase === 'collecting';
  return (
    <Card size="small" style={{ width: '100%' }}>
      <Space direction="vertical" size={6} style={{ width: '100%' }}>
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          <Link to={`/proposals/${proposal.id}`}>{proposal.title}</Link>
        </Typography.Title>
        <Space wrap size={[4, 4]}>
          <ProposalStatusTag status={proposal.status} />
          <CategoryTag category={proposal.category} />
        </Space>
        <Typography.Text type="secondary">
          {cycle?.title} ·{' '}
          {t('mySupports.supportedAt', { at: formatDateTime(proposal.supportedAt, i18n.language) })}{' '}
          · {t('similar.supportCount', { count: proposal.supportCount })}
        </Typography.Text>
        {withdraw.isError && (
          <Alert type="error" showIcon role="alert" title={errorMessage(withdraw.error)} />
        )}
        {collecting ? (
          <Button
            onClick={() => withdraw.mutate()}
            loading={withdraw.isPending}
            style={{ alignSelf: 'flex-start' }}
            aria-label={t('mySupports.withdrawThis', { title: proposal.title })}
          >
            {t('mySupports.withdraw')}
          </Button>
        ) : (
          <Typography.Text type="secondary">{t('mySupports.closed')}</Typography.Text>
        )}
      </Space>
    </Card>
  );
}
