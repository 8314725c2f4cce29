import { Role } from '@app/common';
import { TestApp, type HttpAnswer } from './support/test-app.js';

const PASSWORD = 'password-123';
const SECRET = /passwordHash|password_hash|\$argon2/;

/** Fails if an answer carries anything that looks like a stored password. */
function expectNoSecrets(answer: HttpAnswer): HttpAnswer {
  expect(JSON.stringify(answer.body ?? null)).not.toMatch(SECRET);
  return answer;
}

function roster(...rows: string[]): string {
  return ['displayName,email,phone,roles,department', ...rows].join('\n') + '\n';
}

describe('users and departments', () => {
  let api: TestApp;
  let secretariat: { id: string; token: string };
  let sequence = 0;

  beforeAll(async () => {
    api = await TestApp.start();
    secretariat = await api.userWith([Role.Secretariat]);
  });
  afterAll(async () => {
    await api.stop();
  });

  const bySecretariat = () => ({ token: secretariat.token });
  const uniqueEmail = (prefix: string) => `${prefix}-${++sequence}@minsheng.test`;

  async function createUser(fields: Record<string, unknown>): Promise<HttpAnswer> {
    return expectNoSecrets(
      await api.post(
        '/api/users',
        { email: uniqueEmail('user'), password: PASSWORD, displayName: '用户', ...fields },
        bySecretariat(),
      ),
    );
  }

  async function createDepartment(name: string): Promise<{ id: string; name: string }> {
    const answer = await api.post('/api/departments', { name }, bySecretariat());
    expect(answer.status).toBe(201);
    return answer.body;
  }

  async function auditOf(entityId: string, action: string) {
    const answer = await api.get(
      `/api/audit?entityId=${entityId}&action=${action}`,
      bySecretariat(),
    );
    return answer.body.items as { actorId: string; details: Record<string, any> }[];
  }

  async function userCount(): Promise<number> {
    return (await api.get('/api/users?pageSize=1', bySecretariat())).body.total as number;
  }

  const login = (loginName: string, password: string) =>
    api.post('/api/auth/login', { login: loginName, password });

  describe('creating users', () => {
    it('creates a user with roles and a department, audited as user.created', async () => {
      const department = await createDepartment('区卫健局');
      const email = uniqueEmail('official');
      const answer = await createUser({
        email,
        displayName: '王芳',
        roles: [Role.Official, Role.Deputy],
        departmentId: department.id,
      });
      expect(answer.status).toBe(201);
      expect(answer.body).toEqual({
        id: expect.any(String),
        displayName: '王芳',
        email,
        phone: null,
        roles: [Role.Official, Role.Deputy],
        departmentId: department.id,
        active: true,
        createdAt: expect.any(String),
      });
      const [entry, ...more] = await auditOf(answer.body.id, 'user.created');
      expect(more).toEqual([]);
      expect(entry).toMatchObject({
        actorId: secretariat.id,
        details: { roles: [Role.Official, Role.Deputy], departmentId: department.id },
      });
      const session = expectNoSecrets(await login(email, PASSWORD));
      expect(session.body.user.roles).toEqual([Role.Official, Role.Deputy]);
    });
  });

  describe('listing users', () => {
    const marker = '筛选';
    let department: { id: string };
    let made: Record<'deputyA' | 'deputyB' | 'official' | 'resident', string>;

    beforeAll(async () => {
      department = await createDepartment('区教育局');
      const make = async (displayName: string, roles: Role[], departmentId?: string) =>
        (await createUser({ displayName, roles, departmentId })).body.id as string;
      made = {
        deputyA: await make(`${marker}A代表`, [Role.Deputy]),
        deputyB: await make(`${marker}B代表`, [Role.Deputy, Role.Resident]),
        official: await make(`${marker}C干部`, [Role.Official], department.id),
        resident: await make(`${marker}D居民`, [Role.Resident]),
      };
    });

    /** The users made above (their names share the marker) matching further filters. */
    async function list(filters: Record<string, string> = {}) {
      const query = new URLSearchParams({ q: marker, ...filters });
      const answer = expectNoSecrets(await api.get(`/api/users?${query}`, bySecretariat()));
      expect(answer.status).toBe(200);
      return answer.body as {
        items: { id: string }[];
        total: number;
        page: number;
        pageSize: number;
      };
    }
    const ids = async (filters: Record<string, string> = {}) =>
      (await list(filters)).items.map((user) => user.id);

    it('filters by name, role and department', async () => {
      const all = [made.deputyA, made.deputyB, made.official, made.resident];
      expect(await ids()).toEqual(all);
      expect(await ids({ q: 'C干部' })).toEqual([made.official]);
      expect(await ids({ role: Role.Deputy })).toEqual([made.deputyA, made.deputyB]);
      expect(await ids({ role: Role.Resident })).toEqual([made.deputyB, made.resident]);
      expect(await ids({ role: Role.Secretariat })).toEqual([]);
      expect(await ids({ departmentId: department.id })).toEqual([made.official]);
    });

    it('pages with {items, total, page, pageSize}', async () => {
      const first = await list({ page: '1', pageSize: '3' });
      const second = await list({ page: '2', pageSize: '3' });
      expect(first).toMatchObject({ total: 4, page: 1, pageSize: 3 });
      expect(second).toMatchObject({ total: 4, page: 2, pageSize: 3 });
      expect([...first.items, ...second.items].map((user) => user.id)).toEqual(await ids());
    });

    it('shows one user, without secrets', async () => {
      const answer = expectNoSecrets(await api.get(`/api/users/${made.official}`, bySecretariat()));
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ id: made.official, departmentId: department.id });
      expect(Object.keys(answer.body)).not.toContain('failedLogins');
    });
  });

  describe('changing users', () => {
    it('audits a change of roles as user.roles_changed', async () => {
      const user = (await createUser({ roles: [Role.Resident] })).body;
      const answer = expectNoSecrets(
        await api.patch(`/api/users/${user.id}`, { roles: [Role.Deputy] }, bySecretariat()),
      );
      expect(answer.status).toBe(200);
      expect(answer.body.roles).toEqual([Role.Deputy]);
      const [entry, ...more] = await auditOf(user.id, 'user.roles_changed');
      expect(more).toEqual([]);
      expect(entry).toMatchObject({
        actorId: secretariat.id,
        details: { before: { roles: [Role.Resident] }, after: { roles: [Role.Deputy] } },
      });
    });

    it('a deactivated user cannot sign in nor refresh, until reactivated', async () => {
      const email = uniqueEmail('leaver');
      const user = (await createUser({ email, roles: [Role.Deputy] })).body;
      const session = (await login(email, PASSWORD)).body;

      const deactivated = await api.patch(
        `/api/users/${user.id}`,
        { active: false },
        bySecretariat(),
      );
      expect(deactivated.status).toBe(200);
      expect(deactivated.body.active).toBe(false);
      expect(await auditOf(user.id, 'user.updated')).toHaveLength(1);

      const refused = await login(email, PASSWORD);
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe('auth.invalid_credentials');
      expect(
        (await api.post('/api/auth/refresh', { refreshToken: session.refreshToken })).status,
      ).toBe(401);

      await api.patch(`/api/users/${user.id}`, { active: true }, bySecretariat());
      expect((await login(email, PASSWORD)).status).toBe(200);
    });
  });

  describe('importing a roster', () => {
    let registered: string;
    let department: { name: string; id: string };

    beforeAll(async () => {
      department = await createDepartment('区民政局');
      registered = uniqueEmail('registered');
      const answer = await api.post('/api/auth/register', {
        email: registered,
        password: PASSWORD,
        displayName: '已注册',
      });
      expect(answer.status).toBe(201);
    });

    const importRoster = async (csv: string, contentType = 'text/csv') =>
      expectNoSecrets(
        await api.request('POST', '/api/users/import', {
          ...bySecretariat(),
          raw: { payload: csv, contentType },
        }),
      );

    it('reports every row, imports the good ones and nothing of a bad one', async () => {
      const before = await userCount();
      const answer = await importRoster(
        roster(
          '张伟,zhangwei@example.cn,,deputy,',
          `李娜,,13900001111,official,${department.name}`,
          '吴十,wushi@example.cn,,deputy;resident,',
          '王五,wangwu@example.cn,,mayor,',
          '赵六,zhaoliu@example.cn,,official,不存在的局',
          '钱七,not-an-email,,resident,',
          '孙八,ZhangWei@example.cn,,resident,',
          `周九,${registered},,resident,`,
          '郑十,zhengshi@example.cn,,official,',
        ),
      );
      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({ created: 3, failed: 6 });
      const rows = answer.body.rows as Record<string, any>[];
      expect(rows.map((row) => [row.line, row.displayName, row.status])).toEqual([
        [2, '张伟', 'created'],
        [3, '李娜', 'created'],
        [4, '吴十', 'created'],
        [5, '王五', 'failed'],
        [6, '赵六', 'failed'],
        [7, '钱七', 'failed'],
        [8, '孙八', 'failed'],
        [9, '周九', 'failed'],
        [10, '郑十', 'failed'],
      ]);
      const errorsOf = (line: number) => rows.find((row) => row.line === line)!.errors.join(' ');
      expect(errorsOf(5)).toMatch(/unknown role: mayor/);
      expect(errorsOf(6)).toMatch(/unknown department: 不存在的局/);
      expect(errorsOf(7)).toMatch(/invalid email/);
      expect(errorsOf(8)).toMatch(/repeats an earlier row/);
      expect(errorsOf(9)).toMatch(/already registered/);
      expect(errorsOf(10)).toMatch(/must belong to a department/);
      for (const row of rows.filter((row) => row.status === 'failed')) {
        expect(row).not.toHaveProperty('userId');
        expect(row).not.toHaveProperty('initialPassword');
      }
      expect(await userCount()).toBe(before + 3);

      const createdLogins = ['zhangwei@example.cn', '13900001111', 'wushi@example.cn'];
      for (const [index, row] of rows.filter((row) => row.status === 'created').entries()) {
        const session = await login(createdLogins[index], row.initialPassword);
        expect(session.status).toBe(200);
        expect(session.body.user.id).toBe(row.userId);
      }
      for (const email of ['wangwu@example.cn', 'zhaoliu@example.cn', 'zhengshi@example.cn']) {
        const found = await api.get(`/api/users?q=${email}`, bySecretariat());
        expect(found.body.total).toBe(0);
      }
    });

    it('gives each imported person an initial password that signs them in', async () => {
      const answer = await importRoster(
        roster(`陈一,chenyi@example.cn,,official;deputy,${department.name}`, '林二,,13900002222,,'),
      );
      expect(answer.body).toMatchObject({ created: 2, failed: 0 });
      const [official, resident] = answer.body.rows as Record<string, any>[];

      const officialSession = expectNoSecrets(
        await login('chenyi@example.cn', official.initialPassword),
      );
      expect(officialSession.status).toBe(200);
      expect(officialSession.body.user).toMatchObject({
        id: official.userId,
        roles: [Role.Official, Role.Deputy],
        departmentId: department.id,
      });
      const residentSession = await login('13900002222', resident.initialPassword);
      expect(residentSession.status).toBe(200);
      expect(residentSession.body.user.roles).toEqual([Role.Resident]);

      const [entry] = await auditOf(official.userId, 'user.created');
      expect(entry.actorId).toBe(secretariat.id);
    });

    it('accepts text/csv with a charset', async () => {
      const answer = await importRoster(
        roster('黄三,huangsan@example.cn,,resident,'),
        'text/csv; charset=utf-8',
      );
      expect(answer.status).toBe(201);
      expect(answer.body.created).toBe(1);
    });

    it.each([
      ['a wrong header', 'name,mail,mobile\n张伟,zhangwei2@example.cn,\n'],
      ['a header missing a column', 'displayName,email,roles\n张伟,zhangwei2@example.cn,deputy\n'],
      ['no rows', 'displayName,email,phone,roles,department\n'],
      ['unbalanced quotes', roster('"张伟,zhangwei2@example.cn,,deputy,')],
    ])('answers 400 to %s, importing nothing', async (_label, csv) => {
      const before = await userCount();
      const answer = await importRoster(csv);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({
        statusCode: 400,
        error: 'Bad Request',
        code: 'roster.format',
      });
      expect(await userCount()).toBe(before);
    });
  });

  describe('departments', () => {
    it('creates a department, audited, and refuses its name twice', async () => {
      const department = await createDepartment('区住建局');
      expect(department).toEqual({ id: expect.any(String), name: '区住建局' });
      expect(await auditOf(department.id, 'department.created')).toHaveLength(1);

      const duplicate = await api.post(
        '/api/departments',
        { name: '  区住建局 ' },
        bySecretariat(),
      );
      expect(duplicate.status).toBe(409);
      expect(duplicate.body).toMatchObject({ statusCode: 409, code: 'department.name_taken' });
    });

    it('lists departments to anyone, by name', async () => {
      const answer = await api.get('/api/departments?pageSize=100');
      expect(answer.status).toBe(200);
      const names = (answer.body.items as { name: string }[]).map((department) => department.name);
      expect(names).toEqual(expect.arrayContaining(['区住建局', '区卫健局']));
      expect(names).toEqual([...names].sort());
      expect(answer.body).toMatchObject({ total: names.length, page: 1, pageSize: 100 });
    });
  });

  it('never answers a password hash, on any account endpoint', async () => {
    const email = uniqueEmail('scan');
    const answers = [
      await api.post('/api/auth/register', { email, password: PASSWORD, displayName: '扫描' }),
      await login(email, PASSWORD),
      await api.get('/api/users?pageSize=100', bySecretariat()),
      await api.get('/api/auth/me', bySecretariat()),
    ];
    const { refreshToken, user } = answers[0].body;
    answers.push(
      await api.post('/api/auth/refresh', { refreshToken }),
      await api.get(`/api/users/${user.id}`, bySecretariat()),
      await api.patch(`/api/users/${user.id}`, { displayName: '扫描二' }, bySecretariat()),
      await api.get('/api/audit?pageSize=100', bySecretariat()),
    );
    for (const answer of answers) {
      expect(answer.status).toBeLessThan(300);
      expectNoSecrets(answer);
    }
  });
});
