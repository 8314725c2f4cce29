import { CheckOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { useErrorMessage } from '../../api/errors';
import { useFormat, usePickLanguage } from '../../shared/format';
import { useRefreshProject } from '../../shared/projects';
import type { Milestone, Project } from './queries';

type Changes = Schemas['UpdateMilestoneDto'];

function useMilestoneChange(project: Project, milestone: Milestone) {
  const refresh = useRefreshProject(project);
  return useMutation({
    mutationFn: (changes: Changes) =>
      unwrap(
        api.PATCH('/api/milestones/{id}', {
          params: { path: { id: milestone.id } },
          body: changes,
        }),
      ),
    onSuccess: refresh,
  });
}

export function MilestonesPanel({
  project,
  milestones,
}: {
  project: Project;
  milestones: Milestone[];
}) {
  const { t } = useTranslation('official');
  const sorted = [...milestones].sort(
    (a, b) => Number(a.done) - Number(b.done) || a.dueDate.localeCompare(b.dueDate),
  );
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {sorted.length === 0 ? (
        <Typography.Paragraph>{t('milestones.none')}</Typography.Paragraph>
      ) : (
        <List
          bordered
          dataSource={sorted}
          renderItem={(milestone) => <MilestoneItem project={project} milestone={milestone} />}
        />
      )}
      <AddMilestone project={project} />
    </Space>
  );
}

function MilestoneItem({ project, milestone }: { project: Project; milestone: Milestone }) {
  const { t } = useTranslation('official');
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const format = useFormat();
  const pick = usePickLanguage();
  const change = useMilestoneChange(project, milestone);
  const [reporting, setReporting] = useState(false);
  const rectification = milestone.kind === 'rectification';
  // The API names rectification items in both languages; officials name the others.
  const title = rectification ? pick(milestone.title) : milestone.title;
  const needsReport = rectification && !milestone.report;
  const setDone = (done: boolean) =>
    change.mutate(
      { done },
      {
        onSuccess: () =>
          void message.success(
            t(done ? 'milestones.doneSaved' : 'milestones.undoneSaved', {
              title,
            }),
          ),
      },
    );
  return (
    <List.Item>
      <Space direction="vertical" size={4} style={{ width: '100%' }}>
        <Space wrap size={[4, 4]}>
          {rectification && <Tag color="magenta">{t('milestones.rectification')}</Tag>}
          <Typography.Text strong delete={milestone.done}>
            {title}
          </Typography.Text>
        </Space>
        <Space wrap size={[4, 4]}>
          <Typography.Text>
            {t('milestones.due', { date: format.date(milestone.dueDate) })}
          </Typography.Text>
          {milestone.done ? (
            <Tag icon={<CheckOutlined />}>
              {milestone.doneAt
                ? t('milestones.doneAt', { date: format.dateTime(milestone.doneAt) })
                : t('milestones.done')}
            </Tag>
          ) : milestone.overdue ? (
            <Tag color="red">{t('milestones.overdue')}</Tag>
          ) : (
            <Tag>{t('milestones.open')}</Tag>
          )}
        </Space>
        {milestone.report && (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
            <Typography.Text strong>{t('milestones.reportLabel')}</Typography.Text>
            {milestone.report}
          </Typography.Paragraph>
        )}
        {change.isError && <Alert type="error" showIcon title={errorMessage(change.error)} />}
        <Space wrap>
          {rectification && (
            <Button onClick={() => setReporting(true)}>
              {milestone.report ? t('milestones.editReport') : t('milestones.writeReport')}
            </Button>
          )}
          {milestone.done ? (
            <Button onClick={() => setDone(false)} loading={change.isPending}>
              {t('milestones.markUndone')}
            </Button>
          ) : (
            <Button
              type="primary"
              onClick={() => setDone(true)}
              loading={change.isPending}
              disabled={needsReport}
            >
              {t('milestones.markDone')}
            </Button>
          )}
          {needsReport && !milestone.done && (
            <Typography.Text type="secondary">{t('milestones.reportFirst')}</Typography.Text>
          )}
        </Space>
      </Space>
      {reporting && (
        <ReportModal project={project} milestone={milestone} onClose={() => setReporting(false)} />
      )}
    </List.Item>
  );
}

