import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Grid,
  Input,
  Modal,
  Pagination,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useErrorMessage } from '../../api/errors';
import { PageTitle } from '../../shared/PageTitle';
import { ErrorState, Loading, QueryView } from '../../shared/QueryState';
import { CategoryTag, ProposalStatusTag } from '../../shared/StatusTags';
import type { Cycle } from '../../shared/cycles';
import { CyclePicker } from './CyclePicker';
import { useFormat } from '../../shared/format';
import { useChosenCycle, type Proposal } from './queries';

const PAGE_SIZE = 10;

type Review =
  | { decision: 'accept' }
  | { decision: 'reject'; reason: string }
  | {
      decision: 'merge';
      mergeIntoId: string;
    };

/** A review takes the proposal out of the queue and changes the cycle's lists and counts. */
function useReview(proposal: Proposal) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (review: Review) =>
      unwrap(
        api.POST('/api/proposals/{id}/review', {
          params: { path: { id: proposal.id } },
          body: review,
        }),
      ),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['proposals', proposal.cycleId] }),
        queryClient.invalidateQueries({ queryKey: ['proposal', proposal.id] }),
        queryClient.invalidateQueries({ queryKey: ['cycles'] }),
        queryClient.invalidateQueries({ queryKey: ['cycle', proposal.cycleId] }),
      ]);
    },
  });
}

export function Screening() {
  const { t } = useTranslation('official');
  const { cycles, cycle, choose } = useChosenCycle(['screening']);
  return (
    <>
      <PageTitle>{t('screening.title')}</PageTitle>
      <QueryView query={cycles}>
        {({ items }) =>
          cycle ? (
            <>
              <CyclePicker cycles={items} value={cycle} onChange={choose} />
              <Queue key={cycle.id} cycle={cycle} />
            </>
          ) : (
            <Empty description={t('cycle.none')} />
          )
        }
      </QueryView>
    </>
  );
}

function Queue({ cycle }: { cycle: Cycle }) {
  const { t } = useTranslation('official');
  const [page, setPage] = useState(1);
  const screening = cycle.phase === 'screening';
  const queue = useQuery({
    queryKey: ['proposals', cycle.id, 'queue', page],
    queryFn: () =>
      unwrap(
        api.GET('/api/cycles/{id}/proposals', {
          params: {
            path: { id: cycle.id },
            query: { status: 'submitted', page, pageSize: PAGE_SIZE },
          },
        }),
      ),
  });
  const total = queue.data?.total ?? 0;
  // The last item of the last page was reviewed: show the page before it.
  const lastPage = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (queue.data && queue.data.items.length === 0 && page > lastPage) {
    setPage(lastPage);
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {!screening && (
        <Alert
          type="info"
          showIcon
          title={t('screening.notScreening', {
            phase: t(`common:phases.${cycle.phase}`),
          })}
          description={t(`screening.phaseHint.${cycle.phase}`)}
        />
      )}
      {screening && <Typography.Paragraph>{t('screening.intro')}</Typography.Paragraph>}
      {queue.isPending ? (
        <Loading />
      ) : queue.isError ? (
        <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />
      ) : queue.data.items.length === 0 ? (
        <Empty
          description={
            <>
              <Typography.Paragraph>{t('screening.empty')}</Typography.Paragraph>
              {screening && (
                <Link to={`/official/candidates?cycle=${cycle.id}`}>
                  {t('screening.toCandidates')}
                </Link>
              )}
            </>
          }
        />
      ) : (
        <>
          <Typography.Text role="status">{t('screening.count', { count: total })}</Typography.Text>
          {queue.data.items.map((proposal) => (
            <ProposalCard key={proposal.id} proposal={proposal} screening={screening} />
          ))}
          {total > PAGE_SIZE && (
            <Pagination
              current={page}
              pageSize={PAGE_SIZE}
              total={total}
              onChange={setPage}
              showSizeChanger={false}
              align="center"
            />
          )}
        </>
      )}
    </Space>
  );
}

