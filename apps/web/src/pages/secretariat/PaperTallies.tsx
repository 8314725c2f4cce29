import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  InputNumber,
  Row,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { useErrorMessage } from '../../api/errors';
import { useSession } from '../../auth/session';
import { QueryView } from '../../shared/QueryState';
import { formatTime, UserName, type Ballot } from './common';
import { DeputySelect } from './DeputySelect';

type Tally = Schemas['PaperTallyResponse'];

interface TallyForm {
  ballotsIssued: number;
  ballotsReturned: number;
  invalidBallots: number;
  counts: Record<string, { for?: number; against?: number; abstain?: number }>;
}

/** Deputies handed a paper ballot: from then on they cannot vote electronically. */
function PaperVoters({ ballot }: { ballot: Ballot }) {
  const { t } = useTranslation('secretariat');
  const errorMessage = useErrorMessage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ deputyIds: string[] }>();
  const record = useMutation({
    mutationFn: (deputyIds: string[]) =>
      unwrap(
        api.POST('/api/ballots/{id}/paper-voters', {
          params: { path: { id: ballot.id } },
          body: { deputyIds },
        }),
      ),
    onSuccess: async ({ recorded }) => {
      form.resetFields();
      void message.success(t('paper.votersRecorded', { count: recorded }));
      await queryClient.invalidateQueries({ queryKey: ['ballot', ballot.id] });
    },
  });
  return (
    <Card type="inner" title={t('paper.votersTitle')}>
      <Typography.Paragraph>{t('paper.votersHelp')}</Typography.Paragraph>
      {record.isError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(record.error)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form form={form} layout="vertical" onFinish={({ deputyIds }) => record.mutate(deputyIds)}>
        <Form.Item
          name="deputyIds"
          label={t('paper.voters')}
          rules={[{ required: true, message: t('required') }]}
        >
          <DeputySelect />
        </Form.Item>
        <Button htmlType="submit" loading={record.isPending}>
          {t('paper.recordVoters')}
        </Button>
      </Form>
    </Card>
  );
}

