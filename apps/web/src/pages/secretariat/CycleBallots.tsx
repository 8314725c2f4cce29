import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  InputNumber,
  List,
  Radio,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useErrorMessage } from '../../api/errors';
import { useBallotResult, useCycleCandidates, useCycleProjects } from '../../shared/cycleLists';
import { useCycle, type Cycle } from '../../shared/cycles';
import { PageTitle } from '../../shared/PageTitle';
import { QueryView } from '../../shared/QueryState';
import { BallotStatusTag } from '../../shared/StatusTags';
import { LinkButton } from '../../shared/LinkButton';
import { DeskTrail, formatTime, type Ballot } from './common';
import { KeyShareSlips } from './KeyShareSlips';

type Kind = Ballot['kind'];
type Created = Schemas['CreatedBallotResponse'];

interface BallotForm {
  kind: Kind;
  seats?: number;
  candidateIds?: string[];
  projectIds?: string[];
  parentBallotId?: string;
  quorumPercent?: number;
  opensAt?: Dayjs;
  closesAt?: Dayjs;
  scrutineers: number;
  sharesRequired: number;
}

export function useCycleBallots(cycleId: string | undefined) {
  return useQuery({
    queryKey: ['cycle-ballots', cycleId],
    queryFn: () =>
      unwrap(api.GET('/api/cycles/{id}/ballots', { params: { path: { id: cycleId! } } })),
    enabled: !!cycleId,
  });
}

/** The parent ballot's result, for a runoff: which candidates tied, for how many seats. */
function useRunoffPlan(parentBallotId: string | undefined) {
  const result = useBallotResult(parentBallotId);
  const data = result.data && 'runoff' in result.data ? result.data : undefined;
  return { ...result, data };
}

