import { Card, Col, Flex, Progress, Row, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Schemas } from '../../api/client';
import { useCycleProjects } from '../../shared/cycleLists';
import { useCycle } from '../../shared/cycles';
import { PageTitle } from '../../shared/PageTitle';
import { QueryView } from '../../shared/QueryState';
import { CategoryTag, ProjectStatusTag } from '../../shared/StatusTags';
import { CycleSwitch } from './CycleSwitch';
import { useFormat } from '../../shared/format';

type Project = Schemas['ProjectResponse'];
type Status = Project['status'];
const STATUSES: Status[] = ['not_started', 'on_track', 'at_risk', 'delayed', 'completed'];

/** Progress colours that match the status tags. */
export const PROGRESS_COLORS: Record<Status, string | undefined> = {
  not_started: undefined,
  on_track: '#389e0d',
  at_risk: '#d46b08',
  delayed: '#cf1322',
  completed: '#1677ff',
};

export function ProjectList() {
  const { id } = useParams();
  const { t } = useTranslation('public');
  const [params, setParams] = useSearchParams();
  const cycle = useCycle(id);
  const status = STATUSES.find((value) => value === params.get('status'));
  // A year has a dozen projects or so: one page, filtered here.
  const projects = useCycleProjects(id);
  return (
    <>
      <PageTitle extra={id && <CycleSwitch cycleId={id} section="projects" />}>
        {t('projects.title')}
      </PageTitle>
      {cycle.data && (
        <Typography.Paragraph>
          <Link to={`/cycles/${cycle.data.id}`}>{cycle.data.title}</Link>
        </Typography.Paragraph>
      )}
      <Flex align="center" gap={8} wrap style={{ marginBottom: 16 }}>
        <label htmlFor="project-status">{t('projects.status')}</label>
        <Select
          id="project-status"
          style={{ minWidth: 160 }}
          value={status ?? ''}
          onChange={(value: string) => setParams(value ? { status: value } : {}, { replace: true })}
          options={[
            { value: '', label: t('proposals.all') },
            ...STATUSES.map((value) => ({ value, label: t(`common:projectStatus.${value}`) })),
          ]}
        />
      </Flex>
      <QueryView query={projects} empty={(data) => data.items.length === 0}>
        {(data) => {
          const shown = data.items.filter((project) => !status || project.status === status);
          return (
            <>
              <Typography.Paragraph role="status">
                {t('projects.total', { count: shown.length })}
              </Typography.Paragraph>
              <Row gutter={[16, 16]}>
                {shown.map((project) => (
                  <Col xs={24} md={12} key={project.id}>
                    <ProjectCard project={project} />
                  </Col>
                ))}
              </Row>
            </>
          );
        }}
      </QueryView>
    </>
  );
}

function ProjectCard({ project }: { project: Project }) {
  const { t } = useTranslation('public');
  const format = useFormat();
  const next = project.milestones
    .filter((milestone) => !milestone.done)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0];
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 18, margin: '0 0 8px' }}>
        <Link to={`/projects/${project.id}`}>{project.title}</Link>
      </Typography.Title>
      <Space wrap size={[4, 4]}>
        <ProjectStatusTag status={project.status} />
        <CategoryTag category={project.category} />
        {project.overdueResponses > 0 && (
          <Tag color="red">
            {t('projects.overdueResponses', { count: project.overdueResponses })}
          </Tag>
        )}
      </Space>
      <Progress
        percent={project.percent ?? 0}
        strokeColor={PROGRESS_COLORS[project.status]}
        // At 100 % Ant turns the text light green (below AA); the bar's colour says enough.
        status="normal"
        aria-label={t('projects.progress')}
        format={(percent) => (project.percent === null ? t('projects.noProgress') : `${percent}%`)}
        style={{ margin: '12px 0' }}
      />
      <Flex vertical gap={2}>
        <Typography.Text>
          {t('projects.leadDepartment')}
          {project.leadDepartment.name}
        </Typography.Text>
        <Typography.Text>
          {t('projects.budget')}
          {format.money(project.budget)}
        </Typography.Text>
        {next && (
          <Typography.Text type={next.overdue ? 'danger' : undefined}>
            {t('projects.nextMilestone', { title: next.title, date: format.date(next.dueDate) })}
            {next.overdue && ` (${t('project.overdue')})`}
          </Typography.Text>
        )}
      </Flex>
    </Card>
  );
}
