import { Alert, Card, Col, Flex, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Schemas } from '../../api/client';
import { useCycle } from '../../shared/cycles';
import { PageTitle } from '../../shared/PageTitle';
import { Loading, QueryView } from '../../shared/QueryState';
import { ChartBoundary } from './ChartBoundary';
import { useFormat } from '../../shared/format';
import { isNotCounted, NotCounted } from './NotCounted';
import { useBallotResult, useCycleItemTitles } from '../../shared/cycleLists';
import type { ResultChartProps } from './ResultChart';
import { SectionTitle } from './ui';

const ResultChart = lazy(() => import('./ResultChart'));

type SelectionResult = Schemas['BallotResultResponse'];
type EvaluationResult = Schemas['EvaluationResultResponse'];
type Outcome = Schemas['CandidateResultResponse']['outcome'];
type Rating = NonNullable<Schemas['ProjectRatingResponse']['rating']>;

const COLORS = {
  for: '#95c78f',
  selected: '#1f6b1a',
  against: '#d4380d',
  abstain: '#a6a6a6',
  satisfied: '#1f6b1a',
  basicallySatisfied: '#95c78f',
  unsatisfied: '#d4380d',
};

const OUTCOME_COLORS: Record<Outcome, string> = {
  selected: 'green',
  not_selected: 'default',
  below_threshold: 'orange',
  tied: 'gold',
};

const RATING_COLORS: Record<Rating, string> = {
  satisfied: 'green',
  basically_satisfied: 'blue',
  unsatisfied: 'red',
};

export function BallotResult() {
  const { id } = useParams();
  const { t } = useTranslation('public');
  const result = useBallotResult(id);
  return (
    <>
      <PageTitle>{t('result.title')}</PageTitle>
      {isNotCounted(result.error) ? (
        <NotCounted ballotId={id!} />
      ) : (
        <QueryView query={result}>
          {(data) =>
            data.kind === 'evaluation' ? (
              <Evaluation result={data as EvaluationResult} />
            ) : (
              <Selection result={data as SelectionResult} />
            )
          }
        </QueryView>
      )}
    </>
  );
}

function Figures({ items }: { items: { title: string; value: number }[] }) {
  return (
    <Row gutter={[16, 16]}>
      {items.map((item) => (
        <Col xs={12} sm={8} lg={6} key={item.title}>
          <Statistic title={item.title} value={item.value} />
        </Col>
      ))}
    </Row>
  );
}

function CycleLink({ cycleId }: { cycleId: string | undefined }) {
  const cycle = useCycle(cycleId);
  return cycle.data ? <Link to={`/cycles/${cycle.data.id}`}>{cycle.data.title}</Link> : null;
}

function Links({ ballotId, cycleId }: { ballotId: string; cycleId: string | undefined }) {
  const { t } = useTranslation('public');
  return (
    <Space wrap size="middle">
      <a href={`/api/ballots/${ballotId}/result/export`} download>
        {t('result.export')}
      </a>
      <Link to={`/ballots/${ballotId}/bulletin`}>{t('ballots.bulletin')}</Link>
      {cycleId && <Link to={`/cycles/${cycleId}`}>{t('result.cycle')}</Link>}
    </Space>
  );
}

