import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Form,
  Grid,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useErrorMessage } from '../../api/errors';
import { useCycleProjects } from '../../shared/cycleLists';
import { useProject } from '../../shared/projects';
import { useCycles, type Phase } from '../../shared/cycles';
import { PageTitle } from '../../shared/PageTitle';
import { QueryView } from '../../shared/QueryState';
import { ProjectStatusTag } from '../../shared/StatusTags';
import { DeskTrail } from './common';
import { DeputySelect } from './DeputySelect';
import { ExportProjectsButton } from './ExportProjectsButton';

type Project = Schemas['ProjectResponse'];
type Supervisor = Schemas['SupervisorResponse'];

const WITH_PROJECTS: Phase[] = ['implementing', 'evaluating', 'closed'];

function Supervisors({ projectId }: { projectId: string }) {
  const { t } = useTranslation('secretariat');
  const detail = useProject(projectId);
  if (!detail.data) {
    return <Typography.Text>…</Typography.Text>;
  }
  if (detail.data.supervisors.length === 0) {
    return <Typography.Text type="danger">{t('supervision.noneYet')}</Typography.Text>;
  }
  return (
    <Space wrap size={4}>
      {detail.data.supervisors.map((supervisor) => (
        <Tag key={supervisor.id}>{supervisor.displayName}</Tag>
      ))}
    </Space>
  );
}

function AssignSupervisors({ project, onClose }: { project: Project; onClose: () => void }) {
  const { t } = useTranslation('secretariat');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const detail = useProject(project.id);
  const current: Supervisor[] = detail.data?.supervisors ?? [];
  const [form] = Form.useForm<{ deputyIds: string[] }>();
  const assign = useMutation({
    mutationFn: (deputyIds: string[]) =>
      unwrap(
        api.POST('/api/projects/{id}/supervisors', {
          params: { path: { id: project.id } },
          body: { deputyIds },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['project', project.id] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('supervision.assignTitle', { title: project.title })}
      okText={t('supervision.save')}
      onOk={() => form.submit()}
      confirmLoading={assign.isPending}
      okButtonProps={{ disabled: !detail.data }}
      onCancel={onClose}
    >
      {assign.isError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(assign.error)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Typography.Paragraph>{t('supervision.assignHelp')}</Typography.Paragraph>
      <QueryView query={detail}>
        {(data) => (
          <Form
            form={form}
            layout="vertical"
            initialValues={{ deputyIds: data.supervisors.map((supervisor) => supervisor.id) }}
            onFinish={({ deputyIds }) => assign.mutate(deputyIds)}
          >
            <Form.Item name="deputyIds" label={t('supervision.deputies')}>
              <DeputySelect known={current} />
            </Form.Item>
          </Form>
        )}
      </QueryView>
    </Modal>
  );
}

export function Supervision() {
  const { t } = useTranslation('secretariat');
  const cycles = useCycles();
  const [params, setParams] = useSearchParams();
  const [assigning, setAssigning] = useState<Project | null>(null);
  const candidates = (cycles.data?.items ?? []).filter((cycle) =>
    WITH_PROJECTS.includes(cycle.phase),
  );
  const cycleId =
    params.get('cycle') ??
    (candidates.find((cycle) => cycle.phase === 'implementing') ?? candidates[0])?.id;
  const cycle = candidates.find((item) => item.id === cycleId);
  const projects = useCycleProjects(cycleId);

  const wide = Grid.useBreakpoint().md ?? false;
  const assignButton = (project: Project) => (
    <Button
      onClick={() => setAssigning(project)}
      aria-label={t('supervision.assignLabel', { title: project.title })}
    >
      {t('supervision.assign')}
    </Button>
  );
  const titleCell = (project: Project) => (
    <Space orientation="vertical" size={0}>
      <Typography.Text strong>{project.title}</Typography.Text>
      <Typography.Text>{project.leadDepartment.name}</Typography.Text>
    </Space>
  );
  const columns: TableColumnsType<Project> = [
    { title: t('supervision.project'), render: (_: unknown, project) => titleCell(project) },
    {
      title: t('supervision.status'),
      dataIndex: 'status',
      render: (status: Project['status']) => <ProjectStatusTag status={status} />,
    },
    {
      title: t('supervision.deputies'),
      render: (_: unknown, project) => <Supervisors projectId={project.id} />,
    },
    { title: t('actionsColumn'), render: (_: unknown, project) => assignButton(project) },
  ];
  const narrowColumn: TableColumnsType<Project>[number] = {
    title: t('supervision.project'),
    render: (_: unknown, project) => (
      <Space orientation="vertical" size={6}>
        {titleCell(project)}
        <ProjectStatusTag status={project.status} />
        <Supervisors projectId={project.id} />
        {assignButton(project)}
      </Space>
    ),
  };
  return (
    <>
      <DeskTrail items={[{ title: t('supervision.title') }]} />
      <PageTitle extra={cycle && <ExportProjectsButton cycle={cycle} />}>
        {t('supervision.title')}
      </PageTitle>
      <QueryView query={cycles}>
        {() =>
          candidates.length === 0 ? (
            <Alert type="info" showIcon title={t('supervision.noCycle')} />
          ) : (
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <Space wrap>
                <label htmlFor="supervision-cycle">{t('supervision.cycle')}</label>
                <Select
                  id="supervision-cycle"
                  value={cycleId}
                  onChange={(id: string) => setParams({ cycle: id }, { replace: true })}
                  options={candidates.map((item) => ({
                    value: item.id,
                    label: `${item.title}（${t(`common:phases.${item.phase}`)}）`,
                  }))}
                  style={{ minWidth: 280, maxWidth: '100%' }}
                />
              </Space>
              <Typography.Paragraph>{t('supervision.intro')}</Typography.Paragraph>
              <QueryView query={projects} empty={(data) => data.items.length === 0}>
                {(data) => (
                  <Table<Project>
                    rowKey="id"
                    dataSource={data.items}
                    pagination={false}
                    scroll={wide ? { x: 'max-content' } : undefined}
                    columns={wide ? columns : [narrowColumn]}
                  />
                )}
              </QueryView>
            </Space>
          )
        }
      </QueryView>
      {assigning && <AssignSupervisors project={assigning} onClose={() => setAssigning(null)} />}
    </>
  );
}
