import { CopyOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  List,
  Modal,
  Radio,
  Result,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, api, unwrap, type Schemas } from '../../api/client';
import { useErrorMessage } from '../../api/errors';
import { useCycleCandidates, useCycleProjects } from '../../shared/cycleLists';
import { useCycle } from '../../shared/cycles';
import { PageTitle } from '../../shared/PageTitle';
import { QueryView } from '../../shared/QueryState';
import { CategoryTag } from '../../shared/StatusTags';
import './ballot.css';
import { choicesOf, forCount, marksOf, type Ballot, type Mark } from './marks';
import { formatMoney } from './money';
import { LinkButton } from '../../shared/LinkButton';

type Marks = Record<string, Mark | undefined>;

/** What a deputy reads about each item: a candidate, or a project being rated. */
interface ItemDetail {
  category?: string;
  summary?: string;
  budget?: number;
  leadDepartment?: string;
  targets?: string[];
}

export function BallotVote() {
  const { id = '' } = useParams();
  const { t } = useTranslation('deputy');
  const ballot = useQuery({
    queryKey: ['ballot', id],
    queryFn: () => unwrap(api.GET('/api/ballots/{id}', { params: { path: { id } } })),
  });
  const myVote = useQuery({
    queryKey: ['my-vote', id],
    queryFn: () => unwrap(api.GET('/api/ballots/{id}/my-vote', { params: { path: { id } } })),
  });
  const cycle = useCycle(ballot.data?.cycleId);
  const [receipt, setReceipt] = useState<Schemas['ReceiptResponse'] | null>(null);
  const title = ballot.data
    ? t('vote.pageTitle', {
        cycle: cycle.data?.title ?? '',
        kind: t(`common:ballotKind.${ballot.data.kind}`),
      })
    : t('vote.title');

  return (
    <>
      <PageTitle>{title}</PageTitle>
      {receipt ? (
        <Receipt ballotId={id} receipt={receipt} />
      ) : (
        <QueryView query={ballot}>
          {(data) => (
            <QueryView query={myVote}>
              {(vote) => {
                if (vote.voted) {
                  return <AlreadyVoted ballot={data} channel={vote.channel} />;
                }
                if (!vote.inElectorate) {
                  return <Result status="info" title={t('vote.notInElectorate')} />;
                }
                if (data.status !== 'open') {
                  return <NotOpen ballot={data} />;
                }
                return <VoteForm ballot={data} onCast={setReceipt} />;
              }}
            </QueryView>
          )}
        </QueryView>
      )}
    </>
  );
}

function AlreadyVoted({ ballot, channel }: { ballot: Ballot; channel: string | null }) {
  const { t } = useTranslation('deputy');
  return (
    <Result
      status="success"
      title={t('vote.alreadyVoted')}
      subTitle={
        channel === 'paper' ? t('vote.alreadyVotedPaper') : t('vote.alreadyVotedElectronic')
      }
      extra={
        ballot.status === 'counted' && (
          <Space wrap>
            <LinkButton to={`/ballots/${ballot.id}/result`} size="large">
              {t('vote.seeResult')}
            </LinkButton>
            <LinkButton to={`/ballots/${ballot.id}/bulletin`} size="large">
              {t('vote.seeBulletin')}
            </LinkButton>
          </Space>
        )
      }
    />
  );
}

function NotOpen({ ballot }: { ballot: Ballot }) {
  const { t, i18n } = useTranslation('deputy');
  if (ballot.status === 'scheduled') {
    return (
      <Result
        status="info"
        title={t('vote.notYetOpen')}
        subTitle={
          ballot.opensAt
            ? t('vote.opensAt', { at: new Date(ballot.opensAt).toLocaleString(i18n.language) })
            : t('vote.opensLater')
        }
      />
    );
  }
  return (
    <Result
      status="info"
      title={t('vote.closed')}
      extra={
        ballot.status === 'counted' && (
          <LinkButton to={`/ballots/${ballot.id}/result`} size="large">
            {t('vote.seeResult')}
          </LinkButton>
        )
      }
    />
  );
}

/** Details of each item (summary, budget, lead department) from the cycle's lists. */
function useItemDetails(ballot: Ballot): Map<string, ItemDetail> {
  const evaluation = ballot.kind === 'evaluation';
  const candidates = useCycleCandidates(ballot.cycleId, !evaluation);
  const projects = useCycleProjects(ballot.cycleId, evaluation);
  const details = new Map<string, ItemDetail>();
  for (const item of (evaluation ? projects.data?.items : candidates.data?.items) ?? []) {
    details.set(item.id, {
      category: item.category,
      summary: item.summary,
      budget: item.budget,
      leadDepartment: item.leadDepartment.name,
      targets: item.targets,
    });
  }
  return details;
}

