import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError, unwrap, type Schemas } from '../../api/client';
import { useErrorMessage } from '../../api/errors';
import { useSession } from '../../auth/session';
import { useCycle } from '../../shared/cycles';
import { PageTitle } from '../../shared/PageTitle';
import { QueryView } from '../../shared/QueryState';
import { CategoryTag, ProposalStatusTag } from '../../shared/StatusTags';
import { useFormat } from '../../shared/format';
import { useProposal, useTitles } from './queries';
import { SectionTitle } from './ui';

type Proposal = Schemas['ProposalResponse'];

export function ProposalPage() {
  const { id } = useParams();
  const { t } = useTranslation('public');
  const format = useFormat();
  const proposal = useProposal(id);
  return (
    <QueryView query={proposal}>
      {(proposal) => (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <div>
            <PageTitle>{proposal.title}</PageTitle>
            <Space wrap size={[4, 4]}>
              <CategoryTag category={proposal.category} />
              <ProposalStatusTag status={proposal.status} />
            </Space>
          </div>
          <Card>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
              {proposal.description}
            </Typography.Paragraph>
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2 }}
              items={[
                {
                  key: 'author',
                  label: t('proposal.author'),
                  children: !proposal.author
                    ? t('proposal.anonymous')
                    : proposal.anonymous
                      ? t('proposal.anonymousShown', { name: proposal.author.displayName })
                      : proposal.author.displayName,
                },
                {
                  key: 'location',
                  label: t('proposal.location'),
                  children: proposal.location ?? '—',
                },
                {
                  key: 'created',
                  label: t('proposal.createdAt'),
                  children: format.date(proposal.createdAt),
                },
                {
                  key: 'supports',
                  label: t('proposal.supports'),
                  children: format.number(proposal.supportCount),
                },
                {
                  key: 'cycle',
                  label: t('proposal.cycle'),
                  children: <CycleLink cycleId={proposal.cycleId} />,
                },
              ]}
            />
            <Actions proposal={proposal} />
          </Card>
          <Card>
            <SectionTitle>{t('proposal.outcome')}</SectionTitle>
            <Outcome proposal={proposal} />
          </Card>
        </Space>
      )}
    </QueryView>
  );
}

function CycleLink({ cycleId }: { cycleId: string }) {
  const cycle = useCycle(cycleId);
  return <Link to={`/cycles/${cycleId}/proposals`}>{cycle.data?.title ?? '…'}</Link>;
}

