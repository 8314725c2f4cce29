import {
  Badge,
  Button,
  Card,
  Descriptions,
  Grid,
  Progress,
  Space,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProject } from '../../shared/projects';
import { ErrorState, Loading } from '../../shared/QueryState';
import { CategoryTag, ProjectStatusTag } from '../../shared/StatusTags';
import { AssignmentPanel } from './AssignmentPanel';
import { useFormat } from '../../shared/format';
import { InspectionsPanel } from './InspectionsPanel';
import { MilestonesPanel } from './MilestonesPanel';
import { ProgressPanel } from './ProgressPanel';
import type { Project } from './queries';

export function ProjectCard({ project }: { project: Project }) {
  const { t } = useTranslation('official');
  const format = useFormat();
  const titleId = useId();
  // On a phone the four tabs fit only with the small sizes.
  const narrow = !Grid.useBreakpoint().sm;
  const detail = useProject(project.id);
  const [assigning, setAssigning] = useState(false);
  const assignmentId = useId();
  const unanswered = detail.data?.inspectionLog.filter((item) => !item.response).length ?? 0;
  const openItems = project.milestones.filter((item) => !item.done).length;
  return (
    <Card role="article" aria-labelledby={titleId} size={narrow ? 'small' : 'default'}>
      <Typography.Title level={3} id={titleId} style={{ fontSize: 20, marginTop: 0 }}>
        {project.title}
      </Typography.Title>
      <Space wrap size={[4, 4]} style={{ marginBottom: 8 }}>
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
        status={project.status === 'delayed' ? 'exception' : undefined}
        aria-label={t('projects.percentLabel')}
        format={(value) => (project.percent === null ? t('projects.noProgress') : `${value}%`)}
      />
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        style={{ marginTop: 8 }}
        items={[
          { key: 'budget', label: t('candidates.budget'), children: format.money(project.budget) },
          {
            key: 'responsible',
            label: t('projects.responsible'),
            children: project.responsibleOfficial?.name ?? t('projects.unassigned'),
          },
          {
            key: 'co',
            label: t('projects.coDepartments'),
            children:
              project.coDepartments.map((department) => department.name).join('、') ||
              t('screening.none'),
          },
          {
            key: 'targets',
            label: t('candidates.targets'),
            children: project.targets.join('；'),
          },
        ]}
      />
      <Button
        type="link"
        aria-expanded={assigning}
        aria-controls={assignmentId}
        onClick={() => setAssigning(!assigning)}
        style={{ paddingInline: 0 }}
      >
        {assigning ? t('assignment.close') : t('assignment.open')}
      </Button>
      <div id={assignmentId} hidden={!assigning}>
        {assigning && (
          <Card size="small" style={{ marginBottom: 16 }}>
            <AssignmentPanel project={project} />
          </Card>
        )}
      </div>
      {detail.isPending ? (
        <Loading />
      ) : detail.isError ? (
        <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />
      ) : (
        <Tabs
          size={narrow ? 'small' : 'middle'}
          tabBarGutter={narrow ? 20 : undefined}
          items={[
            {
              key: 'milestones',
              label: (
                <Badge count={openItems} size="small" offset={[8, 0]} color="blue">
                  {t('projects.tabs.milestones')}
                </Badge>
              ),
              children: <MilestonesPanel project={project} milestones={detail.data.milestones} />,
            },
            {
              key: 'progress',
              label: t('projects.tabs.progress'),
              children: <ProgressPanel project={project} updates={detail.data.progress} />,
            },
            {
              key: 'inspections',
              label: (
                <Badge count={unanswered} size="small" offset={[8, 0]}>
                  {t('projects.tabs.inspections')}
                </Badge>
              ),
              children: <InspectionsPanel project={project} detail={detail.data} />,
            },
          ]}
        />
      )}
    </Card>
  );
}