function VoteForm({
  ballot,
  onCast,
}: {
  ballot: Ballot;
  onCast: (receipt: Schemas['ReceiptResponse']) => void;
}) {
  const { t } = useTranslation('deputy');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const details = useItemDetails(ballot);
  const [marks, setMarks] = useState<Marks>({});
  const [confirming, setConfirming] = useState(false);
  const [tooMany, setTooMany] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);
  const evaluation = ballot.kind === 'evaluation';
  const options = marksOf(ballot.kind);
  const seats = ballot.seats;
  const fors = forCount(marks);
  const full = !evaluation && fors >= seats;
  const marked = ballot.candidates.filter((item) => marks[item.id] !== undefined).length;
  const unmarked = ballot.candidates.length - marked;

  const cast = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/ballots/{id}/votes', {
          params: { path: { id: ballot.id } },
          body: { choices: choicesOf(ballot, marks) },
        }),
      ),
    onSuccess: async (receipt) => {
      onCast(receipt);
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: ['my-vote', ballot.id] });
      await queryClient.invalidateQueries({ queryKey: ['deputy-ballots'] });
    },
    onError: async (error) => {
      setConfirming(false);
      // Voted meanwhile (another tab, or on paper) or the ballot closed: show what is true now.
      if (error instanceof ApiError && error.status === 409) {
        await queryClient.invalidateQueries({ queryKey: ['my-vote', ballot.id] });
        await queryClient.invalidateQueries({ queryKey: ['ballot', ballot.id] });
      }
    },
  });

  useEffect(() => {
    if (cast.isError || tooMany) {
      errorRef.current?.focus();
    }
  }, [cast.isError, tooMany]);

  const choose = (itemId: string, mark: Mark) => {
    // Never more `for` marks than seats: the radio is disabled, and this refuses it again.
    if (mark === 'for' && marks[itemId] !== 'for' && full) {
      return;
    }
    setTooMany(false);
    setMarks((current) => ({ ...current, [itemId]: mark }));
  };

  const review = () => {
    cast.reset();
    if (!evaluation && forCount(marks) > seats) {
      setTooMany(true);
      return;
    }
    setConfirming(true);
  };

  const markLabel = (mark: Mark) => t(`marks.${mark}`);

  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <Typography.Paragraph style={{ fontSize: 17 }}>
          {evaluation
            ? t('vote.introEvaluation', { count: ballot.candidates.length })
            : t('vote.introSelection', { count: ballot.candidates.length, seats })}
        </Typography.Paragraph>
        <Typography.Paragraph strong style={{ marginBottom: 0 }}>
          {t('vote.blankRule')}
        </Typography.Paragraph>
      </Card>

      <div ref={errorRef} tabIndex={-1} style={{ outline: 'none' }}>
        {tooMany && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={t('vote.tooMany', { seats })}
            style={{ marginBottom: 16 }}
          />
        )}
        {cast.isError && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={errorMessage(cast.error)}
            style={{ marginBottom: 16 }}
          />
        )}
      </div>

      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {ballot.candidates.map((item, index) => {
          const detail = details.get(item.id);
          const mark = marks[item.id];
          const titleId = `ballot-item-${item.id}`;
          const forBlocked = full && mark !== 'for';
          return (
            <Card key={item.id}>
              <Space direction="vertical" size="small" style={{ width: '100%' }}>
                <Space wrap align="baseline">
                  <Typography.Title level={2} id={titleId} style={{ fontSize: 20, margin: 0 }}>
                    {index + 1}. {item.title}
                  </Typography.Title>
                  {detail?.category && <CategoryTag category={detail.category} />}
                </Space>
                {detail?.summary && (
                  <Typography.Paragraph style={{ marginBottom: 0 }}>
                    {detail.summary}
                  </Typography.Paragraph>
                )}
                {detail && (
                  <Descriptions
                    size="small"
                    column={{ xs: 1, sm: 2 }}
                    items={[
                      {
                        key: 'budget',
                        label: t('vote.budget'),
                        children: formatMoney(detail.budget ?? 0),
                      },
                      {
                        key: 'lead',
                        label: t('vote.leadDepartment'),
                        children: detail.leadDepartment,
                      },
                      ...(detail.targets && detail.targets.length > 0
                        ? [
                            {
                              key: 'targets',
                              label: t('vote.targets'),
                              children: detail.targets.join('；'),
                            },
                          ]
                        : []),
                    ]}
                  />
                )}
                <Radio.Group
                  className="ballot-marks"
                  optionType="button"
                  buttonStyle="solid"
                  size="large"
                  name={`mark-${item.id}`}
                  aria-labelledby={titleId}
                  aria-describedby={forBlocked ? `ballot-full-${item.id}` : undefined}
                  value={mark}
                  onChange={(event) => choose(item.id, event.target.value as Mark)}
                >
                  {options.map((option) => (
                    <Radio.Button
                      key={option}
                      value={option}
                      disabled={option === 'for' && forBlocked}
                    >
                      {markLabel(option)}
                    </Radio.Button>
                  ))}
                </Radio.Group>
                {forBlocked ? (
                  <Typography.Text type="secondary" id={`ballot-full-${item.id}`}>
                    {t('vote.forDisabled', { seats })}
                  </Typography.Text>
                ) : (
                  mark === undefined && (
                    <Typography.Text type="secondary">{t('vote.unmarked')}</Typography.Text>
                  )
                )}
              </Space>
            </Card>
          );
        })}
      </Space>

      <div className="ballot-bar">
        <div className="ballot-bar-status" aria-live="polite" aria-atomic="true">
          {!evaluation && (
            <strong className="ballot-bar-count">
              {t('vote.counter', { count: fors, seats })}
            </strong>
          )}
          <span>{t('vote.progress', { marked, total: ballot.candidates.length })}</span>
          {full && <strong className="ballot-bar-full">{t('vote.full', { seats })}</strong>}
          {unmarked > 0 && <span>{t('vote.unmarkedLeft', { count: unmarked })}</span>}
        </div>
        <Button type="primary" size="large" onClick={review} className="ballot-bar-button">
          {t('vote.review')}
        </Button>
      </div>

      <Modal
        open={confirming}
        title={t('vote.confirmTitle')}
        okText={t('vote.confirmCast')}
        cancelText={t('vote.backToEdit')}
        onOk={() => {
          // The last check before sending: the server refuses it too (422).
          if (!evaluation && forCount(marks) > seats) {
            setConfirming(false);
            setTooMany(true);
            return;
          }
          cast.mutate();
        }}
        onCancel={() => setConfirming(false)}
        confirmLoading={cast.isPending}
        okButtonProps={{ size: 'large' }}
        cancelButtonProps={{ size: 'large', disabled: cast.isPending }}
        closable={!cast.isPending}
        mask={{ closable: false }}
        width={640}
      >
        <Typography.Paragraph strong>{t('vote.confirmHint')}</Typography.Paragraph>
        {!evaluation && (
          <Typography.Paragraph>{t('vote.counter', { count: fors, seats })}</Typography.Paragraph>
        )}
        <List
          size="small"
          bordered
          dataSource={ballot.candidates}
          renderItem={(item, index) => {
            const mark = marks[item.id];
            return (
              <List.Item>
                <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
                  <span>
                    {index + 1}. {item.title}
                  </span>
                  <Tag
                    color={
                      mark === 'for' || mark === 'satisfied'
                        ? 'green'
                        : mark === 'against' || mark === 'unsatisfied'
                          ? 'red'
                          : mark === 'basically_satisfied'
                            ? 'blue'
                            : 'default'
                    }
                    style={{ fontSize: 15, padding: '2px 8px' }}
                  >
                    {mark ? markLabel(mark) : t('vote.abstainUnmarked')}
                  </Tag>
                </Space>
              </List.Item>
            );
          }}
        />
      </Modal>
    </>
  );
}