function CreateBallot({
  cycle,
  ballots,
  onCreated,
}: {
  cycle: Cycle;
  ballots: Ballot[];
  onCreated: (created: Created) => void;
}) {
  const { t } = useTranslation('secretariat');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const runoffOf = params.get('runoffOf') ?? undefined;
  const [form] = Form.useForm<BallotForm>();
  const defaultKind: Kind = runoffOf
    ? 'runoff'
    : cycle.phase === 'evaluating'
      ? 'evaluation'
      : 'selection';
  const kind = Form.useWatch('kind', form) ?? defaultKind;
  const parentBallotId = Form.useWatch('parentBallotId', form);
  const scrutineers = Form.useWatch('scrutineers', form) ?? 3;

  const candidates = useCycleCandidates(cycle.id);
  const projects = useCycleProjects(cycle.id, kind === 'evaluation');
  const runoffPlan = useRunoffPlan(kind === 'runoff' ? parentBallotId : undefined);
  const parents = ballots.filter(
    (ballot) => ballot.kind !== 'evaluation' && ballot.status === 'counted',
  );

  // The whole list is the usual choice, so it is filled in once it arrives.
  useEffect(() => {
    if (candidates.data && form.getFieldValue('candidateIds') === undefined) {
      form.setFieldValue(
        'candidateIds',
        candidates.data.items.map((candidate) => candidate.id),
      );
    }
  }, [candidates.data, form]);
  useEffect(() => {
    if (projects.data && form.getFieldValue('projectIds') === undefined) {
      form.setFieldValue(
        'projectIds',
        projects.data.items.map((project) => project.id),
      );
    }
  }, [projects.data, form]);

  const create = useMutation({
    mutationFn: (values: BallotForm) => {
      const body: Schemas['CreateBallotDto'] = {
        kind: values.kind,
        scrutineers: values.scrutineers,
        sharesRequired: values.sharesRequired,
        quorum: values.quorumPercent ? values.quorumPercent / 100 : undefined,
        opensAt: values.opensAt?.toISOString(),
        closesAt: values.closesAt?.toISOString(),
      };
      if (values.kind === 'selection') {
        body.seats = values.seats;
        body.candidateIds = values.candidateIds;
      } else if (values.kind === 'runoff') {
        // The API offers exactly the tied candidates for the seats left.
        body.parentBallotId = values.parentBallotId;
      } else {
        body.projectIds = values.projectIds;
      }
      return unwrap(
        api.POST('/api/cycles/{id}/ballots', { params: { path: { id: cycle.id } }, body }),
      );
    },
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: ['cycle-ballots', cycle.id] });
      await queryClient.invalidateQueries({ queryKey: ['cycle', cycle.id] });
      onCreated(created);
    },
  });

  const titleOf = new Map(
    (candidates.data?.items ?? []).map((candidate) => [candidate.id, candidate.title]),
  );

  return (
    <Card title={t('ballots.create')}>
      {create.isError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(create.error)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<BallotForm>
        form={form}
        layout="vertical"
        initialValues={{
          kind: defaultKind,
          parentBallotId: runoffOf,
          seats: cycle.seats,
          scrutineers: 3,
          sharesRequired: 2,
        }}
        onFinish={(values) => create.mutate(values)}
      >
        <Form.Item name="kind" label={t('ballots.kind')}>
          <Radio.Group
            optionType="button"
            options={(['selection', 'runoff', 'evaluation'] as Kind[]).map((value) => ({
              value,
              label: t(`common:ballotKind.${value}`),
              // The API holds selections and runoffs while balloting, evaluations while evaluating.
              disabled: (value === 'evaluation') !== (cycle.phase === 'evaluating'),
            }))}
          />
        </Form.Item>
        <Typography.Paragraph>{t(`ballots.kindHelp.${kind}`)}</Typography.Paragraph>
        {kind === 'selection' && (
          <>
            <Form.Item
              name="candidateIds"
              label={t('ballots.candidates')}
              extra={t('ballots.candidatesHelp', {
                seats: cycle.seats,
                rule: cycle.allowEqualBallot ? t('cycles.equal') : t('cycles.competitive'),
              })}
              rules={[{ required: true, message: t('required') }]}
            >
              <Select
                mode="multiple"
                loading={candidates.isPending}
                showSearch={{ optionFilterProp: 'label' }}
                options={candidates.data?.items.map((candidate) => ({
                  value: candidate.id,
                  label: candidate.title,
                }))}
              />
            </Form.Item>
            <Form.Item
              name="seats"
              label={t('cycles.seats')}
              rules={[{ required: true, message: t('required') }]}
            >
              <InputNumber min={1} max={100} />
            </Form.Item>
          </>
        )}
        {kind === 'runoff' && (
          <>
            <Form.Item
              name="parentBallotId"
              label={t('ballots.parent')}
              rules={[{ required: true, message: t('required') }]}
            >
              <Select
                options={parents.map((ballot) => ({
                  value: ballot.id,
                  label: `${t(`common:ballotKind.${ballot.kind}`)} · ${formatTime(ballot.createdAt)}`,
                }))}
                notFoundContent={t('ballots.noParent')}
              />
            </Form.Item>
            {runoffPlan.isError && (
              <Alert type="error" showIcon title={errorMessage(runoffPlan.error)} />
            )}
            {runoffPlan.data &&
              (runoffPlan.data.runoff ? (
                <Alert
                  type="info"
                  showIcon
                  style={{ marginBottom: 16 }}
                  title={t('ballots.runoffPlan', { seats: runoffPlan.data.runoff.seats })}
                  description={
                    <List
                      size="small"
                      dataSource={runoffPlan.data.runoff.candidateIds}
                      renderItem={(id) => <List.Item>{titleOf.get(id) ?? id}</List.Item>}
                    />
                  }
                />
              ) : (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 16 }}
                  title={t('ballots.noTie')}
                />
              ))}
          </>
        )}
        {kind === 'evaluation' && (
          <Form.Item
            name="projectIds"
            label={t('ballots.projects')}
            rules={[{ required: true, message: t('required') }]}
          >
            <Select
              mode="multiple"
              loading={projects.isPending}
              showSearch={{ optionFilterProp: 'label' }}
              options={projects.data?.items.map((project) => ({
                value: project.id,
                label: project.title,
              }))}
            />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="scrutineers"
              label={t('ballots.scrutineers')}
              extra={t('ballots.scrutineersHelp')}
              rules={[{ required: true, message: t('required') }]}
            >
              <InputNumber min={2} max={9} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="sharesRequired"
              label={t('ballots.sharesRequired')}
              extra={t('ballots.sharesRequiredHelp')}
              dependencies={['scrutineers']}
              rules={[
                { required: true, message: t('required') },
                {
                  validator: (_, value: number | undefined) =>
                    value === undefined || value <= scrutineers
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('ballots.sharesTooMany'))),
                },
              ]}
            >
              <InputNumber min={2} max={9} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item
              name="quorumPercent"
              label={t('ballots.quorum')}
              extra={t('ballots.quorumHelp')}
            >
              <InputNumber min={1} max={100} suffix="%" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="opensAt" label={t('ballots.opensAt')} extra={t('ballots.timeHelp')}>
              <DatePicker showTime style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="closesAt" label={t('ballots.closesAt')} extra={t('ballots.timeHelp')}>
              <DatePicker showTime style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Paragraph>{t('ballots.freezeNote')}</Typography.Paragraph>
        <Button type="primary" htmlType="submit" size="large" loading={create.isPending}>
          {t('ballots.createSubmit')}
        </Button>
      </Form>
    </Card>
  );
}

