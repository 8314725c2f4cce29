import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Badge, Button, Card, List, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useErrorMessage } from '../../api/errors';
import { PageTitle } from '../../shared/PageTitle';
import { QueryView } from '../../shared/QueryState';
import { formatDateTime } from './format';
import { LinkButton } from '../../shared/LinkButton';

const PAGE_SIZE = 10;

export function Inbox() {
  const { t } = useTranslation('resident');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const inbox = useQuery({
    queryKey: ['notifications', unreadOnly, page],
    queryFn: () =>
      unwrap(
        api.GET('/api/notifications', {
          params: { query: { page, pageSize: PAGE_SIZE, unread: unreadOnly || undefined } },
        }),
      ),
  });
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['notifications'] }),
      queryClient.invalidateQueries({ queryKey: ['unread-count'] }),
    ]);
  const readAll = useMutation({
    mutationFn: () => unwrap(api.POST('/api/notifications/read-all')),
    onSuccess: refresh,
  });
  const unread = inbox.data?.unread ?? 0;
  return (
    <>
      <PageTitle
        extra={
          <LinkButton to="/me/channels" size="large">
            {t('channels.title')}
          </LinkButton>
        }
      >
        {t('inbox.title')}
      </PageTitle>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Segmented
            size="large"
            aria-label={t('inbox.show')}
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(value) => {
              setUnreadOnly(value === 'unread');
              setPage(1);
            }}
            options={[
              { value: 'all', label: t('inbox.all') },
              { value: 'unread', label: t('inbox.unreadOnly', { count: unread }) },
            ]}
          />
          <Button
            size="large"
            onClick={() => readAll.mutate()}
            loading={readAll.isPending}
            disabled={unread === 0}
          >
            {t('inbox.readAll')}
          </Button>
        </Space>
        <Typography.Text role="status">{t('inbox.unreadCount', { count: unread })}</Typography.Text>
        {readAll.isError && (
          <Alert type="error" showIcon role="alert" title={errorMessage(readAll.error)} />
        )}
        <QueryView query={inbox} empty={(data) => data.total === 0}>
          {(data) => (
            <List
              dataSource={data.items}
              pagination={
                data.total > PAGE_SIZE && {
                  current: page,
                  pageSize: PAGE_SIZE,
                  total: data.total,
                  onChange: setPage,
                  showSizeChanger: false,
                }
              }
              renderItem={(notification) => (
                <List.Item>
                  <Notice notification={notification} onRead={refresh} />
                </List.Item>
              )}
            />
          )}
        </QueryView>
      </Space>
    </>
  );
}

function Notice({
  notification,
  onRead,
}: {
  notification: Schemas['NotificationResponse'];
  onRead: () => Promise<unknown>;
}) {
  const { t, i18n } = useTranslation('resident');
  const errorMessage = useErrorMessage();
  const english = i18n.language.startsWith('en');
  const title = english ? notification.title.en : notification.title.zh;
  const body = english ? notification.body.en : notification.body.zh;
  const unread = notification.readAt === null;
  const markRead = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/notifications/{id}/read', { params: { path: { id: notification.id } } }),
      ),
    onSuccess: onRead,
  });
  // Only links inside the app are followed; anything else stays plain text.
  const link =
    notification.link && notification.link.startsWith('/') && !notification.link.startsWith('//')
      ? notification.link
      : null;
  return (
    <Card
      size="small"
      style={{ width: '100%', borderLeft: unread ? '4px solid #a11b28' : undefined }}
    >
      <Space direction="vertical" size={4} style={{ width: '100%' }}>
        <Space wrap size={8}>
          {unread && <Badge status="error" />}
          <Typography.Title
            level={2}
            style={{ fontSize: 17, margin: 0, fontWeight: unread ? 700 : 500 }}
          >
            {title}
          </Typography.Title>
          {unread && <Tag color="red">{t('inbox.unread')}</Tag>}
        </Space>
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-line' }}>
          {body}
        </Typography.Paragraph>
        <Space wrap size="middle">
          <Typography.Text type="secondary">
            {formatDateTime(notification.createdAt, i18n.language)}
          </Typography.Text>
          {link && (
            <Link to={link} onClick={() => unread && markRead.mutate()}>
              {t('inbox.open')}
            </Link>
          )}
          {unread && (
            <Button
              size="small"
              onClick={() => markRead.mutate()}
              loading={markRead.isPending}
              aria-label={t('inbox.markReadThis', { title })}
            >
              {t('inbox.markRead')}
            </Button>
          )}
        </Space>
        {markRead.isError && (
          <Typography.Text type="danger" role="alert">
            {errorMessage(markRead.error)}
          </Typography.Text>
        )}
      </Space>
    </Card>
  );
}