function Selection({ result }: { result: SelectionResult }) {
  const { t } = useTranslation('public');
  const cycleId = result.cycleId;
  const { titles, pending } = useCycleItemTitles('candidate', cycleId);
  const rows = useMemo(
    () => [...result.candidates].sort((a, b) => a.rank - b.rank || b.for - a.for),
    [result.candidates],
  );
  const title = (candidateId: string) => titles.get(candidateId) ?? (pending ? '…' : candidateId);
  const chart: ResultChartProps = {
    rows: rows.map((row) => ({
      label: title(row.candidateId),
      marked: row.outcome === 'selected',
    })),
    series: [
      { name: t('marks.for'), color: COLORS.for, values: rows.map((row) => row.for) },
      { name: t('marks.against'), color: COLORS.against, values: rows.map((row) => row.against) },
      { name: t('marks.abstain'), color: COLORS.abstain, values: rows.map((row) => row.abstain) },
    ],
    line: {
      value: result.threshold,
      label: t('result.thresholdLine', { count: result.threshold }),
    },
    marker: '✓',
    markedColor: COLORS.selected,
    markBars: true,
    ariaLabel: t('result.chartLabel'),
  };
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Flex vertical gap={8}>
        <Space wrap>
          <CycleLink cycleId={cycleId} />
          <Tag>{t(`common:ballotKind.${result.kind as 'selection'}`)}</Tag>
          {result.parentBallotId && (
            <Link to={`/ballots/${result.parentBallotId}/result`}>{t('result.parent')}</Link>
          )}
        </Space>
        <StatusAlert result={result} title={title} />
      </Flex>
      <Card>
        <Figures
          items={[
            { title: t('result.deputyCount'), value: result.deputyCount },
            { title: t('result.ballotsCast'), value: result.ballotsCast },
            { title: t('result.validBallots'), value: result.validBallots },
            { title: t('result.invalidBallots'), value: result.invalidBallots },
            { title: t('result.quorumRequired'), value: result.quorumRequired },
            { title: t('result.threshold'), value: result.threshold },
            { title: t('result.seats'), value: result.seats },
            { title: t('result.seatsUnfilled'), value: result.seatsUnfilled },
          ]}
        />
      </Card>
      <Card>
        <SectionTitle>{t('result.chart')}</SectionTitle>
        {pending ? (
          <Loading />
        ) : (
          <ChartBoundary message={t('result.chartFailed')}>
            <Suspense fallback={<Loading />}>
              <ResultChart {...chart} />
            </Suspense>
          </ChartBoundary>
        )}
        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
          {t('result.chartLegend', { count: result.threshold })}
        </Typography.Paragraph>
      </Card>
      <Card>
        <SectionTitle id="result-table">{t('result.table')}</SectionTitle>
        <Table
          aria-labelledby="result-table"
          rowKey="candidateId"
          dataSource={rows}
          pagination={false}
          scroll={{ x: 640 }}
          size="middle"
          columns={[
            { title: t('result.rank'), dataIndex: 'rank', width: 70 },
            {
              title: t('result.candidate'),
              dataIndex: 'candidateId',
              render: (candidateId: string, row) =>
                row.outcome === 'selected' ? (
                  <Typography.Text strong>✓ {title(candidateId)}</Typography.Text>
                ) : (
                  title(candidateId)
                ),
            },
            { title: t('marks.for'), dataIndex: 'for', align: 'right', width: 80 },
            { title: t('marks.against'), dataIndex: 'against', align: 'right', width: 90 },
            { title: t('marks.abstain'), dataIndex: 'abstain', align: 'right', width: 80 },
            {
              title: t('result.outcome'),
              dataIndex: 'outcome',
              width: 150,
              render: (outcome: Outcome, row) => (
                <Space wrap size={[4, 4]}>
                  <Tag color={OUTCOME_COLORS[outcome]}>{t(`outcomes.${outcome}`)}</Tag>
                  {outcome !== 'selected' && result.finalSelected.includes(row.candidateId) && (
                    <Tag color="green">{t('outcomes.runoffSelected')}</Tag>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Links ballotId={result.ballotId} cycleId={cycleId} />
    </Space>
  );
}

function StatusAlert({
  result,
  title,
}: {
  result: SelectionResult;
  title: (candidateId: string) => string;
}) {
  const { t } = useTranslation('public');
  if (result.status === 'void') {
    return (
      <Alert
        type="error"
        showIcon
        title={t('result.status.void')}
        description={t('result.voidText', {
          cast: result.ballotsCast,
          required: result.quorumRequired,
        })}
      />
    );
  }
  if (result.status === 'runoff_required') {
    return (
      <Alert
        type="warning"
        showIcon
        title={t('result.status.runoff_required')}
        description={
          <>
            {result.runoff && (
              <div>
                {t('result.runoffText', {
                  seats: result.runoff.seats,
                  names: result.runoff.candidateIds.map(title).join('、'),
                })}
              </div>
            )}
            <RunoffLinks ids={result.runoffBallotIds} />
          </>
        }
      />
    );
  }
  return (
    <Alert
      type="success"
      showIcon
      title={t('result.status.final')}
      description={
        <>
          <div>
            {t('result.selectedText', {
              count: result.selected.length,
              seats: result.seats,
            })}
            {result.seatsUnfilled > 0 &&
              ` ${t('result.unfilledText', { count: result.seatsUnfilled })}`}
          </div>
          <RunoffLinks ids={result.runoffBallotIds} />
        </>
      }
    />
  );
}

function RunoffLinks({ ids }: { ids: string[] }) {
  const { t } = useTranslation('public');
  if (ids.length === 0) {
    return null;
  }
  return (
    <Space wrap>
      {ids.map((runoffId, index) => (
        <Link key={runoffId} to={`/ballots/${runoffId}/result`}>
          {t('result.runoffLink', { number: index + 1 })}
        </Link>
      ))}
    </Space>
  );
}

function Evaluation({ result }: { result: EvaluationResult }) {
  const { t } = useTranslation('public');
  const format = useFormat();
  const cycleId = result.cycleId;
  const { titles, pending } = useCycleItemTitles('project', cycleId);
  const title = (projectId: string) => titles.get(projectId) ?? (pending ? '…' : projectId);
  const half = Math.floor(result.deputyCount / 2) + 1;
  const rows = result.projects;
  const chart: ResultChartProps = {
    rows: rows.map((row) => ({ label: title(row.projectId), marked: row.rectificationRequired })),
    series: [
      { name: t('marks.satisfied'), color: COLORS.satisfied, values: rows.map((r) => r.satisfied) },
      {
        name: t('marks.basically_satisfied'),
        color: COLORS.basicallySatisfied,
        values: rows.map((r) => r.basicallySatisfied),
      },
      {
        name: t('marks.unsatisfied'),
        color: COLORS.unsatisfied,
        values: rows.map((r) => r.unsatisfied),
      },
      { name: t('marks.abstain'), color: COLORS.abstain, values: rows.map((r) => r.abstain) },
    ],
    line: { value: half, label: t('result.majorityLine', { count: half }) },
    marker: '⚠',
    markedColor: COLORS.unsatisfied,
    ariaLabel: t('result.evaluationChartLabel'),
  };
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Flex vertical gap={8}>
        <Space wrap>
          <CycleLink cycleId={cycleId} />
          <Tag>{t('common:ballotKind.evaluation')}</Tag>
        </Space>
        {result.status === 'void' ? (
          <Alert
            type="error"
            showIcon
            title={t('result.status.void')}
            description={t('result.voidText', {
              cast: result.ballotsCast,
              required: result.quorumRequired,
            })}
          />
        ) : (
          <Alert type="success" showIcon title={t('result.status.final')} />
        )}
      </Flex>
      <Card>
        <Figures
          items={[
            { title: t('result.deputyCount'), value: result.deputyCount },
            { title: t('result.ballotsCast'), value: result.ballotsCast },
            { title: t('result.validBallots'), value: result.validBallots },
            { title: t('result.invalidBallots'), value: result.invalidBallots },
            { title: t('result.quorumRequired'), value: result.quorumRequired },
            { title: t('result.majority'), value: half },
          ]}
        />
      </Card>
      <Card>
        <SectionTitle>{t('result.chart')}</SectionTitle>
        {pending ? (
          <Loading />
        ) : (
          <ChartBoundary message={t('result.chartFailed')}>
            <Suspense fallback={<Loading />}>
              <ResultChart {...chart} />
            </Suspense>
          </ChartBoundary>
        )}
        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
          {t('result.evaluationLegend', { count: half })}
        </Typography.Paragraph>
      </Card>
      <Card>
        <SectionTitle id="result-table">{t('result.table')}</SectionTitle>
        <Table
          aria-labelledby="result-table"
          rowKey="projectId"
          dataSource={rows}
          pagination={false}
          scroll={{ x: 820 }}
          size="middle"
          columns={[
            {
              title: t('result.project'),
              dataIndex: 'projectId',
              render: (projectId: string) => (
                <Link to={`/projects/${projectId}`}>{title(projectId)}</Link>
              ),
            },
            { title: t('marks.satisfied'), dataIndex: 'satisfied', align: 'right', width: 80 },
            {
              title: t('marks.basically_satisfied'),
              dataIndex: 'basicallySatisfied',
              align: 'right',
              width: 100,
            },
            { title: t('marks.unsatisfied'), dataIndex: 'unsatisfied', align: 'right', width: 90 },
            { title: t('marks.abstain'), dataIndex: 'abstain', align: 'right', width: 80 },
            {
              title: t('result.satisfactionRate'),
              dataIndex: 'satisfactionRate',
              align: 'right',
              width: 100,
              render: (rate: number | null) => (rate === null ? '—' : format.percent(rate)),
            },
            {
              title: t('result.rating'),
              dataIndex: 'rating',
              width: 150,
              render: (rating: Rating | null, row) => (
                <Space wrap size={[4, 4]}>
                  {rating ? <Tag color={RATING_COLORS[rating]}>{t(`marks.${rating}`)}</Tag> : '—'}
                  {row.rectificationRequired && (
                    <Tag color="magenta">{t('project.rectification')}</Tag>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Links ballotId={result.ballotId} cycleId={cycleId} />
    </Space>
  );
}
