import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Col, Modal, Row, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';
import type { Schemas } from '../../api/client';
import './secretariat.css';

type CreatedBallot = Schemas['CreatedBallotResponse'];

/**
 * The scrutineers' key shares exist only in the creation answer: once this page is left they
 * are gone and, without `sharesRequired` of them, the ballot box can never be opened. So the
 * page holds the user until they say the slips were handed over.
 */
export function KeyShareSlips({
  ballot,
  cycleTitle,
  onHandedOver,
}: {
  ballot: CreatedBallot;
  cycleTitle: string;
  onHandedOver: () => void;
}) {
  const { t } = useTranslation('secretariat');
  const [handedOver, setHandedOver] = useState(false);
  const released = useRef(false);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      !released.current && currentLocation.pathname !== nextLocation.pathname,
  );

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  return (
    <div className="key-slips">
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Alert
          className="key-slips-screen-only"
          type="warning"
          showIcon
          title={t('slips.warningTitle')}
          description={t('slips.warning', {
            n: ballot.keyShares.length,
            k: ballot.sharesRequired,
          })}
        />
        <Space className="key-slips-screen-only" wrap>
          <Button
            type="primary"
            size="large"
            icon={<PrinterOutlined />}
            onClick={() => window.print()}
          >
            {t('slips.print')}
          </Button>
        </Space>
        <Row gutter={[16, 16]}>
          {ballot.keyShares.map((share, index) => (
            <Col xs={24} lg={12} key={share}>
              <section
                className="key-slip"
                aria-label={t('slips.slipLabel', { index: index + 1, n: ballot.keyShares.length })}
              >
                <Typography.Title level={2} style={{ fontSize: 20, marginTop: 0 }}>
                  {t('slips.slipTitle', { index: index + 1, n: ballot.keyShares.length })}
                </Typography.Title>
                <Typography.Paragraph style={{ marginBottom: 4 }}>
                  {cycleTitle} · {t(`common:ballotKind.${ballot.kind}`)}
                </Typography.Paragraph>
                <Typography.Paragraph style={{ marginBottom: 4 }}>
                  {t('slips.ballotId', { id: ballot.id })}
                </Typography.Paragraph>
                <div className="key-slip-share">{share}</div>
                <Typography.Paragraph>
                  {t('slips.slipNote', { k: ballot.sharesRequired })}
                </Typography.Paragraph>
                <div className="key-slip-sign">{t('slips.signature')}</div>
              </section>
            </Col>
          ))}
        </Row>
        <Space className="key-slips-screen-only" orientation="vertical">
          <Checkbox checked={handedOver} onChange={(event) => setHandedOver(event.target.checked)}>
            {t('slips.handedOverCheck')}
          </Checkbox>
          <Button
            type="primary"
            size="large"
            disabled={!handedOver}
            onClick={() => {
              released.current = true;
              onHandedOver();
            }}
          >
            {t('slips.done')}
          </Button>
        </Space>
      </Space>
      <Modal
        open={blocker.state === 'blocked'}
        title={t('slips.leaveTitle')}
        okText={t('slips.leaveConfirm')}
        okButtonProps={{ danger: true }}
        cancelText={t('slips.stay')}
        onOk={() => blocker.proceed?.()}
        onCancel={() => blocker.reset?.()}
      >
        <Typography.Paragraph>{t('slips.leaveText')}</Typography.Paragraph>
      </Modal>
    </div>
  );
}
