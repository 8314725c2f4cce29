import { randomUUID } from 'node:crypto';
import { Role } from '@app/common';
import { TestApp, type HttpAnswer } from './support/test-app.js';

const validRegistration = {
  email: 'valid@minsheng.test',
  password: 'password-123',
  displayName: '居民',
};
const ROSTER_HEADER = 'displayName,email,phone,roles,department';

/** Every error answer: JSON `{statusCode, error, message}` with the given status. */
function expectErrorBody(answer: HttpAnswer, statusCode: number) {
  expect(answer.status).toBe(statusCode);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  expect(answer.body).toMatchObject({
    statusCode,
    error: expect.any(String),
    message: expect.anything(),
  });
}

/** A validation error: 400 listing exactly the failing fields. */
function expectInvalidFields(answer: HttpAnswer, fields: string[]) {
  expectErrorBody(answer, 400);
  expect(answer.body).toMatchObject({ error: 'Bad Request', code: 'validation_failed' });
  expect(Object.keys(answer.body.fields).sort()).toEqual([...fields].sort());
  for (const field of fields) {
    expect(answer.body.fields[field]).toEqual(expect.arrayContaining([expect.any(String)]));
  }
  expect(answer.body.message).toEqual(Object.values(answer.body.fields).flat());
}

describe('validation and error bodies', () => {
  let api: TestApp;
  let token: string;

  beforeAll(async () => {
    api = await TestApp.start();
    token = (await api.userWith([Role.Secretariat])).token;
  });
  afterAll(async () => {
    await api.stop();
  });

  async function counts() {
    const [users, departments] = await Promise.all([
      api.get('/api/users?pageSize=1', { token }),
      api.get('/api/departments?pageSize=1'),
    ]);
    return { users: users.body.total as number, departments: departments.body.total as number };
  }

  /** Sends a request that must be refused, and checks that no user or department appeared. */
  async function refused(send: () => Promise<HttpAnswer>): Promise<HttpAnswer> {
    const before = await counts();
    const answer = await send();
    expect(await counts()).toEqual(before);
    return answer;
  }

  describe('POST /api/auth/register', () => {
    it.each<[string, Record<string, unknown>, string[]]>([
      ['a missing password', { password: undefined }, ['password']],
      ['a 7-character password', { password: 'short-7' }, ['password']],
      ['a malformed email', { email: 'not-an-email' }, ['email']],
      ['a malformed phone', { email: undefined, phone: '12345' }, ['phone']],
      ['neither email nor phone', { email: undefined }, ['email']],
      ['an empty displayName', { displayName: '' }, ['displayName']],
      ['a blank displayName', { displayName: '   ' }, ['displayName']],
      ['a 51-character displayName', { displayName: '名'.repeat(51) }, ['displayName']],
      ['an unknown extra field', { nickname: '小张' }, ['nickname']],
      ['several faults at once', { email: 'x', password: 1 }, ['email', 'password']],
    ])('answers 400 to %s', async (_label, change, fields) => {
      const answer = await refused(() =>
        api.post('/api/auth/register', { ...validRegistration, ...change }),
      );
      expectInvalidFields(answer, fields);
    });

    it('accepts the valid body the cases above start from (control)', async () => {
      expect((await api.post('/api/auth/register', validRegistration)).status).toBe(201);
    });
  });

  describe('POST /api/users', () => {
    const newUser = (change: Record<string, unknown>) => ({
      email: `official-${randomUUID()}@minsheng.test`,
      password: 'password-123',
      displayName: '工作人员',
      roles: [Role.Official],
      ...change,
    });

    it.each<[string, Record<string, unknown>]>([
      ['an unknown role', { roles: ['mayor'] }],
      ['no roles', { roles: [] }],
      ['roles that are not a list', { roles: Role.Deputy }],
    ])('answers 400 to %s', async (_label, change) => {
      const answer = await refused(() => api.post('/api/users', newUser(change), { token }));
      expectInvalidFields(answer, ['roles']);
    });

    it.each<[string, Record<string, unknown>, string]>([
      ['an official without a department', {}, 'user.department_required'],
      ['an unknown departmentId', { departmentId: randomUUID() }, 'user.department_unknown'],
    ])('answers 400 to %s, with its code', async (_label, change, code) => {
      const answer = await refused(() => api.post('/api/users', newUser(change), { token }));
      expectErrorBody(answer, 400);
      expect(answer.body).toMatchObject({ error: 'Bad Request', code });
    });

    it('answers 400 to a departmentId that is not a UUID', async () => {
      const answer = await refused(() =>
        api.post('/api/users', newUser({ departmentId: 'finance' }), { token }),
      );
      expectInvalidFields(answer, ['departmentId']);
    });
  });

  describe('POST /api/departments', () => {
    it.each([
      ['an empty name', ''],
      ['a blank name', '   '],
      ['a 101-character name', '部'.repeat(101)],
    ])('answers 400 to %s', async (_label, name) => {
      const answer = await refused(() => api.post('/api/departments', { name }, { token }));
      expectInvalidFields(answer, ['name']);
    });
  });

  describe('paging', () => {
    it.each([
      ['/api/users?page=0', 'page'],
      ['/api/users?pageSize=101', 'pageSize'],
      ['/api/users?pageSize=0', 'pageSize'],
      ['/api/users?page=two', 'page'],
      ['/api/departments?page=0', 'page'],
      ['/api/departments?pageSize=101', 'pageSize'],
      ['/api/audit?pageSize=101', 'pageSize'],
    ])('answers 400 to %s', async (url, field) => {
      expectInvalidFields(await api.get(url, { token }), [field]);
    });

    it('accepts the limits themselves (control)', async () => {
      const answer = await api.get('/api/users?page=1&pageSize=100', { token });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ page: 1, pageSize: 100 });
    });
  });

  describe('bodies the parser refuses', () => {
    it('answers 400 to malformed JSON', async () => {
      const answer = await refused(() =>
        api.request('POST', '/api/auth/register', {
          raw: { payload: '{"email": "a@b.cn", ', contentType: 'application/json' },
        }),
      );
      expectErrorBody(answer, 400);
    });

    it('answers 413 to a JSON body over 1 MB', async () => {
      const payload = JSON.stringify({ ...validRegistration, displayName: 'x'.repeat(1_100_000) });
      const answer = await refused(() =>
        api.request('POST', '/api/auth/register', {
          raw: { payload, contentType: 'application/json' },
        }),
      );
      expectErrorBody(answer, 413);
    });

    it('answers 413 to a roster over 1 MB', async () => {
      const line = '张伟,zhangwei@example.cn,,deputy,\n';
      const payload = `${ROSTER_HEADER}\n${line.repeat(Math.ceil(1_100_000 / line.length))}`;
      const answer = await refused(() =>
        api.request('POST', '/api/users/import', {
          token,
          raw: { payload, contentType: 'text/csv' },
        }),
      );
      expectErrorBody(answer, 413);
    });

    it.each<[string, unknown]>([
      ['a JSON object', { rows: [] }],
      ['a JSON string holding CSV', `${ROSTER_HEADER}\n李四,lisi@example.cn,,resident,\n`],
    ])('answers 415 to %s sent as the roster', async (_label, body) => {
      const answer = await refused(() => api.post('/api/users/import', body, { token }));
      expectErrorBody(answer, 415);
      expect(answer.body.error).toBe('Unsupported Media Type');
    });

    it('answers unknown routes with a JSON 404', async () => {
      expectErrorBody(await api.get('/api/no-such-thing', { token }), 404);
    });
  });
});
