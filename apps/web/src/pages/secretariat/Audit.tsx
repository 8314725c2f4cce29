import { SafetyCertificateOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Grid, Input, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { useErrorMessage } from '../../api/errors';
import { PageTitle } from '../../shared/PageTitle';
import { QueryView } from '../../shared/QueryState';
import { DeskTrail, formatTime, UserName } from './common';

type Entry = Schemas['AuditEntryResponse'];

function Details({ details }: { details: Record<string, unknown> }) {
  const { t } = useTranslation('secretariat');
  const entries = Object.entries(details);
  if (entries.length === 0) {
    return <>—</>;
  }
  return (
    <Typography.Paragraph
      ellipsis={{ rows: 2, expandable: true, symbol: t('audit.more') }}
      style={{
        maxWidth: 420,
        marginBottom: 0,
        fontFamily: 'monospace',
        fontSize: 13,
        wordBreak: 'break-all',
      }}
    >
      {entries
        .map(
          ([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`,
        )
        .join(' · ')}
    </Typography.Paragraph>
  );
}

function VerifyChain() {
  const { t } = useTranslation('secretariat');
  const errorMessage = useErrorMessage();
  const verify = useMutation({
    mutationFn: () => unwrap(api.GET('/api/audit/verify')),
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button
        type="primary"
        icon={<SafetyCertificateOutlined />}
        loading={verify.isPending}
        onClick={() => verify.mutate()}
      >
        {t('audit.verify')}
      </Button>
      <div aria-live="polite">
        {verify.isError && <Alert type="error" showIcon title={errorMessage(verify.error)} />}
        {verify.data &&
          (verify.data.ok ? (
            <Alert
              type="success"
              showIcon
              title={t('audit.verifiedOk')}
              description={t('audit.verifiedOkText', { entries: verify.data.entries })}
            />
          ) : (
            <Alert
              type="error"
              showIcon
              title={t('audit.broken')}
              description={t('audit.brokenText', {
                seq: verify.data.brokenAt,
                entries: verify.data.entries,
              })}
            />
          ))}
      </div>
    </Space>
  );
}

export function Audit() {
  const { t } = useTranslation('secretariat');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [action, setAction] = useState('');
  const log = useQuery({
    queryKey: ['audit', { page, pageSize, action }],
    queryFn: () =>
      unwrap(
        api.GET('/api/audit', {
          params: { query: { page, pageSize, action: action || undefined } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const wide = Grid.useBreakpoint().md ?? false;
  const actionCell = (value: string) => (
    <Space orientation="vertical" size={0}>
      <Typography.Text>{t(`audit.actions.${value}`, { defaultValue: value })}</Typography.Text>
      <Typography.Text code>{value}</Typography.Text>
    </Space>
  );
  const entity = (entry: Entry) =>
    `${entry.entityType}${entry.entityId ? ` ${entry.entityId.slice(0, 8)}` : ''}`;
  const columns: TableColumnsType<Entry> = [
    { title: t('audit.seq'), dataIndex: 'seq' },
    {
      title: t('audit.time'),
      dataIndex: 'occurredAt',
      render: (value: string) => formatTime(value),
    },
    { title: t('audit.action'), dataIndex: 'action', render: actionCell },
    {
      title: t('audit.actor'),
      dataIndex: 'actorId',
      render: (id: string | null) => <UserName id={id} />,
    },
    { title: t('audit.entity'), render: (_: unknown, entry) => entity(entry) },
    {
      title: t('audit.details'),
      dataIndex: 'details',
      render: (details: Record<string, unknown>) => <Details details={details} />,
    },
  ];
  const narrowColumn: TableColumnsType<Entry>[number] = {
    title: t('audit.title'),
    render: (_: unknown, entry) => (
      <Space orientation="vertical" size={2} style={{ width: '100%' }}>
        <Typography.Text>
          #{entry.seq} · {formatTime(entry.occurredAt)}
        </Typography.Text>
        {actionCell(entry.action)}
        <Typography.Text>
          <UserName id={entry.actorId} /> · {entity(entry)}
        </Typography.Text>
        <Details details={entry.details} />
      </Space>
    ),
  };
  return (
    <>
      <DeskTrail items={[{ title: t('audit.title') }]} />
      <PageTitle>{t('audit.title')}</PageTitle>
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Typography.Paragraph style={{ marginBottom: 0 }}>{t('audit.intro')}</Typography.Paragraph>
        <VerifyChain />
        <Input.Search
          aria-label={t('audit.filterAction')}
          placeholder={t('audit.filterActionPlaceholder')}
          allowClear
          onSearch={(value) => {
            setAction(value.trim());
            setPage(1);
          }}
          style={{ maxWidth: 360 }}
        />
        <QueryView query={log}>
          {(data) => (
            <Table<Entry>
              rowKey="seq"
              dataSource={data.items}
              loading={log.isFetching}
              scroll={wide ? { x: 'max-content' } : undefined}
              pagination={{
                current: data.page,
                pageSize: data.pageSize,
                total: data.total,
                showSizeChanger: true,
                onChange: (next, size) => {
                  setPage(size === pageSize ? next : 1);
                  setPageSize(size);
                },
              }}
              columns={wide ? columns : [narrowColumn]}
            />
          )}
        </QueryView>
      </Space>
    </>
  );
}
