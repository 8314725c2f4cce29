import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Progress,
  Rate,
  Row,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useErrorMessage } from '../../api/errors';
import { useSession } from '../../auth/session';
import { PageTitle } from '../../shared/PageTitle';
import { QueryView } from '../../shared/QueryState';
import { CategoryTag, ProjectStatusTag } from '../../shared/StatusTags';
import { useFormat } from '../../shared/format';
import { PROGRESS_COLORS } from './ProjectList';
import { useProject } from '../../shared/projects';
import { useTitles } from './queries';
import { SectionTitle } from './ui';

type Project = Schemas['ProjectDetailResponse'];

export function ProjectPage() {
  const { id } = useParams();
  const { t } = useTranslation('public');
  const format = useFormat();
  const project = useProject(id);
  return (
    <QueryView query={project}>
      {(project) => (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <div>
            <PageTitle extra={<Follow project={project} />}>{project.title}</PageTitle>
            <Space wrap size={[4, 4]}>
              <ProjectStatusTag status={project.status} />
              <CategoryTag category={project.category} />
              {project.overdueResponses > 0 && (
                <Tag color="red">
                  {t('projects.overdueResponses', { count: project.overdueResponses })}
                </Tag>
              )}
            </Space>
          </div>
          <Card>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
              {project.summary}
            </Typography.Paragraph>
            <Progress
              percent={project.percent ?? 0}
              strokeColor={PROGRESS_COLORS[project.status]}
              status="normal"
              aria-label={t('projects.progress')}
              format={(percent) =>
                project.percent === null ? t('projects.noProgress') : `${percent}%`
              }
              style={{ marginBottom: 16 }}
            />
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              items={[
                {
                  key: 'lead',
                  label: t('candidates.leadDepartment'),
                  children: project.leadDepartment.name,
                },
                {
                  key: 'official',
                  label: t('project.responsible'),
                  children: project.responsibleOfficial?.name ?? '—',
                },
                {
                  key: 'co',
                  label: t('project.coDepartments'),
                  children:
                    project.coDepartments.map((department) => department.name).join('、') || '—',
                },
                {
                  key: 'budget',
                  label: t('candidates.budget'),
                  children: format.money(project.budget),
                },
                {
                  key: 'followers',
                  label: t('project.followers'),
                  children: format.number(project.followers),
                },
                {
                  key: 'cycle',
                  label: t('proposal.cycle'),
                  children: (
                    <Link to={`/cycles/${project.cycleId}/projects`}>
                      {t('project.allProjects')}
                    </Link>
                  ),
                },
              ]}
            />
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card style={{ height: '100%' }}>
                <SectionTitle>{t('candidates.targets')}</SectionTitle>
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {project.targets.map((target) => (
                    <li key={target}>{target}</li>
                  ))}
                </ul>
                <Sources project={project} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card style={{ height: '100%' }}>
                <SectionTitle>{t('project.supervisors')}</SectionTitle>
                {project.supervisors.length > 0 ? (
                  <Space wrap size={[4, 4]}>
                    {project.supervisors.map((deputy) => (
                      <Tag key={deputy.id}>{deputy.displayName}</Tag>
                    ))}
                  </Space>
                ) : (
                  <Typography.Text>{t('project.noSupervisors')}</Typography.Text>
                )}
              </Card>
            </Col>
          </Row>
          <Card>
            <SectionTitle>{t('project.milestones')}</SectionTitle>
            <Milestones project={project} />
          </Card>
          <Card>
            <SectionTitle>{t('project.progressHistory')}</SectionTitle>
            <ProgressHistory project={project} />
          </Card>
          <Card>
            <SectionTitle>{t('project.inspections')}</SectionTitle>
            <Inspections project={project} />
          </Card>
        </Space>
      )}
    </QueryView>
  );
}

