import { useQuery } from '@tanstack/react-query';
import { Card, Col, Flex, Form, Input, Pagination, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useCycle } from '../../shared/cycles';
import { PageTitle } from '../../shared/PageTitle';
import { QueryView } from '../../shared/QueryState';
import { CategoryTag, ProposalStatusTag } from '../../shared/StatusTags';
import { CycleSwitch } from './CycleSwitch';
import { useFormat } from '../../shared/format';
import { CATEGORIES } from '../../shared/categories';

type Proposal = Schemas['ProposalResponse'];
type Status = Proposal['status'];
type Sort = 'supports' | 'recent';

const STATUSES: Status[] = ['submitted', 'accepted', 'merged', 'rejected', 'withdrawn'];
const PAGE_SIZE = 10;

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.includes(value as T) ? (value as T) : undefined;
}

export function ProposalList() {
  const { id } = useParams();
  const { t } = useTranslation('public');
  const [params, setParams] = useSearchParams();
  const cycle = useCycle(id);

  // The URL holds the filters, so a reload, a shared link or the back button keeps them.
  const q = params.get('q')?.trim() ?? '';
  const category = oneOf(params.get('category'), CATEGORIES);
  const status = oneOf(params.get('status'), STATUSES);
  const sort: Sort = params.get('sort') === 'recent' ? 'recent' : 'supports';
  const page = Math.max(1, Number(params.get('page')) || 1);

  // The box follows the URL when it changes (back button, a link), and is free in between.
  const [search, setSearch] = useState(q);
  const [searchedFor, setSearchedFor] = useState(q);
  if (q !== searchedFor) {
    setSearchedFor(q);
    setSearch(q);
  }

  const update = (changes: Record<string, string | undefined>) => {
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) {
        if (value) {
          next.set(key, value);
        } else {
          next.delete(key);
        }
      }
      if (!('page' in changes)) {
        next.delete('page');
      }
      return next;
    });
  };

  const proposals = useQuery({
    queryKey: ['proposals', id, { q, category, status, sort, page }],
    queryFn: () =>
      unwrap(
        api.GET('/api/cycles/{id}/proposals', {
          params: {
            path: { id: id! },
            query: {
              ...(q ? { q } : {}),
              ...(category ? { category } : {}),
              ...(status ? { status } : {}),
              sort,
              page,
              pageSize: PAGE_SIZE,
            },
          },
        }),
      ),
    enabled: !!id,
    placeholderData: (previous) => previous,
  });

  return (
    <>
      <PageTitle extra={id && <CycleSwitch cycleId={id} section="proposals" />}>
        {t('proposals.title')}
      </PageTitle>
      {cycle.data && (
        <Typography.Paragraph>
          <Link to={`/cycles/${cycle.data.id}`}>{cycle.data.title}</Link>
        </Typography.Paragraph>
      )}
      <Card size="small" style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 0 } }}>
        <Form layout="vertical" component="div">
          <Row gutter={[16, 0]}>
            <Col xs={24} md={9}>
              <Form.Item label={t('proposals.search')} htmlFor="proposal-search">
                <Input.Search
                  id="proposal-search"
                  value={search}
                  allowClear
                  enterButton={t('common:actions.search')}
                  placeholder={t('proposals.searchPlaceholder')}
                  onChange={(event) => setSearch(event.target.value)}
                  onSearch={(value) => update({ q: value.trim() || undefined })}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={5}>
              <Form.Item label={t('proposals.category')} htmlFor="proposal-category">
                <Select
                  id="proposal-category"
                  value={category ?? ''}
                  onChange={(value: string) => update({ category: value || undefined })}
                  options={[
                    { value: '', label: t('proposals.all') },
                    ...CATEGORIES.map((value) => ({
                      value,
                      label: t(`common:categories.${value}`),
                    })),
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={5}>
              <Form.Item label={t('proposals.status')} htmlFor="proposal-status">
                <Select
                  id="proposal-status"
                  value={status ?? ''}
                  onChange={(value: string) => update({ status: value || undefined })}
                  options={[
                    { value: '', label: t('proposals.all') },
                    ...STATUSES.map((value) => ({
                      value,
                      label: t(`common:proposalStatus.${value}`),
                    })),
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={5}>
              <Form.Item label={t('proposals.sort')} htmlFor="proposal-sort">
                <Select
                  id="proposal-sort"
                  value={sort}
                  onChange={(value: Sort) =>
                    update({ sort: value === 'supports' ? undefined : value })
                  }
                  options={[
                    { value: 'supports', label: t('proposals.sortSupports') },
                    { value: 'recent', label: t('proposals.sortRecent') },
                  ]}
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      <QueryView query={proposals} empty={(data) => data.items.length === 0}>
        {(data) => (
          <>
            <Typography.Paragraph role="status">
              {t('proposals.total', { count: data.total })}
            </Typography.Paragraph>
            <Flex
              vertical
              gap={12}
              aria-busy={proposals.isPlaceholderData}
              component="ul"
              style={{
                listStyle: 'none',
                padding: 0,
                margin: 0,
                opacity: proposals.isPlaceholderData ? 0.6 : 1,
              }}
            >
              {data.items.map((proposal) => (
                <li key={proposal.id}>
                  <ProposalItem proposal={proposal} />
                </li>
              ))}
            </Flex>
            {data.total > PAGE_SIZE && (
              <Pagination
                style={{ marginTop: 16 }}
                current={data.page}
                pageSize={PAGE_SIZE}
                total={data.total}
                showSizeChanger={false}
                onChange={(next) => {
                  update({ page: String(next) });
                  window.scrollTo({ top: 0 });
                }}
              />
            )}
          </>
        )}
      </QueryView>
    </>
  );
}

function ProposalItem({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation('public');
  const format = useFormat();
  return (
    <Card size="small">
      <Flex justify="space-between" align="start" gap={12}>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={2} style={{ fontSize: 18, margin: '0 0 8px' }}>
            <Link to={`/proposals/${proposal.id}`}>{proposal.title}</Link>
          </Typography.Title>
          <Space wrap size={[4, 4]}>
            <CategoryTag category={proposal.category} />
            <ProposalStatusTag status={proposal.status} />
            <Typography.Text type="secondary">
              {proposal.author ? proposal.author.displayName : t('proposal.anonymous')} ·{' '}
              {format.date(proposal.createdAt)}
            </Typography.Text>
          </Space>
        </div>
        <div style={{ textAlign: 'center', flex: 'none' }}>
          <div style={{ fontSize: 22, fontWeight: 600, lineHeight: 1.2 }}>
            {format.number(proposal.supportCount)}
          </div>
          <Typography.Text type="secondary">{t('proposal.supports')}</Typography.Text>
        </div>
      </Flex>
    </Card>
  );
}