function EnterTally({ ballot }: { ballot: Ballot }) {
  const { t } = useTranslation('secretariat');
  const errorMessage = useErrorMessage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TallyForm>();
  const returned = Form.useWatch('ballotsReturned', form) ?? 0;
  const invalid = Form.useWatch('invalidBallots', form) ?? 0;
  const counts = Form.useWatch('counts', form) ?? {};
  const valid = returned - invalid;
  const enter = useMutation({
    mutationFn: (values: TallyForm) =>
      unwrap(
        api.POST('/api/ballots/{id}/paper-tallies', {
          params: { path: { id: ballot.id } },
          body: {
            ballotsIssued: values.ballotsIssued,
            ballotsReturned: values.ballotsReturned,
            invalidBallots: values.invalidBallots,
            counts: ballot.candidates.map((candidate) => ({
              candidateId: candidate.id,
              for: values.counts[candidate.id]?.for ?? 0,
              against: values.counts[candidate.id]?.against ?? 0,
              abstain: values.counts[candidate.id]?.abstain ?? 0,
            })),
          },
        }),
      ),
    onSuccess: async () => {
      form.resetFields();
      void message.success(t('paper.entered'));
      await queryClient.invalidateQueries({ queryKey: ['paper-tallies', ballot.id] });
      await queryClient.invalidateQueries({ queryKey: ['ballot', ballot.id] });
    },
  });
  const number = (label: string) => (
    <InputNumber min={0} max={100_000} precision={0} aria-label={label} style={{ width: '100%' }} />
  );
  return (
    <Card type="inner" title={t('paper.enterTitle')}>
      <Typography.Paragraph>{t('paper.enterHelp')}</Typography.Paragraph>
      {enter.isError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(enter.error)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<TallyForm>
        form={form}
        layout="vertical"
        initialValues={{ counts: {} }}
        onFinish={(values) => enter.mutate(values)}
      >
        <Row gutter={16}>
          {(['ballotsIssued', 'ballotsReturned', 'invalidBallots'] as const).map((name) => (
            <Col xs={24} sm={8} key={name}>
              <Form.Item
                name={name}
                label={t(`paper.${name}`)}
                rules={[{ required: true, message: t('required') }]}
              >
                <InputNumber min={0} max={100_000} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Typography.Paragraph strong>
          {t('paper.validBallots', { count: valid })}
        </Typography.Paragraph>
        <Table<Ballot['candidates'][number]>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={ballot.candidates}
          style={{ marginBottom: 16 }}
          columns={[
            { title: t('paper.candidate'), dataIndex: 'title' },
            ...(['for', 'against', 'abstain'] as const).map((mark) => ({
              title: t(`paper.${mark}`),
              key: mark,
              render: (_: unknown, candidate: Ballot['candidates'][number]) => (
                <Form.Item name={['counts', candidate.id, mark]} noStyle>
                  {number(`${candidate.title} ${t(`paper.${mark}`)}`)}
                </Form.Item>
              ),
            })),
            {
              title: t('paper.rowTotal'),
              key: 'total',
              render: (_: unknown, candidate) => {
                const row = counts[candidate.id] ?? {};
                const total = (row.for ?? 0) + (row.against ?? 0) + (row.abstain ?? 0);
                return total === valid ? (
                  <Typography.Text>{total}</Typography.Text>
                ) : (
                  <Typography.Text type="danger">
                    {t('paper.rowMismatch', { total, valid })}
                  </Typography.Text>
                );
              },
            },
          ]}
        />
        <Button type="primary" htmlType="submit" loading={enter.isPending}>
          {t('paper.enter')}
        </Button>
      </Form>
    </Card>
  );
}

function TallyList({ ballot }: { ballot: Ballot }) {
  const { t } = useTranslation('secretariat');
  const { user } = useSession();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<unknown>(null);
  const tallies = useQuery({
    queryKey: ['paper-tallies', ballot.id],
    queryFn: () =>
      unwrap(api.GET('/api/ballots/{id}/paper-tallies', { params: { path: { id: ballot.id } } })),
  });
  const confirm = useMutation({
    mutationFn: (tallyId: string) =>
      unwrap(
        api.POST('/api/ballots/{id}/paper-tallies/{tallyId}/confirm', {
          params: { path: { id: ballot.id, tallyId } },
        }),
      ),
    onMutate: () => setFailure(null),
    onError: (error) => setFailure(error),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['paper-tallies', ballot.id] });
      await queryClient.invalidateQueries({ queryKey: ['ballot', ballot.id] });
    },
  });
  const titleOf = new Map(ballot.candidates.map((candidate) => [candidate.id, candidate.title]));
  return (
    <Card type="inner" title={t('paper.listTitle')}>
      {failure !== null && (
        <Alert type="error" showIcon title={errorMessage(failure)} style={{ marginBottom: 16 }} />
      )}
      <QueryView query={tallies}>
        {(list) => (
          <Table<Tally>
            rowKey="id"
            dataSource={list}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('paper.none') }}
            expandable={{
              expandedRowRender: (tally) => (
                <Table
                  rowKey="candidateId"
                  size="small"
                  pagination={false}
                  dataSource={tally.counts}
                  columns={[
                    {
                      title: t('paper.candidate'),
                      dataIndex: 'candidateId',
                      render: (id: string) => titleOf.get(id) ?? id,
                    },
                    { title: t('paper.for'), dataIndex: 'for' },
                    { title: t('paper.against'), dataIndex: 'against' },
                    { title: t('paper.abstain'), dataIndex: 'abstain' },
                  ]}
                />
              ),
            }}
            columns={[
              {
                title: t('paper.enteredBy'),
                render: (_: unknown, tally) => (
                  <Space orientation="vertical" size={0}>
                    <UserName id={tally.enteredBy} />
                    <Typography.Text>{formatTime(tally.enteredAt)}</Typography.Text>
                  </Space>
                ),
              },
              {
                title: t('paper.figures'),
                render: (_: unknown, tally) =>
                  t('paper.figuresText', {
                    issued: tally.ballotsIssued,
                    returned: tally.ballotsReturned,
                    invalid: tally.invalidBallots,
                  }),
              },
              {
                title: t('paper.confirmation'),
                render: (_: unknown, tally) => {
                  if (tally.confirmedBy) {
                    return (
                      <Space orientation="vertical" size={0}>
                        <Tag color="green">{t('paper.confirmed')}</Tag>
                        <UserName id={tally.confirmedBy} />
                        <Typography.Text>{formatTime(tally.confirmedAt)}</Typography.Text>
                      </Space>
                    );
                  }
                  const own = tally.enteredBy === user?.id;
                  return (
                    <Space orientation="vertical" size={4}>
                      <Tag color="orange">{t('paper.pending')}</Tag>
                      <Button
                        type="primary"
                        disabled={own || ballot.status === 'counted'}
                        loading={confirm.isPending && confirm.variables === tally.id}
                        onClick={() => confirm.mutate(tally.id)}
                        aria-describedby={own ? `own-${tally.id}` : undefined}
                      >
                        {t('paper.confirm')}
                      </Button>
                      {own && (
                        <Typography.Text id={`own-${tally.id}`}>
                          {t('paper.ownTally')}
                        </Typography.Text>
                      )}
                    </Space>
                  );
                },
              },
            ]}
          />
        )}
      </QueryView>
    </Card>
  );
}

export function PaperTallies({ ballot }: { ballot: Ballot }) {
  const { t } = useTranslation('secretariat');
  const editable = ballot.status === 'open' || ballot.status === 'closed';
  return (
    <Card title={t('paper.title')}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph style={{ marginBottom: 0 }}>{t('paper.intro')}</Typography.Paragraph>
        <TallyList ballot={ballot} />
        {ballot.status !== 'counted' && <PaperVoters ballot={ballot} />}
        {editable && <EnterTally ballot={ballot} />}
      </Space>
    </Card>
  );
}
