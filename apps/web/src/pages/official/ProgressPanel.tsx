import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  InputNumber,
  List,
  Progress,
  Space,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { useErrorMessage } from '../../api/errors';
import { useFormat } from '../../shared/format';
import { useRefreshProject } from '../../shared/projects';
import type { Project } from './queries';

interface Values {
  percent: number;
  note: string;
  reason?: string;
}

export function ProgressPanel({
  project,
  updates,
}: {
  project: Project;
  updates: Schemas['ProgressResponse'][];
}) {
  const { t } = useTranslation('official');
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const format = useFormat();
  const refresh = useRefreshProject(project);
  const [form] = Form.useForm<Values>();
  const percent = Form.useWatch('percent', form);
  const lowered =
    project.percent !== null && typeof percent === 'number' && percent < project.percent;
  const post = useMutation({
    mutationFn: (values: Values) =>
      unwrap(
        api.POST('/api/projects/{id}/progress', {
          params: { path: { id: project.id } },
          body: {
            percent: values.percent,
            note: values.note.trim(),
            ...(values.reason?.trim() ? { reason: values.reason.trim() } : {}),
          },
        }),
      ),
    onSuccess: async (update) => {
      void message.success(t('progress.saved', { percent: update.percent }));
      form.resetFields();
      await refresh();
    },
  });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <section aria-label={t('progress.post')}>
        <Typography.Title level={4} style={{ fontSize: 16 }}>
          {t('progress.post')}
        </Typography.Title>
        <Typography.Paragraph>
          {project.percent === null
            ? t('progress.first')
            : t('progress.last', { percent: project.percent })}
        </Typography.Paragraph>
        {post.isError && (
          <Alert
            type="error"
            showIcon
            title={errorMessage(post.error)}
            style={{ marginBottom: 12 }}
          />
        )}
        <Form
          form={form}
          layout="vertical"
          onFinish={(values) => post.mutate(values)}
          requiredMark={false}
        >
          <Form.Item
            name="percent"
            label={t('progress.percent')}
            rules={[{ required: true, message: t('progress.percentRequired') }]}
          >
            <InputNumber<number>
              min={0}
              max={100}
              precision={0}
              suffix="%"
              style={{ width: 160 }}
            />
          </Form.Item>
          <Form.Item
            name="note"
            label={t('progress.note')}
            rules={[
              { required: true, whitespace: true, message: t('progress.noteRequired') },
              { max: 2000 },
            ]}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
          {lowered && (
            <Form.Item
              name="reason"
              label={t('progress.reason')}
              extra={t('progress.reasonHint', { percent: project.percent })}
              rules={[{ max: 500 }]}
            >
              <Input.TextArea rows={2} maxLength={500} showCount />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" loading={post.isPending}>
            {t('progress.submit')}
          </Button>
        </Form>
      </section>
      <section aria-label={t('progress.history')}>
        <Typography.Title level={4} style={{ fontSize: 16 }}>
          {t('progress.history')}
        </Typography.Title>
        {updates.length === 0 ? (
          <Typography.Paragraph>{t('progress.none')}</Typography.Paragraph>
        ) : (
          <List
            dataSource={updates}
            renderItem={(update) => (
              <List.Item>
                <Space direction="vertical" size={2} style={{ width: '100%' }}>
                  <Space wrap>
                    <Typography.Text strong>{format.dateTime(update.createdAt)}</Typography.Text>
                    <Progress
                      percent={update.percent}
                      size="small"
                      style={{ width: 160, margin: 0 }}
                      aria-label={t('projects.percentLabel')}
                    />
                  </Space>
                  <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>
                    {update.note}
                  </Typography.Text>
                  {update.reason && (
                    <Typography.Text strong>
                      {t('progress.reasonShown', { reason: update.reason })}
                    </Typography.Text>
                  )}
                </Space>
              </List.Item>
            )}
          />
        )}
      </section>
    </Space>
  );
}
