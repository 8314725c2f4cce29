import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Modal,
  Progress,
  Row,
  Space,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useErrorMessage } from '../../api/errors';
import { useBallotResult } from '../../shared/cycleLists';
import { useCycle } from '../../shared/cycles';
import { PageTitle } from '../../shared/PageTitle';
import { QueryView } from '../../shared/QueryState';
import { BallotStatusTag } from '../../shared/StatusTags';
import { LinkButton } from '../../shared/LinkButton';
import { DeskTrail, formatTime, type Ballot } from './common';
import { PaperTallies } from './PaperTallies';
import './secretariat.css';

type SelectionResult = Schemas['BallotResultResponse'];
type EvaluationResult = Schemas['EvaluationResultResponse'];
type Result = SelectionResult | EvaluationResult;

/** Least ballots for the result to stand: quorum is inclusive (三分之二以上 counts 2/3 itself). */
export function quorumRequired(ballot: Pick<Ballot, 'quorum' | 'deputyCount'>): number {
  return Math.ceil(ballot.quorum * ballot.deputyCount - 1e-9);
}

function useBallot(id: string) {
  return useQuery({
    queryKey: ['ballot', id],
    queryFn: () => unwrap(api.GET('/api/ballots/{id}', { params: { path: { id } } })),
    // Turnout is the only figure while open: it is worth following live.
    refetchInterval: (query) => (query.state.data?.status === 'open' ? 5_000 : false),
  });
}

function Turnout({ ballot }: { ballot: Ballot }) {
  const { t } = useTranslation('secretariat');
  const needed = quorumRequired(ballot);
  const percent = ballot.deputyCount ? (100 * ballot.castCount) / ballot.deputyCount : 0;
  return (
    <Card title={t('room.turnout')}>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic
            title={t('room.cast')}
            value={ballot.castCount}
            suffix={`/ ${ballot.deputyCount}`}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('room.quorumNeeded')} value={needed} />
        </Col>
        <Col xs={24} md={12}>
          <Progress
            percent={Math.round(percent * 10) / 10}
            success={{ percent: Math.min(percent, (100 * needed) / (ballot.deputyCount || 1)) }}
            status={ballot.status === 'open' ? 'active' : 'normal'}
            aria-label={t('room.turnoutLabel', {
              cast: ballot.castCount,
              deputies: ballot.deputyCount,
            })}
          />
          <Typography.Paragraph>
            {ballot.castCount >= needed
              ? t('room.quorumReached')
              : t('room.quorumMissing', { missing: needed - ballot.castCount })}
          </Typography.Paragraph>
          {ballot.status === 'open' && (
            <Typography.Paragraph>{t('room.liveNote')}</Typography.Paragraph>
          )}
        </Col>
      </Row>
    </Card>
  );
}

