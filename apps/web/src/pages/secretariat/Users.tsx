import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Form,
  Grid,
  Input,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useErrorMessage } from '../../api/errors';
import { useSession, type Role } from '../../auth/session';
import { usePickLanguage } from '../../shared/format';
import { PageTitle } from '../../shared/PageTitle';
import { QueryView } from '../../shared/QueryState';
import { DeskTrail, RoleTags, ROLES, useDepartments, type User } from './common';

type Department = Schemas['DepartmentResponse'];

function useRoleOptions() {
  const { t } = useTranslation();
  const { hasRole } = useSession();
  // Only an admin may grant or take away `admin`; the API refuses it to anyone else.
  return ROLES.filter((role) => role !== 'admin' || hasRole('admin')).map((role) => ({
    value: role,
    label: t(`roles.${role}`),
  }));
}

function DepartmentSelect({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
}) {
  const { t } = useTranslation('secretariat');
  const departments = useDepartments();
  return (
    <Select
      id={id}
      allowClear
      value={value ?? undefined}
      onChange={(next?: string) => onChange?.(next ?? null)}
      loading={departments.isPending}
      placeholder={t('users.noDepartment')}
      showSearch={{ optionFilterProp: 'label' }}
      options={departments.data?.items.map((department) => ({
        value: department.id,
        label: department.name,
      }))}
    />
  );
}

interface CreateUserForm {
  displayName: string;
  email?: string;
  phone?: string;
  password: string;
  roles: Role[];
  departmentId?: string | null;
}

