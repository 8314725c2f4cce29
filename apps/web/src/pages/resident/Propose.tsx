import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Result,
  Select,
  Space,
  Typography,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { useErrorMessage } from '../../api/errors';
import { useCycles, type Cycle } from '../../shared/cycles';
import { PageTitle } from '../../shared/PageTitle';
import { QueryView } from '../../shared/QueryState';
import { SimilarProposals } from './SimilarProposals';
import './resident.css';
import { useDebounced } from './useDebounced';
import { LinkButton } from '../../shared/LinkButton';
import { CATEGORIES } from '../../shared/categories';

/** Similar proposals are looked up from this many characters of title on. */
const SIMILAR_FROM = 4;

type ProposalForm = Schemas['CreateProposalDto'];

export function Propose() {
  const { t } = useTranslation('resident');
  const cycles = useCycles();
  return (
    <>
      <PageTitle>{t('propose.title')}</PageTitle>
      <QueryView query={cycles}>
        {({ items }) => {
          const collecting = items.find((cycle) => cycle.phase === 'collecting');
          if (!collecting) {
            return (
              <Result
                status="info"
                title={t('propose.notCollecting')}
                subTitle={t('propose.notCollectingHint')}
                extra={
                  <LinkButton to="/proposals" size="large">
                    {t('propose.seeProposals')}
                  </LinkButton>
                }
              />
            );
          }
          return <ProposeForm cycle={collecting} />;
        }}
      </QueryView>
    </>
  );
}

function ProposeForm({ cycle }: { cycle: Cycle }) {
  const { t } = useTranslation('resident');
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<ProposalForm>();
  const [submitted, setSubmitted] = useState<Schemas['SubmittedProposalResponse'] | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const title = Form.useWatch('title', form) ?? '';
  const typed = useDebounced(title.trim(), 400);
  const similar = useQuery({
    queryKey: ['similar-proposals', cycle.id, typed],
    queryFn: () =>
      unwrap(
        api.GET('/api/cycles/{id}/proposals/similar', {
          params: { path: { id: cycle.id }, query: { title: typed } },
        }),
      ),
    enabled: typed.length >= SIMILAR_FROM && !submitted,
    staleTime: 30_000,
  });
  const submit = useMutation({
    mutationFn: (values: ProposalForm) =>
      unwrap(
        api.POST('/api/cycles/{id}/proposals', {
          params: { path: { id: cycle.id } },
          body: {
            ...values,
            location: values.location?.trim() || undefined,
            anonymous: values.anonymous ?? false,
          },
        }),
      ),
    onSuccess: (answer) => {
      setSubmitted(answer);
      window.scrollTo({ top: 0 });
    },
  });

  // The button is at the foot of a long form: focus brings the failure (above it) into sight.
  useEffect(() => {
    if (submit.isError) {
      errorRef.current?.focus();
    }
  }, [submit.isError]);

  if (submitted) {
    return (
      <Card>
        <Result
          status="success"
          title={t('propose.done')}
          subTitle={t('propose.doneHint')}
          extra={[
            <LinkButton key="view" type="primary" size="large" to={`/proposals/${submitted.id}`}>
              {t('propose.viewMine')}
            </LinkButton>,
            <Button
              key="again"
              size="large"
              onClick={() => {
                form.resetFields();
                submit.reset();
                setSubmitted(null);
              }}
            >
              {t('propose.another')}
            </Button>,
          ]}
        />
        {submitted.similar.length > 0 && (
          <Card type="inner" title={t('propose.doneSimilar')}>
            <SimilarProposals items={submitted.similar} />
          </Card>
        )}
      </Card>
    );
  }

  const suggestions = similar.data?.similar ?? [];
  return (
    <Card>
      <Typography.Paragraph>{t('propose.intro', { cycle: cycle.title })}</Typography.Paragraph>
      <div ref={errorRef} tabIndex={-1} style={{ outline: 'none' }}>
        {submit.isError && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={errorMessage(submit.error)}
            style={{ marginBottom: 16 }}
          />
        )}
      </div>
      <Form
        form={form}
        name="propose"
        layout="vertical"
        requiredMark="optional"
        onFinish={(values) => submit.mutate(values)}
        initialValues={{ anonymous: false }}
        size="large"
      >
        <Form.Item
          name="title"
          label={t('propose.fields.title')}
          extra={t('propose.fields.titleHint')}
          rules={[
            { required: true, whitespace: true, message: t('propose.required.title') },
            { max: 100, message: t('propose.tooLong', { max: 100 }) },
          ]}
        >
          <Input maxLength={100} showCount autoComplete="off" />
        </Form.Item>
        <div aria-live="polite">
          {suggestions.length > 0 && typed.length >= SIMILAR_FROM && (
            <Card
              size="small"
              title={t('propose.similarTitle', { count: suggestions.length })}
              style={{ marginBottom: 24, borderColor: '#d48806', background: '#fffbe6' }}
            >
              <Typography.Paragraph style={{ marginBottom: 0 }}>
                {t('propose.similarHint')}
              </Typography.Paragraph>
              <SimilarProposals items={suggestions} />
            </Card>
          )}
        </div>
        <Form.Item
          name="category"
          label={t('propose.fields.category')}
          rules={[{ required: true, message: t('propose.required.category') }]}
        >
          <Select
            placeholder={t('propose.fields.categoryPlaceholder')}
            options={CATEGORIES.map((category) => ({
              value: category,
              label: t(`common:categories.${category}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('propose.fields.description')}
          extra={t('propose.fields.descriptionHint')}
          rules={[
            { required: true, whitespace: true, message: t('propose.required.description') },
            { max: 5000, message: t('propose.tooLong', { max: 5000 }) },
          ]}
        >
          <Input.TextArea rows={6} maxLength={5000} />
        </Form.Item>
        <Form.Item
          name="location"
          label={t('propose.fields.location')}
          extra={t('propose.fields.locationHint')}
          rules={[{ max: 200, message: t('propose.tooLong', { max: 200 }) }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="anonymous"
          valuePropName="checked"
          extra={t('propose.fields.anonymousHint')}
        >
          <Checkbox>{t('propose.fields.anonymous')}</Checkbox>
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={submit.isPending}>
            {t('propose.submit')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