/** Open or close, behind a confirmation that says what happens. */
function StatusAction({ ballot, action }: { ballot: Ballot; action: 'open' | 'close' }) {
  const { t } = useTranslation('secretariat');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const move = useMutation({
    mutationFn: () =>
      action === 'open'
        ? unwrap(api.POST('/api/ballots/{id}/open', { params: { path: { id: ballot.id } } }))
        : unwrap(api.POST('/api/ballots/{id}/close', { params: { path: { id: ballot.id } } })),
    onSuccess: async (updated) => {
      queryClient.setQueryData(['ballot', ballot.id], updated);
      await queryClient.invalidateQueries({ queryKey: ['cycle-ballots', ballot.cycleId] });
      setAsking(false);
    },
  });
  return (
    <>
      <Button
        type="primary"
        size="large"
        danger={action === 'close'}
        onClick={() => {
          move.reset();
          setAsking(true);
        }}
      >
        {t(`room.${action}`)}
      </Button>
      <Modal
        open={asking}
        title={t(`room.${action}Title`)}
        okText={t(`room.${action}Confirm`)}
        okButtonProps={{ danger: action === 'close' }}
        confirmLoading={move.isPending}
        onOk={() => move.mutate()}
        onCancel={() => setAsking(false)}
      >
        {move.isError && (
          <Alert
            type="error"
            showIcon
            title={errorMessage(move.error)}
            style={{ marginBottom: 16 }}
          />
        )}
        <Typography.Paragraph>
          {t(`room.${action}Text`, { cast: ballot.castCount, deputies: ballot.deputyCount })}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}

/** 开箱计票: the scrutineers type or paste their shares; at least k of them open the box. */
function CountForm({ ballot }: { ballot: Ballot }) {
  const { t } = useTranslation('secretariat');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [fields, setFields] = useState(ballot.sharesRequired);
  const [form] = Form.useForm<{ shares: string[] }>();
  const count = useMutation({
    mutationFn: (shares: string[]) =>
      unwrap(
        api.POST('/api/ballots/{id}/count', {
          params: { path: { id: ballot.id } },
          body: { shares },
        }),
      ) as Promise<Result>,
    onSuccess: async (result) => {
      queryClient.setQueryData(['ballot', ballot.id, 'result'], result);
      await queryClient.invalidateQueries({ queryKey: ['ballot', ballot.id] });
      await queryClient.invalidateQueries({ queryKey: ['cycle-ballots', ballot.cycleId] });
    },
  });
  return (
    <Card title={t('count.title')}>
      <Typography.Paragraph>
        {t('count.help', { k: ballot.sharesRequired, n: ballot.scrutineers })}
      </Typography.Paragraph>
      {count.isError && (
        <Alert
          type="error"
          showIcon
          title={t('count.refused')}
          description={errorMessage(count.error)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={({ shares }) =>
          count.mutate(shares.map((share) => share.trim()).filter((share) => share !== ''))
        }
      >
        {Array.from({ length: fields }, (_, index) => (
          <Form.Item
            key={index}
            name={['shares', index]}
            label={t('count.share', { index: index + 1 })}
            rules={
              index < ballot.sharesRequired
                ? [{ required: true, whitespace: true, message: t('count.shareRequired') }]
                : []
            }
          >
            <Input
              className="share-input"
              size="large"
              autoComplete="off"
              spellCheck={false}
              placeholder="MS1-…"
            />
          </Form.Item>
        ))}
        <Space wrap>
          <Button type="primary" size="large" htmlType="submit" loading={count.isPending}>
            {t('count.submit')}
          </Button>
          {fields < ballot.scrutineers && (
            <Button onClick={() => setFields(fields + 1)}>{t('count.addShare')}</Button>
          )}
        </Space>
      </Form>
    </Card>
  );
}

const RESULT_COLORS: Record<Result['status'], string> = {
  final: 'green',
  runoff_required: 'orange',
  void: 'red',
};

function CountedResult({ ballot }: { ballot: Ballot }) {
  const { t } = useTranslation('secretariat');
  const result = useBallotResult(ballot.id);
  const titleOf = (id: string) =>
    ballot.candidates.find((candidate) => candidate.id === id)?.title ?? id;
  return (
    <Card title={t('result.title')}>
      <QueryView query={result}>
        {(data) => {
          const selection = data.kind === 'evaluation' ? null : (data as SelectionResult);
          return (
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <div>
                <Tag
                  color={RESULT_COLORS[data.status]}
                  style={{ fontSize: 16, padding: '4px 8px' }}
                >
                  {t(`result.status.${data.status}`)}
                </Tag>
              </div>
              <Typography.Paragraph>{t(`result.explain.${data.status}`)}</Typography.Paragraph>
              <Descriptions
                size="small"
                column={{ xs: 1, sm: 2, md: 3 }}
                items={[
                  { label: t('result.ballotsCast'), children: data.ballotsCast },
                  { label: t('result.validBallots'), children: data.validBallots },
                  { label: t('result.invalidBallots'), children: data.invalidBallots },
                  { label: t('result.quorumRequired'), children: data.quorumRequired },
                  ...(selection
                    ? [
                        { label: t('result.threshold'), children: selection.threshold },
                        { label: t('result.selected'), children: selection.selected.length },
                        { label: t('result.seatsUnfilled'), children: selection.seatsUnfilled },
                      ]
                    : []),
                ]}
              />
              {selection && selection.selected.length > 0 && (
                <div>
                  <Typography.Text strong>{t('result.selectedList')}</Typography.Text>
                  <ol style={{ margin: '8px 0 0', paddingInlineStart: 24 }}>
                    {selection.selected.map((id) => (
                      <li key={id}>{titleOf(id)}</li>
                    ))}
                  </ol>
                </div>
              )}
              <Space wrap>
                <LinkButton type="primary" to={`/ballots/${ballot.id}/result`}>
                  {t('result.publicPage')}
                </LinkButton>
                {selection && (
                  <Button
                    icon={<DownloadOutlined />}
                    href={`/api/ballots/${ballot.id}/result/export`}
                    download
                  >
                    {t('exports.result')}
                  </Button>
                )}
              </Space>
              {selection?.status === 'runoff_required' &&
                selection.runoff &&
                (selection.runoffBallotIds.length > 0 ? (
                  <Alert
                    type="info"
                    showIcon
                    title={t('result.runoffExists')}
                    action={
                      <Link to={`/secretariat/ballots/${selection.runoffBallotIds[0]}`}>
                        {t('result.openRunoff')}
                      </Link>
                    }
                  />
                ) : (
                  <Alert
                    type="warning"
                    showIcon
                    title={t('result.runoffNeeded', {
                      tied: selection.runoff.candidateIds.length,
                      seats: selection.runoff.seats,
                    })}
                    description={
                      <Typography.Paragraph style={{ marginBottom: 0 }}>
                        {selection.runoff.candidateIds.map(titleOf).join('、')}
                      </Typography.Paragraph>
                    }
                    action={
                      <LinkButton
                        type="primary"
                        to={`/secretariat/cycles/${ballot.cycleId}/ballots?runoffOf=${ballot.id}`}
                      >
                        {t('result.createRunoff')}
                      </LinkButton>
                    }
                  />
                ))}
            </Space>
          );
        }}
      </QueryView>
    </Card>
  );
}

export function BallotRoom() {
  const { id } = useParams();
  const { t } = useTranslation('secretariat');
  const ballot = useBallot(id!);
  const cycle = useCycle(ballot.data?.cycleId);

  return (
    <>
      <DeskTrail
        items={[
          { title: t('cycles.title'), to: '/secretariat/cycles' },
          ...(ballot.data
            ? [
                {
                  title: cycle.data?.title ?? t('ballots.title'),
                  to: `/secretariat/cycles/${ballot.data.cycleId}/ballots`,
                },
              ]
            : []),
          { title: t('room.title') },
        ]}
      />
      <QueryView query={ballot}>
        {(data) => (
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            <PageTitle extra={<BallotStatusTag status={data.status} />}>
              {t('room.pageTitle', { kind: t(`common:ballotKind.${data.kind}`) })}
            </PageTitle>
            <Descriptions
              bordered
              size="small"
              column={{ xs: 1, sm: 2, lg: 3 }}
              items={[
                { label: t('room.cycle'), children: cycle.data?.title ?? '…' },
                // An evaluation rates every project: it has no seats to fill.
                ...(data.kind === 'evaluation'
                  ? []
                  : [{ label: t('cycles.seats'), children: data.seats }]),
                { label: t('room.deputyCount'), children: data.deputyCount },
                {
                  label: t('ballots.quorum'),
                  children: `${Math.round(data.quorum * 1000) / 10}%`,
                },
                {
                  label: t('ballots.scrutineers'),
                  children: t('room.sharesRule', { k: data.sharesRequired, n: data.scrutineers }),
                },
                { label: t('room.items'), children: data.candidates.length },
                { label: t('ballots.opensAt'), children: formatTime(data.opensAt) },
                { label: t('ballots.closesAt'), children: formatTime(data.closesAt) },
                { label: t('room.openedAt'), children: formatTime(data.openedAt) },
                { label: t('room.closedAt'), children: formatTime(data.closedAt) },
                { label: t('room.countedAt'), children: formatTime(data.countedAt) },
              ]}
            />
            {data.status !== 'scheduled' && <Turnout ballot={data} />}
            {data.status === 'scheduled' && (
              <Card title={t('room.scheduled')}>
                <Typography.Paragraph>{t('room.scheduledText')}</Typography.Paragraph>
                <StatusAction ballot={data} action="open" />
              </Card>
            )}
            {data.status === 'open' && (
              <Card title={t('room.openNow')}>
                <Typography.Paragraph>{t('room.openNowText')}</Typography.Paragraph>
                <StatusAction ballot={data} action="close" />
              </Card>
            )}
            {data.status === 'closed' && <CountForm ballot={data} />}
            {data.status === 'counted' && <CountedResult ballot={data} />}
            {data.kind !== 'evaluation' && <PaperTallies ballot={data} />}
          </Space>
        )}
      </QueryView>
    </>
  );
}
