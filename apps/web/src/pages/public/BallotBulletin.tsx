import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { PageTitle } from '../../shared/PageTitle';
import { QueryView } from '../../shared/QueryState';
import { isNotCounted, NotCounted } from './NotCounted';
import { useCycleItemTitles } from '../../shared/cycleLists';
import { sha256Hex } from './sha256';
import { SectionTitle } from './ui';

type Bulletin = Schemas['BulletinResponse'];

const SELECTION_MARKS = ['for', 'against', 'abstain'];
const EVALUATION_MARKS = ['satisfied', 'basically_satisfied', 'unsatisfied', 'abstain'];
const MARK_COLORS: Record<string, string> = {
  for: 'green',
  satisfied: 'green',
  basically_satisfied: 'blue',
  against: 'red',
  unsatisfied: 'red',
  abstain: 'default',
};

export function BallotBulletin() {
  const { id } = useParams();
  const { t } = useTranslation('public');
  const bulletin = useQuery({
    queryKey: ['ballot', id, 'bulletin'],
    queryFn: () => unwrap(api.GET('/api/ballots/{id}/bulletin', { params: { path: { id: id! } } })),
    enabled: !!id,
    staleTime: Infinity,
  });
  return (
    <>
      <PageTitle>{t('bulletin.title')}</PageTitle>
      <Typography.Paragraph>{t('bulletin.intro')}</Typography.Paragraph>
      {isNotCounted(bulletin.error) ? (
        <NotCounted ballotId={id!} />
      ) : (
        <QueryView query={bulletin}>
          {(data) => <BulletinView ballotId={id!} bulletin={data} />}
        </QueryView>
      )}
    </>
  );
}

