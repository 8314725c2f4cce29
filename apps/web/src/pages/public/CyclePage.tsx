import { Card, Col, Descriptions, Row, Space, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useSession } from '../../auth/session';
import { useCycle } from '../../shared/cycles';
import { PageTitle } from '../../shared/PageTitle';
import { PhaseTimeline } from '../../shared/PhaseTimeline';
import { QueryView } from '../../shared/QueryState';
import { BallotList } from './BallotList';
import { reached, SectionTitle } from './ui';

export function CyclePage() {
  const { id } = useParams();
  const { t } = useTranslation('public');
  const { hasRole } = useSession();
  const cycle = useCycle(id);
  return (
    <QueryView query={cycle}>
      {(cycle) => {
        // Candidates are public from balloting on; officials and the secretariat draft them earlier.
        const candidatesVisible =
          reached(cycle.phase, 'balloting') || hasRole('official', 'secretariat', 'admin');
        const sections = [
          {
            to: `/cycles/${cycle.id}/proposals`,
            title: t('common:nav.proposals'),
            text: t('cycle.proposalsText', { count: cycle.counts.proposals }),
            shown: true,
          },
          {
            to: `/cycles/${cycle.id}/candidates`,
            title: t('common:nav.candidates'),
            text: t('cycle.candidatesText', { count: cycle.counts.candidates }),
            shown: candidatesVisible,
          },
          {
            to: `/cycles/${cycle.id}/projects`,
            title: t('common:nav.projects'),
            text: t('cycle.projectsText'),
            shown: reached(cycle.phase, 'implementing'),
          },
        ].filter((section) => section.shown);
        return (
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            <div>
              <PageTitle>{cycle.title}</PageTitle>
              <Descriptions
                size="small"
                column={{ xs: 1, sm: 2, md: 4 }}
                items={[
                  { key: 'year', label: t('cycle.year'), children: cycle.year },
                  { key: 'region', label: t('cycle.region'), children: cycle.region ?? '—' },
                  { key: 'seats', label: t('cycle.seats'), children: cycle.seats },
                  {
                    key: 'phase',
                    label: t('cycle.phase'),
                    children: t(`common:phases.${cycle.phase}`),
                  },
                ]}
              />
            </div>
            <Card>
              <SectionTitle>{t('common:home.timeline')}</SectionTitle>
              <PhaseTimeline phase={cycle.phase} />
            </Card>
            <Row gutter={[12, 12]}>
              <Col xs={8}>
                <Card size="small">
                  <Statistic title={t('common:nav.proposals')} value={cycle.counts.proposals} />
                </Card>
              </Col>
              <Col xs={8}>
                <Card size="small">
                  <Statistic title={t('common:home.supports')} value={cycle.counts.supports} />
                </Card>
              </Col>
              <Col xs={8}>
                <Card size="small">
                  <Statistic title={t('common:nav.candidates')} value={cycle.counts.candidates} />
                </Card>
              </Col>
            </Row>
            <Row gutter={[16, 16]}>
              {sections.map((section) => (
                <Col xs={24} md={8} key={section.to}>
                  <Card style={{ height: '100%' }}>
                    <SectionTitle>
                      <Link to={section.to}>{section.title}</Link>
                    </SectionTitle>
                    <Typography.Paragraph style={{ margin: 0 }}>
                      {section.text}
                    </Typography.Paragraph>
                  </Card>
                </Col>
              ))}
            </Row>
            {reached(cycle.phase, 'balloting') && (
              <Card>
                <SectionTitle>{t('ballots.title')}</SectionTitle>
                <BallotList cycleId={cycle.id} />
              </Card>
            )}
          </Space>
        );
      }}
    </QueryView>
  );
}
