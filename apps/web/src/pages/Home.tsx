import { Card, Col, Row, Space, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentCycleOf, useCycles } from '../shared/cycles';
import { PageTitle } from '../shared/PageTitle';
import { PhaseTimeline } from '../shared/PhaseTimeline';
import { QueryView } from '../shared/QueryState';

export function Home() {
  const { t } = useTranslation();
  const cycles = useCycles();
  return (
    <>
      <PageTitle>{t('home.currentCycle')}</PageTitle>
      <QueryView query={cycles}>
        {({ items }) => {
          const current = currentCycleOf(items);
          if (!current) {
            return <Typography.Paragraph>{t('home.noCycle')}</Typography.Paragraph>;
          }
          const others = items.filter((cycle) => cycle.id !== current.id);
          return (
            <Space direction="vertical" size="large" style={{ width: '100%' }}>
              <Card
                title={<Link to={`/cycles/${current.id}`}>{current.title}</Link>}
                extra={current.region}
              >
                <PhaseTimeline phase={current.phase} />
                <Row gutter={[16, 16]} style={{ marginTop: 24 }}>
                  <Col xs={12} md={6}>
                    <Statistic title={t('nav.proposals')} value={current.counts.proposals} />
                  </Col>
                  <Col xs={12} md={6}>
                    <Statistic title={t('nav.candidates')} value={current.counts.candidates} />
                  </Col>
                  <Col xs={12} md={6}>
                    <Statistic title={t('home.supports')} value={current.counts.supports} />
                  </Col>
                  <Col xs={12} md={6}>
                    <Statistic title={t('home.seatsTitle')} value={current.seats} />
                  </Col>
                </Row>
              </Card>
              <Card title={t('home.how')}>
                <ol className="plain-list">
                  <li>{t('home.howPropose')}</li>
                  <li>{t('home.howDecide')}</li>
                  <li>{t('home.howDeliver')}</li>
                </ol>
              </Card>
              {others.length > 0 && (
                <Card title={t('home.otherCycles')}>
                  <ul className="plain-list">
                    {others.map((cycle) => (
                      <li key={cycle.id}>
                        <Link to={`/cycles/${cycle.id}`}>{cycle.title}</Link>
                        <span className="plain-list-extra">{t(`phases.${cycle.phase}`)}</span>
                      </li>
                    ))}
                  </ul>
                </Card>
              )}
            </Space>
          );
        }}
      </QueryView>
    </>
  );
}