function ProposalCard({ proposal, screening }: { proposal: Proposal; screening: boolean }) {
  const { t } = useTranslation('official');
  const { message, modal } = App.useApp();
  const errorMessage = useErrorMessage();
  const format = useFormat();
  const titleId = useId();
  const detailsId = useId();
  const [expanded, setExpanded] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [merging, setMerging] = useState(false);
  const review = useReview(proposal);

  const accept = () =>
    review.mutate(
      { decision: 'accept' },
      {
        onSuccess: () => void message.success(t('screening.accepted', { title: proposal.title })),
      },
    );

  // A dialog rather than a popover: it takes the focus, so the keyboard reaches its buttons.
  const confirmAccept = () => {
    modal.confirm({
      title: t('screening.acceptConfirm'),
      content: proposal.title,
      okText: t('screening.accept'),
      cancelText: t('common:actions.cancel'),
      onOk: accept,
    });
  };

  return (
    <Card role="article" aria-labelledby={titleId} size="small">
      <Typography.Title level={2} id={titleId} style={{ fontSize: 18, marginTop: 0 }}>
        {proposal.title}
      </Typography.Title>
      <Space wrap size={[4, 4]} style={{ marginBottom: 8 }}>
        <CategoryTag category={proposal.category} />
        <ProposalStatusTag status={proposal.status} />
        <Tag>{t('screening.supports', { count: proposal.supportCount })}</Tag>
        {proposal.anonymous && <Tag color="purple">{t('screening.anonymous')}</Tag>}
        <Typography.Text type="secondary">
          {t('screening.submittedAt', { date: format.dateTime(proposal.createdAt) })}
        </Typography.Text>
      </Space>
      <Typography.Paragraph
        ellipsis={expanded ? false : { rows: 2 }}
        style={{ whiteSpace: 'pre-wrap' }}
      >
        {proposal.description}
      </Typography.Paragraph>
      <div id={detailsId} hidden={!expanded}>
        {expanded && <ProposalDetails proposal={proposal} />}
      </div>
      {review.isError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(review.error)}
          style={{ marginBottom: 12 }}
          closable={{ onClose: () => review.reset() }}
        />
      )}
      <Space wrap>
        <Button
          type="link"
          aria-expanded={expanded}
          aria-controls={detailsId}
          onClick={() => setExpanded(!expanded)}
          style={{ paddingInline: 0 }}
        >
          {expanded ? t('screening.collapse') : t('screening.expand')}
        </Button>
        {screening && (
          <>
            <Button
              type="primary"
              loading={review.isPending && review.variables?.decision === 'accept'}
              onClick={confirmAccept}
            >
              {t('screening.accept')}
            </Button>
            <Button danger onClick={() => setRejecting(true)}>
              {t('screening.reject')}
            </Button>
            <Button onClick={() => setMerging(true)}>{t('screening.merge')}</Button>
          </>
        )}
      </Space>
      {rejecting && <RejectModal proposal={proposal} onClose={() => setRejecting(false)} />}
      {merging && <MergeModal proposal={proposal} onClose={() => setMerging(false)} />}
    </Card>
  );
}