function BulletinView({ ballotId, bulletin }: { ballotId: string; bulletin: Bulletin }) {
  const { t } = useTranslation('public');
  const evaluation = bulletin.kind === 'evaluation';
  // Every item anyone marked, in the order of the first ballot that names it.
  const itemIds = useMemo(() => {
    const ids = new Set<string>();
    bulletin.ballots.forEach((ballot) =>
      ballot.choices.forEach((choice) => ids.add((choice.candidateId ?? choice.projectId)!)),
    );
    bulletin.paper?.counts.forEach((count) => ids.add(count.candidateId));
    return [...ids];
  }, [bulletin]);
  const { titles } = useCycleItemTitles(evaluation ? 'project' : 'candidate', bulletin.cycleId);
  const title = (itemId: string) => titles.get(itemId) ?? '…';
  const marks = evaluation ? EVALUATION_MARKS : SELECTION_MARKS;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <CheckReceipt hashes={bulletin.receiptHashes} />
      <Space wrap size="middle">
        <Link to={`/ballots/${ballotId}/result`}>{t('ballots.result')}</Link>
      </Space>
      <Card>
        <SectionTitle id="bulletin-recount">{t('bulletin.recount')}</SectionTitle>
        <Typography.Paragraph>{t('bulletin.recountText')}</Typography.Paragraph>
        <Recount
          bulletin={bulletin}
          itemIds={itemIds}
          marks={marks}
          title={title}
          evaluation={evaluation}
        />
      </Card>
      <Card>
        <SectionTitle id="bulletin-ballots">
          {t('bulletin.ballots', { count: bulletin.ballots.length })}
        </SectionTitle>
        <Typography.Paragraph>{t('bulletin.ballotsText')}</Typography.Paragraph>
        <ol style={{ paddingInlineStart: 28 }}>
          {itemIds.map((itemId) => (
            <li key={itemId}>{title(itemId)}</li>
          ))}
        </ol>
        <Table
          aria-labelledby="bulletin-ballots"
          size="small"
          rowKey={(row) => row.index}
          dataSource={bulletin.ballots.map((ballot, index) => ({
            index: index + 1,
            marks: new Map(
              ballot.choices.map((choice) => [choice.candidateId ?? choice.projectId, choice.mark]),
            ),
          }))}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('bulletin.number'), dataIndex: 'index', width: 64, fixed: 'left' },
            ...itemIds.map((itemId, index) => ({
              key: itemId,
              title: <abbr title={title(itemId)}>{index + 1}</abbr>,
              render: (_: unknown, row: { marks: Map<string | undefined, string> }) => {
                const mark = row.marks.get(itemId) ?? 'abstain';
                return <Tag color={MARK_COLORS[mark]}>{t(`marks.${mark}`)}</Tag>;
              },
            })),
          ]}
        />
      </Card>
      {bulletin.paper && (
        <Card>
          <SectionTitle>{t('bulletin.paper')}</SectionTitle>
          <Typography.Paragraph>
            {t('bulletin.paperText', {
              returned: bulletin.paper.ballotsReturned,
              invalid: bulletin.paper.invalidBallots,
            })}
          </Typography.Paragraph>
          <Table
            size="small"
            rowKey="candidateId"
            dataSource={bulletin.paper.counts}
            pagination={false}
            scroll={{ x: 480 }}
            columns={[
              {
                title: t('result.candidate'),
                dataIndex: 'candidateId',
                render: (candidateId: string) => title(candidateId),
              },
              { title: t('marks.for'), dataIndex: 'for', align: 'right' },
              { title: t('marks.against'), dataIndex: 'against', align: 'right' },
              { title: t('marks.abstain'), dataIndex: 'abstain', align: 'right' },
            ]}
          />
        </Card>
      )}
      <Card>
        <SectionTitle id="bulletin-hashes">
          {t('bulletin.hashes', { count: bulletin.receiptHashes.length })}
        </SectionTitle>
        <Table
          aria-labelledby="bulletin-hashes"
          size="small"
          rowKey="hash"
          dataSource={bulletin.receiptHashes.map((hash, index) => ({ hash, index: index + 1 }))}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          columns={[
            { title: t('bulletin.number'), dataIndex: 'index', width: 64 },
            {
              title: t('bulletin.hash'),
              dataIndex: 'hash',
              render: (hash: string) => (
                <Typography.Text code style={{ wordBreak: 'break-all' }}>
                  {hash}
                </Typography.Text>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

/** Counts the published ballots again, per item and mark (electronic plus confirmed paper). */
function Recount({
  bulletin,
  itemIds,
  marks,
  title,
  evaluation,
}: {
  bulletin: Bulletin;
  itemIds: string[];
  marks: string[];
  title: (itemId: string) => string;
  evaluation: boolean;
}) {
  const { t } = useTranslation('public');
  const rows = useMemo(() => {
    const counts = new Map(
      itemIds.map((itemId) => [itemId, Object.fromEntries(marks.map((mark) => [mark, 0]))]),
    );
    for (const ballot of bulletin.ballots) {
      const marked = new Map(
        ballot.choices.map((choice) => [choice.candidateId ?? choice.projectId, choice.mark]),
      );
      for (const itemId of itemIds) {
        counts.get(itemId)![marked.get(itemId) ?? 'abstain'] += 1;
      }
    }
    for (const count of bulletin.paper?.counts ?? []) {
      const row = counts.get(count.candidateId)!;
      row.for += count.for;
      row.against += count.against;
      row.abstain += count.abstain;
    }
    return itemIds.map((itemId) => ({ itemId, ...counts.get(itemId)! }));
  }, [bulletin, itemIds, marks]);
  return (
    <Table
      aria-labelledby="bulletin-recount"
      size="small"
      rowKey="itemId"
      dataSource={rows}
      pagination={false}
      scroll={{ x: evaluation ? 640 : 480 }}
      columns={[
        {
          title: evaluation ? t('result.project') : t('result.candidate'),
          dataIndex: 'itemId',
          render: (itemId: string) => title(itemId),
        },
        ...marks.map((mark) => ({
          title: t(`marks.${mark}`),
          dataIndex: mark,
          align: 'right' as const,
        })),
      ]}
    />
  );
}

type Check =
  { state: 'found'; hash: string; position: number } | { state: 'missing'; hash: string };

/** 核对我的回执: hashes the code here, so the receipt itself is never sent anywhere. */
function CheckReceipt({ hashes }: { hashes: string[] }) {
  const { t } = useTranslation('public');
  const [receipt, setReceipt] = useState('');
  const [check, setCheck] = useState<Check | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    // Receipts are shown in capitals; pasted text may bring spaces or lower case along.
    const code = receipt.trim().toUpperCase();
    if (!code) {
      return;
    }
    setBusy(true);
    try {
      const hash = await sha256Hex(code);
      const index = hashes.indexOf(hash);
      setCheck(
        index >= 0 ? { state: 'found', hash, position: index + 1 } : { state: 'missing', hash },
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card>
      <SectionTitle>{t('bulletin.check')}</SectionTitle>
      <Typography.Paragraph>{t('bulletin.checkText')}</Typography.Paragraph>
      <Form layout="vertical" onFinish={() => void run()}>
        <Form.Item label={t('bulletin.receipt')} htmlFor="receipt-code">
          <Flex gap={8} wrap>
            <Input
              id="receipt-code"
              value={receipt}
              onChange={(event) => {
                setReceipt(event.target.value);
                setCheck(null);
              }}
              placeholder="XXXX-XXXX-XXXX-XXXX-XXXX"
              autoComplete="off"
              spellCheck={false}
              style={{ flex: '1 1 260px', fontFamily: 'monospace' }}
            />
            <Button type="primary" htmlType="submit" loading={busy} disabled={!receipt.trim()}>
              {t('bulletin.checkButton')}
            </Button>
          </Flex>
        </Form.Item>
      </Form>
      <div role="status" aria-live="polite">
        {check?.state === 'found' && (
          <Alert
            type="success"
            showIcon
            title={t('bulletin.found', { position: check.position })}
            description={
              <Typography.Text code style={{ wordBreak: 'break-all' }}>
                {check.hash}
              </Typography.Text>
            }
          />
        )}
        {check?.state === 'missing' && (
          <Alert
            type="error"
            showIcon
            title={t('bulletin.missing')}
            description={
              <>
                <div>{t('bulletin.missingText')}</div>
                <Typography.Text code style={{ wordBreak: 'break-all' }}>
                  {check.hash}
                </Typography.Text>
              </>
            }
          />
        )}
      </div>
    </Card>
  );
}