function ReportModal({
  project,
  milestone,
  onClose,
}: {
  project: Project;
  milestone: Milestone;
  onClose: () => void;
}) {
  const { t } = useTranslation('official');
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const change = useMilestoneChange(project, milestone);
  const [form] = Form.useForm<{ report: string }>();
  // Which button sent the form: read when validation has passed, after this render.
  const finishing = useRef(false);
  const [finish, setFinish] = useState(false);
  const send = (andFinish: boolean) => {
    finishing.current = andFinish;
    setFinish(andFinish);
    form.submit();
  };
  const submit = ({ report }: { report: string }) =>
    change.mutate(
      finishing.current ? { report: report.trim(), done: true } : { report: report.trim() },
      {
        onSuccess: () => {
          void message.success(t('milestones.reportSaved'));
          onClose();
        },
      },
    );
  return (
    <Modal
      open
      title={t('milestones.reportTitle', { title: project.title })}
      onCancel={onClose}
      destroyOnHidden
      maskClosable={false}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common:actions.cancel')}
        </Button>,
        <Button key="save" loading={change.isPending && !finish} onClick={() => send(false)}>
          {t('milestones.saveReport')}
        </Button>,
        !milestone.done && (
          <Button
            key="finish"
            type="primary"
            loading={change.isPending && finish}
            onClick={() => send(true)}
          >
            {t('milestones.saveAndFinish')}
          </Button>
        ),
      ]}
    >
      <Typography.Paragraph>{t('milestones.reportHint')}</Typography.Paragraph>
      {change.isError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(change.error)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ report: milestone.report ?? '' }}
        onFinish={submit}
        requiredMark={false}
      >
        <Form.Item
          name="report"
          label={t('milestones.report')}
          rules={[
            { required: true, whitespace: true, message: t('milestones.reportRequired') },
            { max: 4000 },
          ]}
        >
          <Input.TextArea rows={6} maxLength={4000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AddMilestone({ project }: { project: Project }) {
  const { t } = useTranslation('official');
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const refresh = useRefreshProject(project);
  const [form] = Form.useForm<{ title: string; dueDate: string }>();
  const add = useMutation({
    mutationFn: (body: { title: string; dueDate: string }) =>
      unwrap(
        api.POST('/api/projects/{id}/milestones', { params: { path: { id: project.id } }, body }),
      ),
    onSuccess: async (milestone) => {
      void message.success(t('milestones.added', { title: milestone.title }));
      form.resetFields();
      await refresh();
    },
  });
  return (
    <section aria-label={t('milestones.add')}>
      <Typography.Title level={4} style={{ fontSize: 16 }}>
        {t('milestones.add')}
      </Typography.Title>
      {add.isError && (
        <Alert type="error" showIcon title={errorMessage(add.error)} style={{ marginBottom: 12 }} />
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => add.mutate({ title: values.title.trim(), dueDate: values.dueDate })}
        requiredMark={false}
      >
        <Space wrap align="end" style={{ width: '100%' }}>
          <Form.Item
            name="title"
            label={t('milestones.title')}
            rules={[
              { required: true, whitespace: true, message: t('milestones.titleRequired') },
              { max: 200 },
            ]}
            style={{ minWidth: 260 }}
          >
            <Input maxLength={200} placeholder={t('milestones.titlePlaceholder')} />
          </Form.Item>
          <Form.Item
            name="dueDate"
            label={t('milestones.dueDate')}
            rules={[{ required: true, message: t('milestones.dueDateRequired') }]}
          >
            <Input type="date" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={add.isPending}>
              {t('milestones.addButton')}
            </Button>
          </Form.Item>
        </Space>
      </Form>
    </section>
  );
}