function Sources({ project }: { project: Project }) {
  const { t } = useTranslation('public');
  const sources = useTitles('proposal', project.sourceProposalIds);
  if (project.sourceProposalIds.length === 0) {
    return null;
  }
  return (
    <>
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
        {t('candidates.sources')}
      </Typography.Title>
      <ul style={{ margin: 0, paddingInlineStart: 20 }}>
        {project.sourceProposalIds.map((proposalId) => (
          <li key={proposalId}>
            <Link to={`/proposals/${proposalId}`}>
              {sources.titles.get(proposalId) ?? t('proposal.otherProposal')}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

function Milestones({ project }: { project: Project }) {
  const { t } = useTranslation('public');
  const format = useFormat();
  if (project.milestones.length === 0) {
    return <Empty description={t('project.noMilestones')} />;
  }
  const milestones = [...project.milestones].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  return (
    <Timeline
      items={milestones.map((milestone) => ({
        color: milestone.done ? 'green' : milestone.overdue ? 'red' : 'blue',
        content: (
          <Flex vertical gap={4}>
            <Space wrap size={[4, 4]}>
              <Typography.Text strong>{milestone.title}</Typography.Text>
              {milestone.kind === 'rectification' && (
                <Tag color="magenta">{t('project.rectification')}</Tag>
              )}
              {milestone.done ? (
                <Tag color="green">{t('project.done')}</Tag>
              ) : milestone.overdue ? (
                <Tag color="red">{t('project.overdue')}</Tag>
              ) : (
                <Tag>{t('project.pending')}</Tag>
              )}
            </Space>
            <Typography.Text>
              {t('project.due', { date: format.date(milestone.dueDate) })}
              {milestone.doneAt &&
                ` · ${t('project.doneAt', { date: format.date(milestone.doneAt) })}`}
            </Typography.Text>
            {milestone.report && (
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                {t('project.report')}
                {milestone.report}
              </Typography.Paragraph>
            )}
          </Flex>
        ),
      }))}
    />
  );
}

function ProgressHistory({ project }: { project: Project }) {
  const { t } = useTranslation('public');
  const format = useFormat();
  if (project.progress.length === 0) {
    return <Empty description={t('projects.noProgress')} />;
  }
  return (
    <Timeline
      items={project.progress.map((update) => ({
        content: (
          <Flex vertical gap={4}>
            <Typography.Text strong>
              {format.date(update.createdAt)} · {update.percent}%
            </Typography.Text>
            <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
              {update.note}
            </Typography.Paragraph>
            {update.reason && (
              <Typography.Text type="secondary">
                {t('project.reason')}
                {update.reason}
              </Typography.Text>
            )}
          </Flex>
        ),
      }))}
    />
  );
}

function Inspections({ project }: { project: Project }) {
  const { t } = useTranslation('public');
  const format = useFormat();
  if (project.inspectionLog.length === 0) {
    return <Empty description={t('project.noInspections')} />;
  }
  return (
    <Flex vertical gap={12}>
      {project.inspectionLog.map((inspection) => (
        <Card key={inspection.id} size="small" type="inner">
          <Flex vertical gap={8}>
            <Space wrap size={[8, 4]}>
              <Typography.Text strong>{format.date(inspection.visitedOn)}</Typography.Text>
              <Typography.Text>{inspection.deputy.name}</Typography.Text>
              <span>
                <Rate disabled value={inspection.rating} style={{ fontSize: 14 }} aria-hidden />{' '}
                <Typography.Text>
                  {t('project.rating', { rating: inspection.rating })}
                </Typography.Text>
              </span>
            </Space>
            <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
              {inspection.findings}
            </Typography.Paragraph>
            {inspection.response ? (
              <Alert
                type="info"
                title={
                  inspection.respondedAt
                    ? t('project.respondedAt', { date: format.date(inspection.respondedAt) })
                    : t('project.response')
                }
                description={<span style={{ whiteSpace: 'pre-wrap' }}>{inspection.response}</span>}
              />
            ) : (
              <Space wrap>
                <Tag>{t('project.awaitingResponse')}</Tag>
                {inspection.overdue && <Tag color="red">{t('project.responseOverdue')}</Tag>}
              </Space>
            )}
          </Flex>
        </Card>
      ))}
    </Flex>
  );
}

/** 关注: the API does not say whether the user follows already; following twice is harmless. */
function Follow({ project }: { project: Project }) {
  const { t } = useTranslation('public');
  const { user } = useSession();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [following, setFollowing] = useState(false);
  const follow = useMutation({
    mutationFn: (on: boolean) =>
      unwrap(
        on
          ? api.POST('/api/projects/{id}/follow', { params: { path: { id: project.id } } })
          : api.DELETE('/api/projects/{id}/follow', { params: { path: { id: project.id } } }),
      ),
    onSuccess: (data) => {
      setFollowing(data.following);
      void message.success(data.following ? t('project.followDone') : t('project.unfollowDone'));
      void queryClient.invalidateQueries({ queryKey: ['project', project.id] });
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  if (!user) {
    return null;
  }
  return following ? (
    <Space wrap>
      <Typography.Text>{t('project.following')}</Typography.Text>
      <Button loading={follow.isPending} onClick={() => follow.mutate(false)}>
        {t('project.unfollow')}
      </Button>
    </Space>
  ) : (
    <Button type="primary" loading={follow.isPending} onClick={() => follow.mutate(true)}>
      {t('project.follow')}
    </Button>
  );
}