/** The review outcome: accepted (and the candidates it became), rejected with the reason, merged. */
function Outcome({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation('public');
  const format = useFormat();
  const merged = useTitles('proposal', proposal.mergedIntoId ? [proposal.mergedIntoId] : []);
  const carried = useTitles('proposal', proposal.carriedFromId ? [proposal.carriedFromId] : []);
  const candidates = useTitles('candidate', proposal.candidateIds);
  const reviewed = proposal.reviewedAt
    ? t('proposal.reviewedAt', { date: format.date(proposal.reviewedAt) })
    : null;
  return (
    <Flex vertical gap={12}>
      {proposal.status === 'submitted' && (
        <Typography.Paragraph style={{ margin: 0 }}>
          {t('proposal.awaitingReview')}
        </Typography.Paragraph>
      )}
      {proposal.status === 'withdrawn' && (
        <Typography.Paragraph style={{ margin: 0 }}>
          {t('proposal.withdrawnText')}
        </Typography.Paragraph>
      )}
      {proposal.status === 'accepted' && (
        <Alert type="success" showIcon title={t('proposal.acceptedText')} description={reviewed} />
      )}
      {proposal.status === 'rejected' && (
        <Alert
          type="warning"
          showIcon
          title={t('proposal.rejectedText')}
          description={
            <>
              <div>
                {t('proposal.reason')}
                {proposal.rejectReason ?? '—'}
              </div>
              {reviewed && <div>{reviewed}</div>}
            </>
          }
        />
      )}
      {proposal.status === 'merged' && proposal.mergedIntoId && (
        <Alert
          type="info"
          showIcon
          title={
            <>
              {t('proposal.mergedInto')}
              <Link to={`/proposals/${proposal.mergedIntoId}`}>
                {merged.titles.get(proposal.mergedIntoId) ?? t('proposal.otherProposal')}
              </Link>
            </>
          }
          description={reviewed}
        />
      )}
      {proposal.candidateIds.length > 0 && (
        <div>
          <Typography.Text strong>{t('proposal.becameCandidates')}</Typography.Text>
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
            {proposal.candidateIds.map((candidateId) => (
              <li key={candidateId}>
                <Link to={`/cycles/${proposal.cycleId}/candidates#candidate-${candidateId}`}>
                  {candidates.titles.get(candidateId) ?? t('proposal.candidate')}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
      {proposal.carriedFromId && (
        <Typography.Paragraph style={{ margin: 0 }}>
          {t('proposal.carriedFrom')}
          <Link to={`/proposals/${proposal.carriedFromId}`}>
            {carried.titles.get(proposal.carriedFromId) ?? t('proposal.otherProposal')}
          </Link>
        </Typography.Paragraph>
      )}
    </Flex>
  );
}

/**
 * 附议 / 撤回附议 for residents and deputies, 撤回建议 for the author. The API does not say
 * whether the viewer already supports: a 409 "already supported" or a 404 "not supported"
 * answer tells, and the page switches buttons.
 */
function Actions({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation('public');
  const { user, hasRole } = useSession();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const cycle = useCycle(proposal.cycleId);
  const [supported, setSupported] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['proposal', proposal.id] }),
      queryClient.invalidateQueries({ queryKey: ['proposals'] }),
      queryClient.invalidateQueries({ queryKey: ['cycles'] }),
      queryClient.invalidateQueries({ queryKey: ['cycle', proposal.cycleId] }),
    ]);
  };
  const support = useMutation({
    mutationFn: (add: boolean) =>
      unwrap(
        add
          ? api.POST('/api/proposals/{id}/supports', { params: { path: { id: proposal.id } } })
          : api.DELETE('/api/proposals/{id}/supports', { params: { path: { id: proposal.id } } }),
      ),
    onMutate: () => setError(null),
    onSuccess: (data, add) => {
      setSupported(add);
      queryClient.setQueryData<Proposal>(['proposal', proposal.id], (old) =>
        old ? { ...old, supportCount: data.supportCount } : old,
      );
      void message.success(add ? t('proposal.supportDone') : t('proposal.unsupportDone'));
      void refresh();
    },
    onError: (failure, add) => {
      if (failure instanceof ApiError && failure.code === 'support.exists') {
        setSupported(true);
        void message.info(t('proposal.alreadySupported'));
      } else if (failure instanceof ApiError && failure.code === 'support.not_found' && !add) {
        setSupported(false);
        void message.info(t('proposal.notSupported'));
      } else {
        setError(failure);
      }
    },
  });
  const withdraw = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/proposals/{id}/withdraw', { params: { path: { id: proposal.id } } })),
    onMutate: () => setError(null),
    onSuccess: (data) => {
      queryClient.setQueryData(['proposal', proposal.id], data);
      void message.success(t('proposal.withdrawDone'));
      void refresh();
    },
    onError: setError,
  });

  if (!user) {
    return user === null &&
      proposal.status === 'submitted' &&
      cycle.data?.phase === 'collecting' ? (
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        <Link to={`/sign-in?next=${encodeURIComponent(`/proposals/${proposal.id}`)}`}>
          {t('common:nav.signIn')}
        </Link>{' '}
        {t('proposal.signInToSupport')}
      </Typography.Paragraph>
    ) : null;
  }
  const isAuthor = proposal.author?.id === user.id;
  const collecting = cycle.data?.phase === 'collecting';
  const canSupport = !isAuthor && hasRole('resident', 'deputy');
  const showSupport = canSupport && collecting && (supported || proposal.status === 'submitted');
  const showWithdraw = isAuthor && proposal.status === 'submitted';
  if (!showSupport && !showWithdraw) {
    return canSupport && cycle.data && !collecting && proposal.status === 'submitted' ? (
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        {t('proposal.supportClosed')}
      </Typography.Paragraph>
    ) : null;
  }
  return (
    <Flex vertical gap={12} style={{ marginTop: 16 }}>
      {error !== null && <Alert type="error" showIcon title={errorMessage(error)} />}
      <Space wrap>
        {showSupport &&
          (supported ? (
            <>
              <Typography.Text>{t('proposal.youSupport')}</Typography.Text>
              <Button loading={support.isPending} onClick={() => support.mutate(false)}>
                {t('proposal.unsupport')}
              </Button>
            </>
          ) : (
            <Button type="primary" loading={support.isPending} onClick={() => support.mutate(true)}>
              {t('proposal.support')}
            </Button>
          ))}
        {showWithdraw && (
          <Popconfirm
            title={t('proposal.withdrawConfirm')}
            okText={t('common:actions.confirm')}
            cancelText={t('common:actions.cancel')}
            onConfirm={() => withdraw.mutate()}
          >
            <Button danger loading={withdraw.isPending}>
              {t('proposal.withdraw')}
            </Button>
          </Popconfirm>
        )}
      </Space>
    </Flex>
  );
}
