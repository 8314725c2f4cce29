import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Empty,
  List,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useErrorMessage } from '../../api/errors';
import { useSession } from '../../auth/session';
import { PageTitle } from '../../shared/PageTitle';
import { ErrorState, Loading, QueryView } from '../../shared/QueryState';
import { CategoryTag } from '../../shared/StatusTags';
import type { Cycle } from '../../shared/cycles';
import { CandidateForm } from './CandidateForm';
import { CyclePicker } from './CyclePicker';
import { useFormat } from '../../shared/format';
import {
  useAcceptedProposals,
  useCandidates,
  useChosenCycle,
  type Candidate,
  type Proposal,
} from './queries';

export function CandidateBuilder() {
  const { t } = useTranslation('official');
  const { cycles, cycle, choose } = useChosenCycle(['screening']);
  return (
    <>
      <PageTitle>{t('candidates.title')}</PageTitle>
      <QueryView query={cycles}>
        {({ items }) =>
          cycle ? (
            <>
              <CyclePicker cycles={items} value={cycle} onChange={choose} />
              <Builder key={cycle.id} cycle={cycle} />
            </>
          ) : (
            <Empty description={t('cycle.none')} />
          )
        }
      </QueryView>
    </>
  );
}

/** Whether the list is long enough to ballot on: 差额 needs more candidates than seats. */
function SeatsSummary({ cycle, count }: { cycle: Cycle; count: number }) {
  const { t } = useTranslation('official');
  const needed = cycle.allowEqualBallot ? cycle.seats : cycle.seats + 1;
  const enough = count >= needed;
  return (
    <Alert
      type={enough ? 'success' : 'warning'}
      showIcon
      title={t('candidates.seats', { count, seats: cycle.seats })}
      description={
        enough
          ? t(cycle.allowEqualBallot ? 'candidates.enoughEqual' : 'candidates.enough')
          : t(cycle.allowEqualBallot ? 'candidates.needEqual' : 'candidates.need', {
              needed,
              missing: needed - count,
            })
      }
    />
  );
}

function Builder({ cycle }: { cycle: Cycle }) {
  const { t } = useTranslation('official');
  const { user, hasRole } = useSession();
  const accepted = useAcceptedProposals(cycle.id);
  const candidates = useCandidates(cycle.id);
  const [selected, setSelected] = useState<string[]>([]);
  const [editing, setEditing] = useState<Candidate | 'new' | null>(null);
  const editable = cycle.phase === 'screening' && !cycle.candidatesFrozen;
  const everyDepartment = hasRole('secretariat', 'admin');
  // An official acts on their own department's candidates; the secretariat on all of them.
  const mayChange = (candidate: Candidate) =>
    editable && (everyDepartment || candidate.leadDepartment.id === user?.departmentId);

  if (accepted.isPending || candidates.isPending) {
    return <Loading />;
  }
  if (candidates.isError) {
    return <ErrorState error={candidates.error} onRetry={() => void candidates.refetch()} />;
  }
  if (accepted.isError) {
    return <ErrorState error={accepted.error} onRetry={() => void accepted.refetch()} />;
  }
  const sourcesInUse = new Set(candidates.data.flatMap((c) => c.sourceProposals.map((s) => s.id)));
  const free = accepted.data.filter((proposal) => !sourcesInUse.has(proposal.id));

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {cycle.candidatesFrozen ? (
        <Alert
          type="info"
          showIcon
          title={t('candidates.frozen')}
          description={t('candidates.frozenHint')}
        />
      ) : (
        cycle.phase !== 'screening' && (
          <Alert
            type="info"
            showIcon
            title={t('candidates.notScreening', { phase: t(`common:phases.${cycle.phase}`) })}
            description={t('candidates.notScreeningHint')}
          />
        )
      )}
      <SeatsSummary cycle={cycle} count={candidates.data.length} />

      {editable && (
        <section aria-labelledby="accepted-heading">
          <Typography.Title level={2} id="accepted-heading" style={{ fontSize: 20 }}>
            {t('candidates.accepted')}
          </Typography.Title>
          <Typography.Paragraph>{t('candidates.acceptedHint')}</Typography.Paragraph>
          {free.length === 0 ? (
            <Empty
              description={
                <>
                  <Typography.Paragraph>{t('candidates.noAccepted')}</Typography.Paragraph>
                  <Link to={`/official/screening?cycle=${cycle.id}`}>
                    {t('candidates.toScreening')}
                  </Link>
                </>
              }
            />
          ) : (
            <>
              <Checkbox.Group
                value={selected}
                onChange={(values) => setSelected(values)}
                style={{ width: '100%' }}
              >
                <List
                  bordered
                  style={{ width: '100%' }}
                  dataSource={free}
                  renderItem={(proposal) => <AcceptedItem proposal={proposal} />}
                />
              </Checkbox.Group>
              <Button
                type="primary"
                style={{ marginTop: 12 }}
                disabled={selected.length === 0}
                onClick={() => setEditing('new')}
              >
                {t('candidates.createFrom', { count: selected.length })}
              </Button>
            </>
          )}
        </section>
      )}

      <section aria-labelledby="candidates-heading">
        <Space
          align="center"
          wrap
          style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}
        >
          <Typography.Title level={2} id="candidates-heading" style={{ fontSize: 20, margin: 0 }}>
            {t('candidates.list', { count: candidates.data.length })}
          </Typography.Title>
          {editable && <Button onClick={() => setEditing('new')}>{t('candidates.new')}</Button>}
        </Space>
        {candidates.data.length === 0 ? (
          <Empty description={t('candidates.none')} />
        ) : (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            {candidates.data.map((candidate) => (
              <CandidateCard
                key={candidate.id}
                candidate={candidate}
                editable={mayChange(candidate)}
                onEdit={() => setEditing(candidate)}
                readOnlyReason={
                  editable && !mayChange(candidate) ? t('candidates.otherDepartment') : undefined
                }
              />
            ))}
          </Space>
        )}
      </section>

      {editing && (
        <CandidateForm
          cycle={cycle}
          candidate={editing === 'new' ? undefined : editing}
          initialSources={editing === 'new' ? selected : undefined}
          accepted={accepted.data}
          sourcesInUse={sourcesInUse}
          onClose={(saved) => {
            setEditing(null);
            if (saved) {
              setSelected([]);
            }
          }}
        />
      )}
    </Space>
  );
}