function CreateUser({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('secretariat');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const roleOptions = useRoleOptions();
  const [form] = Form.useForm<CreateUserForm>();
  const roles = Form.useWatch('roles', form) ?? [];
  const create = useMutation({
    mutationFn: (values: CreateUserForm) =>
      unwrap(
        api.POST('/api/users', {
          body: {
            displayName: values.displayName.trim(),
            email: values.email?.trim() || undefined,
            phone: values.phone?.trim() || undefined,
            password: values.password,
            roles: values.roles,
            departmentId: values.departmentId ?? undefined,
          },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      form.resetFields();
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title={t('users.create')}
      okText={t('users.createSubmit')}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      onCancel={onClose}
      forceRender
    >
      {create.isError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(create.error)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<CreateUserForm>
        form={form}
        layout="vertical"
        initialValues={{ roles: ['deputy'] }}
        onFinish={(values) => create.mutate(values)}
      >
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, max: 50, message: t('required') }]}
        >
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('users.email')}
          rules={[{ type: 'email', message: t('users.emailInvalid') }]}
        >
          <Input type="email" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('users.phone')}
          dependencies={['email']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, value?: string) =>
                value?.trim() || (getFieldValue('email') as string | undefined)?.trim()
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('users.contactRequired'))),
            }),
          ]}
        >
          <Input type="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.password')}
          rules={[{ required: true, min: 8, message: t('users.passwordRule') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('users.roles')}
          rules={[{ required: true, message: t('required') }]}
        >
          <Select mode="multiple" options={roleOptions} />
        </Form.Item>
        <Form.Item
          name="departmentId"
          label={t('users.department')}
          extra={t('users.departmentHelp')}
          rules={[
            {
              required: roles.includes('official'),
              message: t('users.departmentRequired'),
            },
          ]}
        >
          <DepartmentSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface EditUserForm {
  displayName: string;
  roles: Role[];
  departmentId: string | null;
  active: boolean;
}

function EditUser({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation('secretariat');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const roleOptions = useRoleOptions();
  const { user: me } = useSession();
  const [form] = Form.useForm<EditUserForm>();
  const update = useMutation({
    mutationFn: (values: EditUserForm) =>
      unwrap(
        api.PATCH('/api/users/{id}', {
          params: { path: { id: user.id } },
          body: {
            displayName: values.displayName.trim(),
            roles: values.roles,
            departmentId: values.departmentId,
            active: values.active,
          },
        }),
      ),
    onSuccess: async (updated) => {
      queryClient.setQueryData(['user', user.id], updated);
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
  });
  const grantsAdmin = user.roles.includes('admin');
  return (
    <Modal
      open
      title={t('users.editTitle', { name: user.displayName })}
      okText={t('users.save')}
      onOk={() => form.submit()}
      confirmLoading={update.isPending}
      onCancel={onClose}
    >
      {update.isError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(update.error)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Typography.Paragraph>
        {[user.email, user.phone].filter(Boolean).join(' · ')}
      </Typography.Paragraph>
      <Form<EditUserForm>
        form={form}
        layout="vertical"
        initialValues={{
          displayName: user.displayName,
          roles: user.roles,
          departmentId: user.departmentId,
          active: user.active,
        }}
        onFinish={(values) => update.mutate(values)}
      >
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, max: 50, message: t('required') }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('users.roles')}
          rules={[{ required: true, message: t('required') }]}
        >
          <Select
            mode="multiple"
            options={
              grantsAdmin && !roleOptions.some((option) => option.value === 'admin')
                ? [
                    ...roleOptions,
                    { value: 'admin', label: t('common:roles.admin'), disabled: true },
                  ]
                : roleOptions
            }
          />
        </Form.Item>
        <Form.Item name="departmentId" label={t('users.department')}>
          <DepartmentSelect />
        </Form.Item>
        <Form.Item
          name="active"
          label={t('users.active')}
          extra={user.id === me?.id ? t('users.selfDeactivate') : t('users.activeHelp')}
          valuePropName="checked"
        >
          <Switch disabled={user.id === me?.id} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Accounts() {
  const { t } = useTranslation('secretariat');
  const departments = useDepartments();
  const roleOptions = useRoleOptions();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [role, setRole] = useState<Role | undefined>();
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const wide = Grid.useBreakpoint().md ?? false;
  const users = useQuery({
    queryKey: ['users', { page, pageSize, role, search }],
    queryFn: () =>
      unwrap(
        api.GET('/api/users', {
          params: { query: { page, pageSize, role, q: search || undefined } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const departmentName = new Map(
    (departments.data?.items ?? []).map((department) => [department.id, department.name]),
  );
  const status = (active: boolean) =>
    active ? (
      <Tag color="green">{t('users.activeTag')}</Tag>
    ) : (
      <Tag color="red">{t('users.inactive')}</Tag>
    );
  const edit = (user: User) => (
    <Button
      onClick={() => setEditing(user)}
      aria-label={t('users.editLabel', { name: user.displayName })}
    >
      {t('users.edit')}
    </Button>
  );
  const contact = (user: User) => [user.email, user.phone].filter(Boolean).join(' · ');
  const columns: TableColumnsType<User> = [
    {
      title: t('users.displayName'),
      dataIndex: 'displayName',
      render: (name: string, user) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{name}</Typography.Text>
          <Typography.Text>{contact(user)}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      render: (roles: Role[]) => <RoleTags roles={roles} />,
    },
    {
      title: t('users.department'),
      dataIndex: 'departmentId',
      render: (id: string | null) => (id ? (departmentName.get(id) ?? '…') : '—'),
    },
    { title: t('users.active'), dataIndex: 'active', render: status },
    { title: t('actionsColumn'), render: (_: unknown, user) => edit(user) },
  ];
  // A phone gets one column: everything about the user, then the button, with no sideways scroll.
  const narrowColumn: TableColumnsType<User>[number] = {
    title: t('users.tabAccounts'),
    render: (_: unknown, user) => (
      <Space orientation="vertical" size={4}>
        <Typography.Text strong>{user.displayName}</Typography.Text>
        <Typography.Text style={{ wordBreak: 'break-all' }}>{contact(user)}</Typography.Text>
        <div>
          <RoleTags roles={user.roles} /> {status(user.active)}
        </div>
        {user.departmentId && (
          <Typography.Text>{departmentName.get(user.departmentId) ?? '…'}</Typography.Text>
        )}
        {edit(user)}
      </Space>
    ),
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search
          aria-label={t('users.search')}
          placeholder={t('users.search')}
          allowClear
          onSearch={(value) => {
            setSearch(value.trim());
            setPage(1);
          }}
          style={{ width: 260 }}
        />
        <Select
          aria-label={t('users.filterRole')}
          placeholder={t('users.filterRole')}
          allowClear
          value={role}
          onChange={(value?: Role) => {
            setRole(value);
            setPage(1);
          }}
          options={roleOptions}
          style={{ width: 180 }}
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('users.create')}
        </Button>
      </Space>
      <QueryView query={users}>
        {(data) => (
          <Table<User>
            rowKey="id"
            dataSource={data.items}
            loading={users.isFetching}
            scroll={wide ? { x: 'max-content' } : undefined}
            pagination={{
              current: data.page,
              pageSize: data.pageSize,
              total: data.total,
              showSizeChanger: true,
              onChange: (next, size) => {
                setPage(size === pageSize ? next : 1);
                setPageSize(size);
              },
            }}
            columns={wide ? columns : [narrowColumn]}
          />
        )}
      </QueryView>
      <CreateUser open={creating} onClose={() => setCreating(false)} />
      {editing && <EditUser user={editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}

const CSV_EXAMPLE =
  'displayName,email,phone,roles,department\n张伟,zhangwei@example.cn,,deputy,\n李娜,,13800000001,official,区卫健局\n';

function RosterImport() {
  const { t } = useTranslation('secretariat');
  // The API writes each problem as "中文 / English".
  const inLanguage = usePickLanguage();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: (text: string) =>
      unwrap(
        api.POST('/api/users/import', {
          body: text,
          headers: { 'content-type': 'text/csv' },
          bodySerializer: (body: string) => body,
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['users'] });
    },
  });
  const result = upload.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph>{t('import.help')}</Typography.Paragraph>
      <pre
        aria-label={t('import.example')}
        style={{ background: '#fff', padding: 12, borderRadius: 6, overflowX: 'auto', margin: 0 }}
      >
        {CSV_EXAMPLE}
      </pre>
      <Upload
        accept=".csv,text/csv"
        maxCount={1}
        showUploadList={false}
        beforeUpload={(file) => {
          void file.text().then((text) => {
            setCsv(text);
            setFileName(file.name);
          });
          return false;
        }}
      >
        <Button icon={<UploadOutlined />}>{t('import.chooseFile')}</Button>
      </Upload>
      {fileName && <Typography.Text>{t('import.loaded', { name: fileName })}</Typography.Text>}
      <div>
        <label htmlFor="roster-csv">
          <Typography.Text strong>{t('import.textLabel')}</Typography.Text>
        </label>
        <Input.TextArea
          id="roster-csv"
          value={csv}
          onChange={(event) => setCsv(event.target.value)}
          autoSize={{ minRows: 6, maxRows: 16 }}
          spellCheck={false}
          style={{ fontFamily: 'monospace', marginTop: 8 }}
          placeholder={CSV_EXAMPLE}
        />
      </div>
      {upload.isError && <Alert type="error" showIcon title={errorMessage(upload.error)} />}
      <Button
        type="primary"
        disabled={!csv.trim()}
        loading={upload.isPending}
        onClick={() => upload.mutate(csv)}
      >
        {t('import.submit')}
      </Button>
      {result && (
        <Card title={t('import.resultTitle', { created: result.created, failed: result.failed })}>
          {result.rows.some((row) => row.initialPassword) && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('import.passwordsOnce')}
            />
          )}
          <Table
            rowKey="line"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={result.rows}
            columns={[
              { title: t('import.line'), dataIndex: 'line' },
              { title: t('users.displayName'), dataIndex: 'displayName' },
              {
                title: t('import.status'),
                dataIndex: 'status',
                render: (status: 'created' | 'failed') =>
                  status === 'created' ? (
                    <Tag color="green">{t('import.created')}</Tag>
                  ) : (
                    <Tag color="red">{t('import.failed')}</Tag>
                  ),
              },
              {
                title: t('import.initialPassword'),
                dataIndex: 'initialPassword',
                render: (password?: string) =>
                  password ? <Typography.Text code>{password}</Typography.Text> : '—',
              },
              {
                title: t('import.errors'),
                dataIndex: 'errors',
                render: (errors?: string[]) => (
                  <div style={{ maxWidth: 420, whiteSpace: 'normal' }}>
                    {errors?.length ? errors.map(inLanguage).join('；') : '—'}
                  </div>
                ),
              },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}

function Departments() {
  const { t } = useTranslation('secretariat');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const departments = useDepartments();
  const [form] = Form.useForm<{ name: string }>();
  const create = useMutation({
    mutationFn: (name: string) =>
      unwrap(api.POST('/api/departments', { body: { name: name.trim() } })),
    onSuccess: async () => {
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: ['departments'] });
    },
  });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {create.isError && <Alert type="error" showIcon title={errorMessage(create.error)} />}
      <Form form={form} layout="inline" onFinish={({ name }) => create.mutate(name)}>
        <Form.Item
          name="name"
          label={t('departments.name')}
          rules={[{ required: true, whitespace: true, max: 100, message: t('required') }]}
        >
          <Input placeholder={t('departments.placeholder')} maxLength={100} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('departments.create')}
        </Button>
      </Form>
      <QueryView query={departments}>
        {(data) => (
          <Table<Department>
            rowKey="id"
            size="small"
            dataSource={data.items}
            pagination={false}
            columns={[{ title: t('departments.name'), dataIndex: 'name' }]}
          />
        )}
      </QueryView>
    </Space>
  );
}

const TABS = ['accounts', 'import', 'departments'] as const;

export function Users() {
  const { t } = useTranslation('secretariat');
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((key) => key === params.get('tab')) ?? 'accounts';
  return (
    <>
      <DeskTrail items={[{ title: t('users.title') }]} />
      <PageTitle>{t('users.title')}</PageTitle>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'accounts' ? {} : { tab: key }, { replace: true })}
        items={[
          { key: 'accounts', label: t('users.tabAccounts'), children: <Accounts /> },
          { key: 'import', label: t('users.tabImport'), children: <RosterImport /> },
          { key: 'departments', label: t('users.tabDepartments'), children: <Departments /> },
        ]}
      />
    </>
  );
}
