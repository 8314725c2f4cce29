import { Card, Descriptions, Flex, Result, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError, type Schemas } from '../../api/client';
import { useCycleCandidates } from '../../shared/cycleLists';
import { useCycle } from '../../shared/cycles';
import { PageTitle } from '../../shared/PageTitle';
import { QueryView } from '../../shared/QueryState';
import { CategoryTag } from '../../shared/StatusTags';
import { CycleSwitch } from './CycleSwitch';
import { useFormat } from '../../shared/format';

type Candidate = Schemas['CandidateResponse'];

/** Scrolls to `#id` once the list it points into has rendered. */
function useScrollToHash(ready: boolean) {
  const { hash } = useLocation();
  useEffect(() => {
    if (ready && hash) {
      document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView();
    }
  }, [ready, hash]);
}

export function CandidateList() {
  const { id } = useParams();
  const { t } = useTranslation('public');
  const format = useFormat();
  const cycle = useCycle(id);
  const candidates = useCycleCandidates(id);
  useScrollToHash(candidates.isSuccess);
  const notYet = candidates.error instanceof ApiError && candidates.error.status === 403;
  return (
    <>
      <PageTitle extra={id && <CycleSwitch cycleId={id} section="candidates" />}>
        {t('candidates.title')}
      </PageTitle>
      {cycle.data && (
        <Typography.Paragraph>
          <Link to={`/cycles/${cycle.data.id}`}>{cycle.data.title}</Link>
          {' · '}
          {t('candidates.seats', { count: cycle.data.seats })}
        </Typography.Paragraph>
      )}
      {notYet ? (
        <Result status="info" title={t('candidates.notYet')} />
      ) : (
        <QueryView query={candidates} empty={(data) => data.items.length === 0}>
          {(data) => (
            <>
              <Typography.Paragraph>
                {t('candidates.summary', {
                  count: data.total,
                  budget: format.money(data.items.reduce((sum, item) => sum + item.budget, 0)),
                })}
              </Typography.Paragraph>
              <Flex
                vertical
                gap={16}
                component="ol"
                style={{ listStyle: 'none', padding: 0, margin: 0 }}
              >
                {data.items.map((candidate, index) => (
                  <li key={candidate.id} id={`candidate-${candidate.id}`}>
                    <CandidateCard candidate={candidate} number={index + 1} />
                  </li>
                ))}
              </Flex>
            </>
          )}
        </QueryView>
      )}
    </>
  );
}

function CandidateCard({ candidate, number }: { candidate: Candidate; number: number }) {
  const { t } = useTranslation('public');
  const format = useFormat();
  return (
    <Card size="small">
      <Typography.Title level={2} style={{ fontSize: 18, margin: '0 0 8px' }}>
        {number}. {candidate.title}
      </Typography.Title>
      <Space wrap size={[4, 4]} style={{ marginBottom: 8 }}>
        <CategoryTag category={candidate.category} />
      </Space>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
        {candidate.summary}
      </Typography.Paragraph>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          {
            key: 'budget',
            label: t('candidates.budget'),
            children: format.money(candidate.budget),
          },
          {
            key: 'department',
            label: t('candidates.leadDepartment'),
            children: candidate.leadDepartment.name,
          },
          {
            key: 'targets',
            label: t('candidates.targets'),
            span: 'filled',
            children:
              candidate.targets.length > 0 ? (
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {candidate.targets.map((target) => (
                    <li key={target}>{target}</li>
                  ))}
                </ul>
              ) : (
                '—'
              ),
          },
          {
            key: 'sources',
            label: t('candidates.sources'),
            span: 'filled',
            children:
              candidate.sourceProposals.length > 0 ? (
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {candidate.sourceProposals.map((source) => (
                    <li key={source.id}>
                      <Link to={`/proposals/${source.id}`}>{source.title}</Link>
                    </li>
                  ))}
                </ul>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </Card>
  );
}
