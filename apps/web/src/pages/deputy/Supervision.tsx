import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Collapse,
  Empty,
  Form,
  Input,
  List,
  Progress,
  Radio,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useErrorMessage } from '../../api/errors';
import { useProject } from '../../shared/projects';
import { useCycles } from '../../shared/cycles';
import { PageTitle } from '../../shared/PageTitle';
import { QueryView } from '../../shared/QueryState';
import { ProjectStatusTag } from '../../shared/StatusTags';

type Project = Schemas['ProjectResponse'];

/** Today in the district (Asia/Shanghai) as YYYY-MM-DD: a visit cannot be later. */
function districtToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

export function Supervision() {
  const { t } = useTranslation('deputy');
  const cycles = useCycles();
  const projects = useQuery({
    queryKey: ['me', 'supervised-projects'],
    queryFn: () => unwrap(api.GET('/api/me/supervised-projects')),
  });
  const titles = new Map((cycles.data?.items ?? []).map((cycle) => [cycle.id, cycle.title]));
  return (
    <>
      <PageTitle>{t('supervision.title')}</PageTitle>
      <Typography.Paragraph>{t('supervision.intro')}</Typography.Paragraph>
      <QueryView query={projects}>
        {(items) =>
          items.length === 0 ? (
            <Empty description={t('supervision.none')} />
          ) : (
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              {items.map((project) => (
                <SupervisedProject
                  key={project.id}
                  project={project}
                  cycleTitle={titles.get(project.cycleId) ?? ''}
                />
              ))}
            </Space>
          )
        }
      </QueryView>
    </>
  );
}

function SupervisedProject({ project, cycleTitle }: { project: Project; cycleTitle: string }) {
  const { t } = useTranslation('deputy');
  return (
    <Card>
      <Space direction="vertical" size="small" style={{ width: '100%' }}>
        <Typography.Title level={2} style={{ fontSize: 20, margin: 0 }}>
          <Link to={`/projects/${project.id}`}>{project.title}</Link>
        </Typography.Title>
        <Space wrap>
          <ProjectStatusTag status={project.status} />
          <Typography.Text type="secondary">
            {cycleTitle} · {t('supervision.lead', { name: project.leadDepartment.name })}
          </Typography.Text>
        </Space>
        <Progress
          percent={project.percent ?? 0}
          aria-label={t('supervision.progress', { percent: project.percent ?? 0 })}
        />
        {project.overdueResponses > 0 && (
          <Alert
            type="warning"
            showIcon
            title={t('supervision.overdue', { count: project.overdueResponses })}
          />
        )}
        <Collapse
          defaultActiveKey={project.inspections > 0 ? ['inspections'] : []}
          items={[
            {
              key: 'inspections',
              label: t('supervision.inspections', { count: project.inspections }),
              children: <Inspections projectId={project.id} />,
            },
            {
              key: 'log',
              label: t('supervision.log'),
              children: <InspectionForm projectId={project.id} />,
            },
          ]}
        />
      </Space>
    </Card>
  );
}

function Inspections({ projectId }: { projectId: string }) {
  const { t, i18n } = useTranslation('deputy');
  const detail = useProject(projectId);
  return (
    <QueryView query={detail} empty={(data) => data.inspectionLog.length === 0}>
      {(data) => (
        <List
          dataSource={data.inspectionLog}
          renderItem={(inspection) => (
            <List.Item>
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap>
                  <Typography.Text strong>
                    {new Date(`${inspection.visitedOn}T00:00:00`).toLocaleDateString(i18n.language)}{' '}
                    · {inspection.deputy.name}
                  </Typography.Text>
                  <Tag>{t('supervision.rating', { rating: inspection.rating })}</Tag>
                  {inspection.overdue && <Tag color="red">{t('supervision.answerOverdue')}</Tag>}
                </Space>
                <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-line' }}>
                  {inspection.findings}
                </Typography.Paragraph>
                {inspection.response ? (
                  <Alert
                    type="info"
                    title={t('supervision.response')}
                    description={
                      <span style={{ whiteSpace: 'pre-line' }}>{inspection.response}</span>
                    }
                  />
                ) : (
                  <Typography.Text type="secondary">{t('supervision.noResponse')}</Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
    </QueryView>
  );
}

interface InspectionValues {
  visitedOn: string;
  findings: string;
  rating: number;
}

function InspectionForm({ projectId }: { projectId: string }) {
  const { t } = useTranslation('deputy');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<InspectionValues>();
  const today = districtToday();
  const log = useMutation({
    mutationFn: (values: InspectionValues) =>
      unwrap(
        api.POST('/api/projects/{id}/inspections', {
          params: { path: { id: projectId } },
          body: values,
        }),
      ),
    onSuccess: async () => {
      form.resetFields();
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['project', projectId] }),
        queryClient.invalidateQueries({ queryKey: ['me', 'supervised-projects'] }),
      ]);
    },
  });
  return (
    <>
      {log.isError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={errorMessage(log.error)}
          style={{ marginBottom: 16 }}
        />
      )}
      {log.isSuccess && (
        <Alert
          type="success"
          showIcon
          role="status"
          title={t('supervision.logged')}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        size="large"
        initialValues={{ visitedOn: today }}
        onFinish={(values) => log.mutate(values)}
        onValuesChange={() => log.isSuccess && log.reset()}
      >
        <Form.Item
          name="visitedOn"
          label={t('supervision.visitedOn')}
          rules={[
            { required: true, message: t('supervision.required.visitedOn') },
            {
              validator: (_, value: string) =>
                value && value > today
                  ? Promise.reject(new Error(t('supervision.future')))
                  : Promise.resolve(),
            },
          ]}
        >
          <Input type="date" max={today} style={{ maxWidth: 240 }} />
        </Form.Item>
        <Form.Item
          name="findings"
          label={t('supervision.findings')}
          rules={[
            { required: true, whitespace: true, message: t('supervision.required.findings') },
            { max: 4000, message: t('supervision.tooLong') },
          ]}
        >
          <Input.TextArea rows={5} maxLength={4000} showCount />
        </Form.Item>
        <Form.Item
          name="rating"
          label={t('supervision.ratingLabel')}
          extra={t('supervision.ratingHint')}
          rules={[{ required: true, message: t('supervision.required.rating') }]}
        >
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[1, 2, 3, 4, 5].map((value) => ({
              value,
              label: t(`supervision.ratings.${value}`),
            }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={log.isPending}>
          {t('supervision.submit')}
        </Button>
      </Form>
    </>
  );
}