export function CycleBallots() {
  const { id } = useParams();
  const { t } = useTranslation('secretariat');
  const navigate = useNavigate();
  const cycle = useCycle(id);
  const ballots = useCycleBallots(id);
  const [created, setCreated] = useState<Created | null>(null);

  return (
    <>
      <DeskTrail
        items={[
          { title: t('cycles.title'), to: '/secretariat/cycles' },
          { title: t('ballots.title') },
        ]}
      />
      <QueryView query={cycle}>
        {(cycleData) => (
          <>
            <PageTitle>
              {created ? t('slips.title') : t('ballots.pageTitle', { title: cycleData.title })}
            </PageTitle>
            {created ? (
              <KeyShareSlips
                ballot={created}
                cycleTitle={cycleData.title}
                onHandedOver={() => void navigate(`/secretariat/ballots/${created.id}`)}
              />
            ) : (
              <QueryView query={ballots}>
                {(list) => (
                  <>
                    <Card title={t('ballots.listTitle')} style={{ marginBottom: 24 }}>
                      <List
                        dataSource={list}
                        locale={{ emptyText: t('ballots.none') }}
                        renderItem={(ballot) => (
                          <List.Item
                            actions={[
                              <LinkButton
                                key="room"
                                type="primary"
                                to={`/secretariat/ballots/${ballot.id}`}
                              >
                                {t('ballots.controlRoom')}
                              </LinkButton>,
                            ]}
                          >
                            <List.Item.Meta
                              title={
                                <Space wrap>
                                  <span>{t(`common:ballotKind.${ballot.kind}`)}</span>
                                  <BallotStatusTag status={ballot.status} />
                                </Space>
                              }
                              description={
                                <Typography.Text>
                                  {/* An evaluation rates every project: it has no seats. */}
                                  {t(
                                    ballot.kind === 'evaluation'
                                      ? 'ballots.summaryEvaluation'
                                      : 'ballots.summary',
                                    {
                                      seats: ballot.seats,
                                      cast: ballot.castCount,
                                      deputies: ballot.deputyCount,
                                      created: formatTime(ballot.createdAt),
                                    },
                                  )}
                                </Typography.Text>
                              }
                            />
                          </List.Item>
                        )}
                      />
                    </Card>
                    {cycleData.phase === 'balloting' || cycleData.phase === 'evaluating' ? (
                      <CreateBallot cycle={cycleData} ballots={list} onCreated={setCreated} />
                    ) : (
                      <Alert type="info" showIcon title={t('ballots.noNewBallot')} />
                    )}
                  </>
                )}
              </QueryView>
            )}
          </>
        )}
      </QueryView>
    </>
  );
}
