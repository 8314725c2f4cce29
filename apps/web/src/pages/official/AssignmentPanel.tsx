import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Form, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useErrorMessage } from '../../api/errors';
import { useSession } from '../../auth/session';
import { useRefreshProject } from '../../shared/projects';
import { useDepartments, type Project } from './queries';

/**
 * 责任人 and 配合单位. Officials cannot list their colleagues (the user list is the
 * secretariat's), so an official can name themselves responsible; the secretariat names others.
 */
export function AssignmentPanel({ project }: { project: Project }) {
  const { t } = useTranslation('official');
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const { user } = useSession();
  const departments = useDepartments();
  const refresh = useRefreshProject(project);
  const assign = useMutation({
    mutationFn: (body: { responsibleOfficialId?: string | null; coDepartmentIds?: string[] }) =>
      unwrap(api.PATCH('/api/projects/{id}', { params: { path: { id: project.id } }, body })),
    onSuccess: async () => {
      void message.success(t('assignment.saved'));
      await refresh();
    },
  });
  const mine = project.responsibleOfficial?.id === user?.id;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {assign.isError && <Alert type="error" showIcon title={errorMessage(assign.error)} />}
      <section aria-label={t('projects.responsible')}>
        <Typography.Title level={4} style={{ fontSize: 16 }}>
          {t('projects.responsible')}
        </Typography.Title>
        <Typography.Paragraph>
          {project.responsibleOfficial
            ? t('assignment.current', { name: project.responsibleOfficial.name })
            : t('projects.unassigned')}
        </Typography.Paragraph>
        {!mine && (
          <Button
            onClick={() => assign.mutate({ responsibleOfficialId: user?.id })}
            loading={assign.isPending && assign.variables.responsibleOfficialId !== undefined}
          >
            {t('assignment.takeOver')}
          </Button>
        )}
      </section>
      <section aria-label={t('projects.coDepartments')}>
        <Typography.Title level={4} style={{ fontSize: 16 }}>
          {t('projects.coDepartments')}
        </Typography.Title>
        <Form
          layout="vertical"
          initialValues={{ coDepartmentIds: project.coDepartments.map((item) => item.id) }}
          onFinish={(values: { coDepartmentIds: string[] }) =>
            assign.mutate({ coDepartmentIds: values.coDepartmentIds })
          }
        >
          <Form.Item name="coDepartmentIds" label={t('assignment.coDepartments')}>
            <Select
              mode="multiple"
              allowClear
              loading={departments.isPending}
              showSearch={{ optionFilterProp: 'label' }}
              options={(departments.data ?? [])
                .filter((department) => department.id !== project.leadDepartment.id)
                .map((department) => ({ value: department.id, label: department.name }))}
            />
          </Form.Item>
          <Button
            htmlType="submit"
            loading={assign.isPending && assign.variables.coDepartmentIds !== undefined}
          >
            {t('assignment.saveCo')}
          </Button>
        </Form>
      </section>
    </Space>
  );
}
