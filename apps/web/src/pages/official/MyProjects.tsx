import { useQueries } from '@tanstack/react-query';
import { Alert, Empty, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useSession } from '../../auth/session';
import { PageTitle } from '../../shared/PageTitle';
import { ErrorState, Loading, QueryView } from '../../shared/QueryState';
import { useCycles, type Cycle, type Phase } from '../../shared/cycles';
import { ProjectCard } from './ProjectCard';
import { allPages, useDepartments } from './queries';

// Projects are worked on while their cycle is implementing, and still during the evaluation
// (rectification items arrive then).
const WORKING: Phase[] = ['implementing', 'evaluating'];

export function MyProjects() {
  const { t } = useTranslation('official');
  const { user } = useSession();
  const cycles = useCycles();
  const departments = useDepartments();
  const departmentId = user?.departmentId;
  const department = departments.data?.find((item) => item.id === departmentId);
  return (
    <>
      <PageTitle>{t('projects.title')}</PageTitle>
      {!departmentId ? (
        <Alert type="warning" showIcon title={t('projects.noDepartment')} />
      ) : (
        <QueryView query={cycles}>
          {({ items }) => {
            const working = items
              .filter((cycle) => WORKING.includes(cycle.phase))
              .sort((a, b) => b.year - a.year);
            return (
              <Space direction="vertical" size="large" style={{ width: '100%' }}>
                {department && (
                  <Typography.Paragraph style={{ margin: 0 }}>
                    {t('projects.intro', { department: department.name })}
                  </Typography.Paragraph>
                )}
                {working.length === 0 ? (
                  <Empty description={t('projects.noCycle')} />
                ) : (
                  <DepartmentProjects cycles={working} departmentId={departmentId} />
                )}
              </Space>
            );
          }}
        </QueryView>
      )}
    </>
  );
}

/** The list endpoint has no department filter: a cycle has tens of projects, read them all. */
function DepartmentProjects({ cycles, departmentId }: { cycles: Cycle[]; departmentId: string }) {
  const { t } = useTranslation('official');
  const lists = useQueries({
    queries: cycles.map((cycle) => ({
      queryKey: ['projects', cycle.id, 'all'],
      queryFn: () =>
        allPages((page) =>
          unwrap(
            api.GET('/api/cycles/{id}/projects', {
              params: { path: { id: cycle.id }, query: { page, pageSize: 100 } },
            }),
          ),
        ),
    })),
  });
  return (
    <>
      {cycles.map((cycle, index) => {
        const list = lists[index];
        const mine = (list.data ?? []).filter(
          (project) => project.leadDepartment.id === departmentId,
        );
        return (
          <section key={cycle.id} aria-labelledby={`cycle-${cycle.id}`}>
            <Typography.Title level={2} id={`cycle-${cycle.id}`} style={{ fontSize: 20 }}>
              {t('projects.cycle', {
                title: cycle.title,
                phase: t(`common:phases.${cycle.phase}`),
              })}
            </Typography.Title>
            {list.isPending ? (
              <Loading />
            ) : list.isError ? (
              <ErrorState error={list.error} onRetry={() => void list.refetch()} />
            ) : mine.length === 0 ? (
              <Empty description={t('projects.none')} />
            ) : (
              <Space direction="vertical" size="middle" style={{ width: '100%' }}>
                {mine.map((project) => (
                  <ProjectCard key={project.id} project={project} />
                ))}
              </Space>
            )}
          </section>
        );
      })}
    </>
  );
}
