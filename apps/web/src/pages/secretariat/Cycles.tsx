import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Grid,
  Input,
  InputNumber,
  Modal,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { useErrorMessage } from '../../api/errors';
import { useCycles, type Cycle, type Phase } from '../../shared/cycles';
import { PageTitle } from '../../shared/PageTitle';
import { PhaseTimeline } from '../../shared/PhaseTimeline';
import { QueryView } from '../../shared/QueryState';
import { LinkButton } from '../../shared/LinkButton';
import { DeskTrail, nextPhase } from './common';
import { ExportProjectsButton } from './ExportProjectsButton';

const BALLOT_PHASES: Phase[] = ['balloting', 'implementing', 'evaluating', 'closed'];
const PROJECT_PHASES: Phase[] = ['implementing', 'evaluating', 'closed'];

function CreateCycle({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('secretariat');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Schemas['CreateCycleDto']>();
  const create = useMutation({
    mutationFn: (body: Schemas['CreateCycleDto']) => unwrap(api.POST('/api/cycles', { body })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['cycles'] });
      form.resetFields();
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title={t('cycles.create')}
      okText={t('cycles.createSubmit')}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      onCancel={onClose}
      forceRender
    >
      {create.isError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(create.error)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ year: new Date().getFullYear() + 1, seats: 10, allowEqualBallot: false }}
        onFinish={(values) =>
          create.mutate({ ...values, region: values.region?.trim() || undefined })
        }
      >
        <Form.Item
          name="year"
          label={t('cycles.year')}
          rules={[{ required: true, message: t('required') }]}
        >
          <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('cycles.titleField')}
          rules={[{ required: true, whitespace: true, max: 100, message: t('required') }]}
        >
          <Input placeholder={t('cycles.titlePlaceholder')} maxLength={100} />
        </Form.Item>
        <Form.Item name="region" label={t('cycles.region')}>
          <Input placeholder={t('cycles.regionPlaceholder')} maxLength={50} />
        </Form.Item>
        <Form.Item
          name="seats"
          label={t('cycles.seats')}
          extra={t('cycles.seatsHelp')}
          rules={[{ required: true, message: t('required') }]}
        >
          <InputNumber min={1} max={100} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="allowEqualBallot"
          label={t('cycles.allowEqual')}
          extra={t('cycles.allowEqualHelp')}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MovePhase({ cycle, onClose }: { cycle: Cycle; onClose: () => void }) {
  const { t } = useTranslation('secretariat');
  const errorMessage = useErrorMessage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const target = nextPhase(cycle.phase)!;
  const move = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/cycles/{id}/phase', {
          params: { path: { id: cycle.id } },
          body: { phase: target },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['cycles'] });
      await queryClient.invalidateQueries({ queryKey: ['cycle', cycle.id] });
      void message.success(t('cycles.moved', { phase: t(`common:phases.${target}`) }));
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('cycles.moveTitle', {
        title: cycle.title,
        from: t(`common:phases.${cycle.phase}`),
        to: t(`common:phases.${target}`),
      })}
      okText={t('cycles.moveConfirm', { phase: t(`common:phases.${target}`) })}
      okButtonProps={{ danger: target === 'implementing' || target === 'closed' }}
      onOk={() => move.mutate()}
      confirmLoading={move.isPending}
      onCancel={onClose}
    >
      {move.isError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(move.error)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Typography.Paragraph>{t(`cycles.consequence.${target}`)}</Typography.Paragraph>
      <Typography.Paragraph strong>{t('cycles.noWayBack')}</Typography.Paragraph>
    </Modal>
  );
}

export function Cycles() {
  const { t } = useTranslation('secretariat');
  const cycles = useCycles();
  const [creating, setCreating] = useState(false);
  const [moving, setMoving] = useState<Cycle | null>(null);
  // The vertical timeline a phone would get is a screen long; the phase tag says it there.
  const wide = Grid.useBreakpoint().md ?? false;

  return (
    <>
      <DeskTrail items={[{ title: t('cycles.title') }]} />
      <PageTitle
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('cycles.create')}
          </Button>
        }
      >
        {t('cycles.title')}
      </PageTitle>
      <QueryView query={cycles} empty={({ items }) => items.length === 0}>
        {({ items }) => (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {items.map((cycle) => {
              const next = nextPhase(cycle.phase);
              return (
                <Card
                  key={cycle.id}
                  title={
                    <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
                      {cycle.title}
                    </Typography.Title>
                  }
                  extra={<Tag color="red">{t(`common:phases.${cycle.phase}`)}</Tag>}
                >
                  {wide && <PhaseTimeline phase={cycle.phase} compact />}
                  <Descriptions
                    size="small"
                    style={{ marginTop: wide ? 16 : 0, marginBottom: 8 }}
                    column={{ xs: 1, sm: 2, lg: 4 }}
                    items={[
                      { label: t('cycles.year'), children: cycle.year },
                      { label: t('cycles.region'), children: cycle.region ?? '—' },
                      {
                        label: t('cycles.seats'),
                        children: t('cycles.seatsWithKind', {
                          seats: cycle.seats,
                          kind: cycle.allowEqualBallot
                            ? t('cycles.equal')
                            : t('cycles.competitive'),
                        }),
                      },
                      {
                        label: t('cycles.counts'),
                        children: t('cycles.countsText', {
                          proposals: cycle.counts.proposals,
                          candidates: cycle.counts.candidates,
                        }),
                      },
                    ]}
                  />
                  <Space wrap>
                    {next && (
                      <Button type="primary" onClick={() => setMoving(cycle)}>
                        {t('cycles.moveTo', { phase: t(`common:phases.${next}`) })}
                      </Button>
                    )}
                    {BALLOT_PHASES.includes(cycle.phase) && (
                      <LinkButton to={`/secretariat/cycles/${cycle.id}/ballots`}>
                        {t('cycles.ballots')}
                      </LinkButton>
                    )}
                    {PROJECT_PHASES.includes(cycle.phase) && <ExportProjectsButton cycle={cycle} />}
                  </Space>
                </Card>
              );
            })}
          </Space>
        )}
      </QueryView>
      <CreateCycle open={creating} onClose={() => setCreating(false)} />
      {moving && <MovePhase cycle={moving} onClose={() => setMoving(null)} />}
    </>
  );
}