function Receipt({ ballotId, receipt }: { ballotId: string; receipt: Schemas['ReceiptResponse'] }) {
  const { t } = useTranslation('deputy');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const codeRef = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(receipt.receipt);
      setCopied(true);
    } catch {
      // No clipboard (an insecure page or a refusal): select the code for a manual copy.
      const range = document.createRange();
      if (codeRef.current) {
        range.selectNodeContents(codeRef.current);
        window.getSelection()?.removeAllRanges();
        window.getSelection()?.addRange(range);
      }
      setCopied(false);
    }
  };
  return (
    <Card>
      <Result status="success" style={{ paddingBottom: 0 }} />
      <Typography.Title
        level={2}
        ref={headingRef}
        tabIndex={-1}
        style={{ textAlign: 'center', fontSize: 24, outline: 'none' }}
      >
        {t('receipt.title')}
      </Typography.Title>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <div>
          <Typography.Text strong id="receipt-label">
            {t('receipt.codeLabel')}
          </Typography.Text>
          <code ref={codeRef} className="ballot-receipt-code" aria-labelledby="receipt-label">
            {receipt.receipt}
          </code>
        </div>
        <Space wrap>
          <Button type="primary" size="large" icon={<CopyOutlined />} onClick={() => void copy()}>
            {t('receipt.copy')}
          </Button>
          <span role="status">
            {copied === true && (
              <Typography.Text type="success">{t('receipt.copied')}</Typography.Text>
            )}
            {copied === false && <Typography.Text>{t('receipt.copyManually')}</Typography.Text>}
          </span>
        </Space>
        <Alert type="warning" showIcon title={t('receipt.once')} />
        <Typography.Title level={3} style={{ fontSize: 18, margin: 0 }}>
          {t('receipt.whatFor')}
        </Typography.Title>
        <ul style={{ margin: 0, paddingInlineStart: 20, fontSize: 16, lineHeight: 1.7 }}>
          <li>
            {t('receipt.check')}{' '}
            <Link to={`/ballots/${ballotId}/bulletin`}>{t('receipt.bulletin')}</Link>
          </li>
          <li>{t('receipt.secret')}</li>
          <li>{t('receipt.private')}</li>
        </ul>
        <LinkButton to="/deputy/ballots" size="large">
          {t('receipt.back')}
        </LinkButton>
      </Space>
    </Card>
  );
}
