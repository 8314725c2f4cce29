import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { useErrorMessage } from '../../api/errors';
import { PageTitle } from '../../shared/PageTitle';
import { QueryView } from '../../shared/QueryState';

type Preference = Schemas['PreferenceResponse'];

export function Channels() {
  const { t } = useTranslation('resident');
  const preferences = useQuery({
    queryKey: ['notification-preferences'],
    queryFn: () => unwrap(api.GET('/api/notifications/preferences')),
  });
  return (
    <>
      <PageTitle>{t('channels.title')}</PageTitle>
      <Typography.Paragraph>{t('channels.intro')}</Typography.Paragraph>
      <QueryView query={preferences}>
        {(data) => <ChannelsForm initial={data.preferences} />}
      </QueryView>
    </>
  );
}

function ChannelsForm({ initial }: { initial: Preference[] }) {
  const { t, i18n } = useTranslation('resident');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const english = i18n.language.startsWith('en');
  const [rows, setRows] = useState(initial);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/notifications/preferences', {
          body: {
            preferences: rows.map(({ kind, email, webhook }) => ({
              kind: kind as Schemas['PreferenceChoiceDto']['kind'],
              email,
              webhook,
            })),
          },
        }),
      ),
    onSuccess: (answer) => {
      setRows(answer.preferences);
      queryClient.setQueryData(['notification-preferences'], answer);
    },
  });
  const set = (kind: string, channel: 'email' | 'webhook', on: boolean) => {
    save.reset();
    setRows((current) =>
      current.map((row) => (row.kind === kind ? { ...row, [channel]: on } : row)),
    );
  };
  const label = (row: Preference) => (english ? row.label.en : row.label.zh);
  return (
    <Card>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {save.isError && (
          <Alert type="error" showIcon role="alert" title={errorMessage(save.error)} />
        )}
        {save.isSuccess && (
          <Alert type="success" showIcon role="status" title={t('channels.saved')} />
        )}
        <Table
          rowKey="kind"
          dataSource={rows}
          pagination={false}
          scroll={{ x: true }}
          columns={[
            { key: 'kind', title: t('channels.kind'), render: (_, row) => label(row) },
            {
              key: 'inApp',
              title: t('channels.inApp'),
              align: 'center',
              render: (_, row) => (
                <Checkbox
                  checked
                  disabled
                  aria-label={t('channels.inAppFor', { kind: label(row) })}
                />
              ),
            },
            {
              key: 'email',
              title: t('channels.email'),
              align: 'center',
              render: (_, row) => (
                <Checkbox
                  checked={row.email}
                  onChange={(event) => set(row.kind, 'email', event.target.checked)}
                  aria-label={t('channels.emailFor', { kind: label(row) })}
                />
              ),
            },
            {
              key: 'webhook',
              title: t('channels.webhook'),
              align: 'center',
              render: (_, row) => (
                <Checkbox
                  checked={row.webhook}
                  onChange={(event) => set(row.kind, 'webhook', event.target.checked)}
                  aria-label={t('channels.webhookFor', { kind: label(row) })}
                />
              ),
            },
          ]}
        />
        <Typography.Text type="secondary">{t('channels.inAppHint')}</Typography.Text>
        <Button
          type="primary"
          size="large"
          onClick={() => save.mutate()}
          loading={save.isPending}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('common:actions.save')}
        </Button>
      </Space>
    </Card>
  );
}