function ProposalDetails({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation('official');
  const screens = Grid.useBreakpoint();
  const contact = useQuery({
    queryKey: ['proposal', proposal.id, 'author-contact'],
    queryFn: () =>
      unwrap(
        api.GET('/api/proposals/{id}/author-contact', { params: { path: { id: proposal.id } } }),
      ),
    staleTime: 60_000,
  });
  const none = t('screening.none');
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      layout={screens.sm ? 'horizontal' : 'vertical'}
      style={{ marginBottom: 12 }}
      items={[
        { key: 'location', label: t('screening.location'), children: proposal.location || none },
        {
          key: 'author',
          label: t('screening.author'),
          children: contact.isPending ? (
            t('common:states.loading')
          ) : contact.isError ? (
            <ErrorState error={contact.error} onRetry={() => void contact.refetch()} />
          ) : (
            <Space direction="vertical" size={0}>
              <span>{contact.data.displayName}</span>
              <span>
                {t('screening.email')}
                {contact.data.email ? (
                  <a href={`mailto:${contact.data.email}`}>{contact.data.email}</a>
                ) : (
                  none
                )}
              </span>
              <span>
                {t('screening.phone')}
                {contact.data.phone ? (
                  <a href={`tel:${contact.data.phone}`}>{contact.data.phone}</a>
                ) : (
                  none
                )}
              </span>
              {proposal.anonymous && (
                <Typography.Text strong>{t('screening.anonymousHint')}</Typography.Text>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}

function RejectModal({ proposal, onClose }: { proposal: Proposal; onClose: () => void }) {
  const { t } = useTranslation('official');
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<{ reason: string }>();
  const review = useReview(proposal);
  const submit = ({ reason }: { reason: string }) =>
    review.mutate(
      { decision: 'reject', reason: reason.trim() },
      {
        onSuccess: () => {
          void message.success(t('screening.rejected', { title: proposal.title }));
          onClose();
        },
      },
    );
  return (
    <Modal
      open
      title={t('screening.rejectTitle', { title: proposal.title })}
      okText={t('screening.reject')}
      okButtonProps={{ danger: true, loading: review.isPending }}
      cancelText={t('common:actions.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        title={t('screening.reasonPublic')}
        style={{ marginBottom: 16 }}
      />
      {review.isError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(review.error)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="reason"
          label={t('screening.reason')}
          rules={[
            { required: true, whitespace: true, message: t('screening.reasonRequired') },
            { max: 1000 },
          ]}
        >
          <Input.TextArea rows={4} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MergeModal({ proposal, onClose }: { proposal: Proposal; onClose: () => void }) {
  const { t } = useTranslation('official');
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<{ mergeIntoId: string }>();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const targets = useQuery({
    queryKey: ['proposals', proposal.cycleId, 'merge-targets', q],
    queryFn: () =>
      unwrap(
        api.GET('/api/cycles/{id}/proposals', {
          params: {
            path: { id: proposal.cycleId },
            query: { q: q || undefined, sort: 'supports', pageSize: 30 },
          },
        }),
      ),
  });
  // The API merges only into another submitted or accepted proposal.
  const options = (targets.data?.items ?? [])
    .filter((item) => item.id !== proposal.id && ['submitted', 'accepted'].includes(item.status))
    .map((item) => ({
      value: item.id,
      label: t('screening.targetOption', {
        title: item.title,
        status: t(`common:proposalStatus.${item.status}`),
        supports: item.supportCount,
      }),
    }));
  const review = useReview(proposal);
  const submit = ({ mergeIntoId }: { mergeIntoId: string }) =>
    review.mutate(
      { decision: 'merge', mergeIntoId },
      {
        onSuccess: () => {
          void message.success(t('screening.merged', { title: proposal.title }));
          onClose();
        },
      },
    );
  return (
    <Modal
      open
      title={t('screening.mergeTitle', { title: proposal.title })}
      okText={t('screening.merge')}
      okButtonProps={{ loading: review.isPending }}
      cancelText={t('common:actions.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('screening.mergeHint')}</Typography.Paragraph>
      {review.isError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(review.error)}
          style={{ marginBottom: 16 }}
        />
      )}
      {targets.isError && (
        <ErrorState error={targets.error} onRetry={() => void targets.refetch()} />
      )}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="mergeIntoId"
          label={t('screening.mergeTarget')}
          rules={[{ required: true, message: t('screening.mergeTargetRequired') }]}
        >
          <Select
            showSearch={{ filterOption: false, onSearch: setTyped }}
            placeholder={t('screening.mergeSearch')}
            loading={targets.isFetching}
            options={options}
            notFoundContent={
              targets.isFetching ? t('common:states.loading') : t('screening.noTargets')
            }
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
