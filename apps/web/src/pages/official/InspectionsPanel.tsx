import { CheckOutlined, ClockCircleOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Rate, Space, Tag, Typography } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useErrorMessage } from '../../api/errors';
import { useFormat } from '../../shared/format';
import { useRefreshProject } from '../../shared/projects';
import type { Inspection, Project, ProjectDetail } from './queries';

/** The API's answer deadline: 15 days after the inspection was logged. */
const ANSWER_DAYS = 15;

export function InspectionsPanel({ project, detail }: { project: Project; detail: ProjectDetail }) {
  const { t } = useTranslation('official');
  // Unanswered first, the most overdue on top; then the answered ones, newest first.
  const inspections = [...detail.inspectionLog].sort(
    (a, b) =>
      Number(!!a.response) - Number(!!b.response) ||
      (a.response
        ? b.createdAt.localeCompare(a.createdAt)
        : a.createdAt.localeCompare(b.createdAt)),
  );
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph style={{ margin: 0 }}>
        {detail.supervisors.length === 0
          ? t('inspections.noSupervisors')
          : t('inspections.supervisors', {
              names: detail.supervisors.map((deputy) => deputy.displayName).join('、'),
            })}
      </Typography.Paragraph>
      {inspections.length === 0 ? (
        <Typography.Paragraph>{t('inspections.none')}</Typography.Paragraph>
      ) : (
        inspections.map((inspection) => (
          <InspectionItem key={inspection.id} project={project} inspection={inspection} />
        ))
      )}
    </Space>
  );
}

function InspectionItem({ project, inspection }: { project: Project; inspection: Inspection }) {
  const { t } = useTranslation('official');
  const format = useFormat();
  const headingId = useId();
  const due = new Date(new Date(inspection.createdAt).getTime() + ANSWER_DAYS * 86_400_000);
  return (
    <Card
      size="small"
      role="article"
      aria-labelledby={headingId}
      style={inspection.overdue ? { borderColor: '#cf1322', borderWidth: 2 } : undefined}
    >
      <Typography.Title level={4} id={headingId} style={{ fontSize: 16, marginTop: 0 }}>
        {t('inspections.heading', {
          deputy: inspection.deputy.name,
          date: format.date(inspection.visitedOn),
        })}
      </Typography.Title>
      <Space wrap size={[8, 4]} style={{ marginBottom: 8 }}>
        <span>
          {t('inspections.rating')}{' '}
          <Rate
            disabled
            value={inspection.rating}
            aria-label={t('inspections.ratingValue', { rating: inspection.rating })}
            style={{ fontSize: 16 }}
          />
        </span>
        {inspection.response ? (
          <Tag icon={<CheckOutlined />}>{t('inspections.answered')}</Tag>
        ) : inspection.overdue ? (
          <Tag color="red">{t('inspections.overdue', { days: ANSWER_DAYS })}</Tag>
        ) : (
          <Tag icon={<ClockCircleOutlined />}>
            {t('inspections.dueBy', { date: format.dateTime(due.toISOString()) })}
          </Tag>
        )}
      </Space>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
        <Typography.Text strong>{t('inspections.findingsLabel')}</Typography.Text>
        {inspection.findings}
      </Typography.Paragraph>
      {inspection.response ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
          <Typography.Text strong>
            {t('inspections.response', {
              date: inspection.respondedAt ? format.dateTime(inspection.respondedAt) : '',
            })}
          </Typography.Text>
          {inspection.response}
        </Typography.Paragraph>
      ) : (
        <AnswerForm project={project} inspection={inspection} />
      )}
    </Card>
  );
}

function AnswerForm({ project, inspection }: { project: Project; inspection: Inspection }) {
  const { t } = useTranslation('official');
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const refresh = useRefreshProject(project);
  const answer = useMutation({
    mutationFn: (response: string) =>
      unwrap(
        api.POST('/api/inspections/{id}/response', {
          params: { path: { id: inspection.id } },
          body: { response },
        }),
      ),
    onSuccess: async () => {
      void message.success(t('inspections.saved'));
      await refresh();
    },
  });
  return (
    <>
      {answer.isError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(answer.error)}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form
        layout="vertical"
        onFinish={(values: { response: string }) => answer.mutate(values.response.trim())}
        requiredMark={false}
      >
        <Form.Item
          name="response"
          label={t('inspections.answer')}
          extra={t('inspections.answerHint')}
          rules={[
            { required: true, whitespace: true, message: t('inspections.answerRequired') },
            { max: 4000 },
          ]}
        >
          <Input.TextArea rows={3} maxLength={4000} showCount />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={answer.isPending}>
          {t('inspections.submit')}
        </Button>
      </Form>
    </>
  );
}
