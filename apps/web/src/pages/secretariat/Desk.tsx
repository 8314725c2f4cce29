import {
  AuditOutlined,
  CalendarOutlined,
  DashboardOutlined,
  EyeOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { App, Button, Card, Col, Row, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useErrorMessage } from '../../api/errors';
import { tokens } from '../../auth/tokens';
import { currentCycleOf, useCycles } from '../../shared/cycles';
import { PageTitle } from '../../shared/PageTitle';
import { LinkButton } from '../../shared/LinkButton';
import { ExportProjectsButton } from './ExportProjectsButton';

const QUEUES_PATH = '/api/admin/queues';

/**
 * The queue dashboard is a server-rendered page: a new tab sends no Authorization header, so
 * the API also reads the access token from the `minsheng_access` cookie, scoped to its path.
 * The token is refreshed first (the /me call does that on a 401) so that it lives its full
 * 15 minutes.
 */
async function openQueuesDashboard(): Promise<void> {
  await unwrap(api.GET('/api/auth/me'));
  const token = tokens.accessToken();
  if (!token) {
    throw new Error('signed out');
  }
  const secure = window.location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = `minsheng_access=${encodeURIComponent(token)}; path=${QUEUES_PATH}; max-age=900; SameSite=Strict${secure}`;
  window.open(QUEUES_PATH, '_blank', 'noopener');
}

function DeskCard({
  icon,
  title,
  text,
  children,
}: {
  icon: ReactNode;
  title: string;
  text: string;
  children: ReactNode;
}) {
  return (
    <Card
      title={
        <Space>
          {icon}
          <span>{title}</span>
        </Space>
      }
      style={{ height: '100%' }}
    >
      <Typography.Paragraph>{text}</Typography.Paragraph>
      <Space wrap>{children}</Space>
    </Card>
  );
}

export function Desk() {
  const { t } = useTranslation('secretariat');
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const cycles = useCycles();
  const [opening, setOpening] = useState(false);
  const current = cycles.data ? currentCycleOf(cycles.data.items) : undefined;
  const delivering = cycles.data?.items.find((cycle) =>
    ['implementing', 'evaluating'].includes(cycle.phase),
  );

  const queues = () => {
    setOpening(true);
    openQueuesDashboard()
      .catch((error: unknown) => void message.error(errorMessage(error)))
      .finally(() => setOpening(false));
  };

  return (
    <>
      <PageTitle>{t('desk.title')}</PageTitle>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <DeskCard
            icon={<CalendarOutlined />}
            title={t('cycles.title')}
            text={t('desk.cyclesText')}
          >
            <LinkButton to={'/secretariat/cycles'} type="primary">
              {t('desk.openCycles')}
            </LinkButton>
            {current && (
              <LinkButton to={`/secretariat/cycles/${current.id}/ballots`}>
                {t('desk.currentBallots', { title: current.title })}
              </LinkButton>
            )}
          </DeskCard>
        </Col>
        <Col xs={24} md={12}>
          <DeskCard icon={<TeamOutlined />} title={t('users.title')} text={t('desk.usersText')}>
            <LinkButton to={'/secretariat/users'} type="primary">
              {t('desk.openUsers')}
            </LinkButton>
          </DeskCard>
        </Col>
        <Col xs={24} md={12}>
          <DeskCard
            icon={<EyeOutlined />}
            title={t('supervision.title')}
            text={t('desk.supervisionText')}
          >
            <LinkButton to={'/secretariat/projects'} type="primary">
              {t('desk.openSupervision')}
            </LinkButton>
            {delivering && <ExportProjectsButton cycle={delivering} />}
          </DeskCard>
        </Col>
        <Col xs={24} md={12}>
          <DeskCard icon={<AuditOutlined />} title={t('audit.title')} text={t('desk.auditText')}>
            <LinkButton to={'/secretariat/audit'} type="primary">
              {t('desk.openAudit')}
            </LinkButton>
          </DeskCard>
        </Col>
        <Col xs={24}>
          <DeskCard
            icon={<DashboardOutlined />}
            title={t('desk.queuesTitle')}
            text={t('desk.queuesText')}
          >
            <Button onClick={queues} loading={opening}>
              {t('desk.openQueues')}
            </Button>
          </DeskCard>
        </Col>
      </Row>
    </>
  );
}
