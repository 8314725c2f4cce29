import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { useErrorMessage } from '../../api/errors';
import { useSession } from '../../auth/session';
import type { Cycle } from '../../shared/cycles';
import { withSeparators, withoutSeparators } from '../../shared/format';
import { useDepartments, type Candidate, type Proposal } from './queries';
import { CATEGORIES } from '../../shared/categories';

type Values = Schemas['CreateCandidateDto'];

/** Creates a candidate (from `initialSources`) or edits `candidate`, in a dialog. */
export function CandidateForm({
  cycle,
  candidate,
  initialSources,
  accepted,
  sourcesInUse,
  onClose,
}: {
  cycle: Cycle;
  candidate?: Candidate;
  initialSources?: string[];
  accepted: Proposal[];
  /** Sources of existing candidates: a proposal grows into one candidate only */
  sourcesInUse: Set<string>;
  onClose: (saved: boolean) => void;
}) {
  const { t } = useTranslation('official');
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const { user, hasRole } = useSession();
  const departments = useDepartments();
  const [form] = Form.useForm<Values>();
  // An official may only name their own department as lead (the API refuses others).
  const ownDepartmentOnly = !hasRole('secretariat', 'admin');
  const own = candidate ? new Set(candidate.sourceProposals.map((source) => source.id)) : new Set();
  const sourceOptions = accepted
    .filter((proposal) => own.has(proposal.id) || !sourcesInUse.has(proposal.id))
    .map((proposal) => ({ value: proposal.id, label: proposal.title }));

  const first = accepted.find((proposal) => proposal.id === initialSources?.[0]);
  const initialValues: Partial<Values> = candidate
    ? {
        title: candidate.title,
        category: candidate.category,
        summary: candidate.summary,
        targets: candidate.targets,
        budget: candidate.budget,
        leadDepartmentId: candidate.leadDepartment.id,
        sourceProposalIds: candidate.sourceProposals.map((source) => source.id),
      }
    : {
        title: first?.title,
        category: first?.category,
        targets: [''],
        leadDepartmentId: user?.departmentId ?? undefined,
        sourceProposalIds: initialSources ?? [],
      };

  const save = useMutation({
    mutationFn: (values: Values) =>
      candidate
        ? unwrap(
            api.PATCH('/api/candidates/{id}', {
              params: { path: { id: candidate.id } },
              body: values,
            }),
          )
        : unwrap(
            api.POST('/api/cycles/{id}/candidates', {
              params: { path: { id: cycle.id } },
              body: values,
            }),
          ),
    onSuccess: async (saved) => {
      void message.success(
        t(candidate ? 'candidates.updated' : 'candidates.created', { title: saved.title }),
      );
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['candidates', cycle.id] }),
        queryClient.invalidateQueries({ queryKey: ['proposals', cycle.id] }),
        queryClient.invalidateQueries({ queryKey: ['cycles'] }),
        queryClient.invalidateQueries({ queryKey: ['cycle', cycle.id] }),
      ]);
      onClose(true);
    },
  });

  // Choosing the first source of an empty form fills its title and category.
  const onValuesChange = (changed: Partial<Values>) => {
    const [firstId] = changed.sourceProposalIds ?? [];
    const source = accepted.find((proposal) => proposal.id === firstId);
    if (source && !form.getFieldValue('title')) {
      form.setFieldsValue({ title: source.title, category: source.category });
    }
  };

  const submit = (values: Values) =>
    save.mutate({
      ...values,
      title: values.title.trim(),
      summary: values.summary.trim(),
      targets: values.targets.map((target) => target.trim()).filter(Boolean),
    });

  return (
    <Modal
      open
      width={680}
      title={
        candidate ? t('candidates.editTitle', { title: candidate.title }) : t('candidates.new')
      }
      okText={t('common:actions.save')}
      okButtonProps={{ loading: save.isPending }}
      cancelText={t('common:actions.cancel')}
      onOk={() => form.submit()}
      onCancel={() => onClose(false)}
      destroyOnHidden
      maskClosable={false}
    >
      {save.isError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(save.error)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={submit}
        onValuesChange={onValuesChange}
        requiredMark={false}
        scrollToFirstError
      >
        <Form.Item
          name="sourceProposalIds"
          label={t('candidates.sources')}
          extra={t('candidates.sourcesHint')}
          rules={[
            { required: true, type: 'array', min: 1, message: t('candidates.sourcesRequired') },
          ]}
        >
          <Select
            mode="multiple"
            options={sourceOptions}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('candidates.sourcesPlaceholder')}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('candidates.name')}
          rules={[
            { required: true, whitespace: true, message: t('candidates.required') },
            { max: 100 },
          ]}
        >
          <Input maxLength={100} showCount />
        </Form.Item>
        <Form.Item
          name="category"
          label={t('candidates.category')}
          rules={[{ required: true, message: t('candidates.required') }]}
        >
          <Select
            options={CATEGORIES.map((category) => ({
              value: category,
              label: t(`common:categories.${category}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="summary"
          label={t('candidates.summary')}
          rules={[
            { required: true, whitespace: true, message: t('candidates.required') },
            { max: 2000 },
          ]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <Form.List
          name="targets"
          rules={[
            {
              validator: (_, targets: string[] | undefined) =>
                targets?.some((target) => target?.trim())
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('candidates.targetsRequired'))),
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <fieldset style={{ border: 0, padding: 0, margin: '0 0 16px' }}>
              <legend style={{ fontSize: 16, marginBottom: 8, border: 0, color: 'inherit' }}>
                {t('candidates.targets')}
              </legend>
              {fields.map((field, index) => (
                <div key={field.key} style={{ display: 'flex', gap: 8, alignItems: 'baseline' }}>
                  <Form.Item
                    name={field.name}
                    rules={[{ max: 200 }]}
                    style={{ flex: 1, minWidth: 0, marginBottom: 8 }}
                  >
                    <Input
                      aria-label={t('candidates.targetN', { n: index + 1 })}
                      placeholder={t('candidates.targetPlaceholder')}
                      maxLength={200}
                    />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={t('candidates.removeTarget', { n: index + 1 })}
                      onClick={() => remove(field.name)}
                    />
                  )}
                </div>
              ))}
              <Form.Item style={{ marginBottom: 0 }}>
                {fields.length < 20 && (
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')}>
                    {t('candidates.addTarget')}
                  </Button>
                )}
                <Form.ErrorList errors={errors} />
              </Form.Item>
            </fieldset>
          )}
        </Form.List>
        <Form.Item
          name="budget"
          label={t('candidates.budgetYuan')}
          rules={[{ required: true, message: t('candidates.required') }]}
        >
          <InputNumber<number>
            min={0}
            max={Number.MAX_SAFE_INTEGER}
            precision={0}
            step={10000}
            prefix="¥"
            formatter={withSeparators}
            parser={(text) => Number(withoutSeparators(text))}
            style={{ width: '100%', maxWidth: 320 }}
          />
        </Form.Item>
        <Form.Item
          name="leadDepartmentId"
          label={t('candidates.lead')}
          extra={ownDepartmentOnly ? t('candidates.leadOwn') : undefined}
          rules={[{ required: true, message: t('candidates.required') }]}
        >
          <Select
            disabled={ownDepartmentOnly}
            loading={departments.isPending}
            options={(departments.data ?? []).map((department) => ({
              value: department.id,
              label: department.name,
            }))}
          />
        </Form.Item>
        {departments.isError && (
          <Alert type="error" showIcon title={errorMessage(departments.error)} />
        )}
      </Form>
    </Modal>
  );
}