function AcceptedItem({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation('official');
  return (
    <List.Item>
      <Checkbox value={proposal.id}>
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{proposal.title}</Typography.Text>
          <Space wrap size={[4, 4]}>
            <CategoryTag category={proposal.category} />
            <Tag>{t('screening.supports', { count: proposal.supportCount })}</Tag>
            {proposal.carriedFromId && <Tag color="purple">{t('candidates.carried')}</Tag>}
          </Space>
        </Space>
      </Checkbox>
    </List.Item>
  );
}

function CandidateCard({
  candidate,
  editable,
  onEdit,
  readOnlyReason,
}: {
  candidate: Candidate;
  editable: boolean;
  onEdit: () => void;
  readOnlyReason?: string;
}) {
  const { t } = useTranslation('official');
  const { message, modal } = App.useApp();
  const errorMessage = useErrorMessage();
  const format = useFormat();
  const queryClient = useQueryClient();
  const titleId = useId();
  const remove = useMutation({
    mutationFn: () =>
      unwrap(api.DELETE('/api/candidates/{id}', { params: { path: { id: candidate.id } } })),
    onSuccess: async () => {
      void message.success(t('candidates.deleted', { title: candidate.title }));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['candidates', candidate.cycleId] }),
        queryClient.invalidateQueries({ queryKey: ['proposals', candidate.cycleId] }),
        queryClient.invalidateQueries({ queryKey: ['cycles'] }),
        queryClient.invalidateQueries({ queryKey: ['cycle', candidate.cycleId] }),
      ]);
    },
  });
  return (
    <Card role="article" aria-labelledby={titleId} size="small">
      <Typography.Title level={3} id={titleId} style={{ fontSize: 18, marginTop: 0 }}>
        {candidate.title}
      </Typography.Title>
      <Space wrap size={[4, 4]} style={{ marginBottom: 8 }}>
        <CategoryTag category={candidate.category} />
        <Tag color="geekblue">{candidate.leadDepartment.name}</Tag>
      </Space>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
        {candidate.summary}
      </Typography.Paragraph>
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'budget',
            label: t('candidates.budget'),
            children: format.money(candidate.budget),
          },
          {
            key: 'targets',
            label: t('candidates.targets'),
            children: (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {candidate.targets.map((target, index) => (
                  <li key={index}>{target}</li>
                ))}
              </ul>
            ),
          },
          {
            key: 'sources',
            label: t('candidates.sources'),
            children: (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {candidate.sourceProposals.map((source) => (
                  <li key={source.id}>{source.title}</li>
                ))}
              </ul>
            ),
          },
        ]}
      />
      {remove.isError && (
        <Alert type="error" showIcon title={errorMessage(remove.error)} style={{ marginTop: 8 }} />
      )}
      {editable && (
        <Space wrap style={{ marginTop: 8 }}>
          <Button onClick={onEdit}>{t('common:actions.edit')}</Button>
          <Button
            danger
            loading={remove.isPending}
            onClick={() => {
              modal.confirm({
                title: t('candidates.deleteConfirm'),
                content: t('candidates.deleteHint'),
                okText: t('common:actions.delete'),
                okButtonProps: { danger: true },
                cancelText: t('common:actions.cancel'),
                onOk: () => remove.mutate(),
              });
            }}
          >
            {t('common:actions.delete')}
          </Button>
        </Space>
      )}
      {readOnlyReason && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {readOnlyReason}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
