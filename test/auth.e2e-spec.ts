import { createHmac } from 'node:crypto';
import { Role } from '@app/common';
import { TestApp, type HttpAnswer } from './support/test-app.js';

const PASSWORD = 'correct-horse-1';
const UNAUTHORIZED = { statusCode: 401, error: 'Unauthorized', message: expect.any(String) };

let sequence = 0;
const uniqueEmail = () => `resident-${++sequence}@minsheng.test`;
const uniquePhone = () => `139${String(++sequence).padStart(8, '0')}`;

function base64url(part: object): string {
  return Buffer.from(JSON.stringify(part)).toString('base64url');
}

/** A JWT built by hand: HS256-signed with `secret`, or unsigned when `secret` is null. */
function craftToken(claims: object, secret: string | null): string {
  const header = base64url({ alg: secret === null ? 'none' : 'HS256', typ: 'JWT' });
  const unsigned = `${header}.${base64url(claims)}`;
  const signature =
    secret === null ? '' : createHmac('sha256', secret).update(unsigned).digest('base64url');
  return `${unsigned}.${signature}`;
}

function expectSession(answer: HttpAnswer, status: number) {
  expect(answer.status).toBe(status);
  expect(answer.body).toMatchObject({
    accessToken: expect.any(String),
    refreshToken: expect.any(String),
    user: { id: expect.any(String), roles: [Role.Resident] },
  });
  expect(JSON.stringify(answer.body)).not.toMatch(/passwordHash|\$argon2/);
}

describe('auth', () => {
  let api: TestApp;
  let adminToken: string;

  beforeAll(async () => {
    api = await TestApp.start();
    adminToken = await api.adminToken();
  });
  afterAll(async () => {
    await api.stop();
  });

  const login = (loginName: string, password = PASSWORD) =>
    api.post('/api/auth/login', { login: loginName, password });
  const refresh = (refreshToken: string) => api.post('/api/auth/refresh', { refreshToken });
  const me = (token: string) => api.get('/api/auth/me', { token });

  async function register(fields: Record<string, unknown> = { email: uniqueEmail() }) {
    const answer = await api.post('/api/auth/register', {
      password: PASSWORD,
      displayName: '居民',
      ...fields,
    });
    expectSession(answer, 201);
    return answer.body;
  }

  async function userCount(): Promise<number> {
    const answer = await api.get('/api/users?pageSize=1', { token: adminToken });
    return answer.body.total as number;
  }

  async function auditEntries(action: string, entityId: string) {
    const answer = await api.get(`/api/audit?action=${action}&entityId=${entityId}`, {
      token: adminToken,
    });
    expect(answer.status).toBe(200);
    return answer.body.items as { details: Record<string, unknown> }[];
  }

  describe('register', () => {
    it('by email gives a session of a new resident', async () => {
      const email = uniqueEmail();
      const session = await register({ email, displayName: '  张三  ' });
      expect(session.user).toMatchObject({ email, phone: null, displayName: '张三' });
      expect((await me(session.accessToken)).status).toBe(200);
    });

    it('by phone alone, stored without spaces', async () => {
      const phone = uniquePhone();
      const spaced = `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
      const session = await register({ phone: spaced });
      expect(session.user).toMatchObject({ email: null, phone });
    });

    it('refuses `roles` in the body, and creates no account', async () => {
      const before = await userCount();
      const email = uniqueEmail();
      const answer = await api.post('/api/auth/register', {
        email,
        password: PASSWORD,
        displayName: '冒充者',
        roles: [Role.Admin],
      });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ statusCode: 400, fields: { roles: expect.any(Array) } });
      expect(await userCount()).toBe(before);
      expect((await login(email)).status).toBe(401);
    });

    it.each([
      ['the same email', (email: string) => email],
      ['an email differing only in case', (email: string) => email.toUpperCase()],
    ])('answers 409 for %s', async (_label, variant) => {
      const email = uniqueEmail();
      await register({ email });
      const before = await userCount();
      const answer = await api.post('/api/auth/register', {
        email: variant(email),
        password: PASSWORD,
        displayName: '重复',
      });
      expect(answer.status).toBe(409);
      expect(answer.body).toMatchObject({ statusCode: 409, code: 'user.email_taken' });
      expect(await userCount()).toBe(before);
    });

    it('answers 409 for a phone number already registered, in another notation', async () => {
      const phone = uniquePhone();
      await register({ phone });
      const before = await userCount();
      const answer = await api.post('/api/auth/register', {
        phone: `+86 ${phone}`,
        password: PASSWORD,
        displayName: '重复',
      });
      expect(answer.status).toBe(409);
      expect(answer.body).toMatchObject({ statusCode: 409, code: 'user.phone_taken' });
      expect(await userCount()).toBe(before);
    });
  });

  describe('login', () => {
    it('by email, whatever its case', async () => {
      const email = uniqueEmail().replace('resident', 'Mixed.Case');
      const { user } = await register({ email });
      const answer = await login(email.toUpperCase());
      expectSession(answer, 200);
      expect(answer.body.user.id).toBe(user.id);
    });

    it('by phone, with or without +86', async () => {
      const phone = uniquePhone();
      const { user } = await register({ phone });
      for (const variant of [phone, `+86${phone}`]) {
        const answer = await login(variant);
        expectSession(answer, 200);
        expect(answer.body.user.id).toBe(user.id);
      }
    });

    it('answers a wrong password and an unknown login alike', async () => {
      const email = uniqueEmail();
      await register({ email });
      const wrongPassword = await login(email, 'not-the-password');
      const unknownLogin = await login(uniqueEmail());
      expect(wrongPassword.status).toBe(401);
      expect(wrongPassword.body).toEqual({
        ...UNAUTHORIZED,
        code: 'auth.invalid_credentials',
      });
      expect(unknownLogin.status).toBe(401);
      expect(unknownLogin.body).toEqual(wrongPassword.body);
    });

    it('audits the fifth consecutive wrong password once', async () => {
      const email = uniqueEmail();
      const { user } = await register({ email });
      for (let attempt = 1; attempt <= 4; attempt++) {
        expect((await login(email, 'wrong-password')).status).toBe(401);
      }
      expect(await auditEntries('auth.login_failed_repeatedly', user.id)).toEqual([]);
      expect((await login(email, 'wrong-password')).status).toBe(401);
      const entries = await auditEntries('auth.login_failed_repeatedly', user.id);
      expect(entries).toHaveLength(1);
      expect(entries[0].details).toEqual({ consecutiveFailures: 5 });
    });

    it('counts only consecutive failures: a good sign-in starts over', async () => {
      const email = uniqueEmail();
      const { user } = await register({ email });
      const fail = async (times: number) => {
        for (let attempt = 0; attempt < times; attempt++) {
          expect((await login(email, 'wrong-password')).status).toBe(401);
        }
      };
      await fail(4);
      expectSession(await login(email), 200);
      await fail(4);
      expect(await auditEntries('auth.login_failed_repeatedly', user.id)).toEqual([]);
    });
  });

  describe('refresh and logout', () => {
    it('trades a refresh token for a new pair', async () => {
      const session = await register();
      const answer = await refresh(session.refreshToken);
      expectSession(answer, 200);
      expect(answer.body.refreshToken).not.toBe(session.refreshToken);
      expect((await me(answer.body.accessToken)).status).toBe(200);
    });

    it('revokes the whole family when a used refresh token comes back', async () => {
      const email = uniqueEmail();
      const first = await register({ email });
      const otherDevice = (await login(email)).body;
      const second = (await refresh(first.refreshToken)).body;

      const reused = await refresh(first.refreshToken);
      expect(reused.status).toBe(401);
      expect(reused.body).toEqual({ ...UNAUTHORIZED, code: 'auth.refresh_token_reused' });

      const newest = await refresh(second.refreshToken);
      expect(newest.status).toBe(401);
      expect(newest.body.code).toBe('auth.refresh_token_reused');
      expect(await auditEntries('auth.refresh_token_reused', first.user.id)).toHaveLength(1);

      // Another sign-in of the same account is another family, untouched.
      expectSession(await refresh(otherDevice.refreshToken), 200);
    });

    it('refuses an access token as a refresh token, and the reverse', async () => {
      const session = await register();
      const asRefresh = await refresh(session.accessToken);
      expect(asRefresh.status).toBe(401);
      expect(asRefresh.body).toEqual({ ...UNAUTHORIZED, code: 'auth.invalid_refresh_token' });
      expect(await me(session.refreshToken)).toMatchObject({ status: 401, body: UNAUTHORIZED });
    });

    it('logout ends the sign-in: its refresh token no longer works', async () => {
      const session = await register();
      const answer = await api.post('/api/auth/logout', { refreshToken: session.refreshToken });
      expect(answer.status).toBe(204);
      const after = await refresh(session.refreshToken);
      expect(after.status).toBe(401);
      expect(after.body).toMatchObject(UNAUTHORIZED);
    });
  });

  describe('GET /api/auth/me', () => {
    let user: { id: string; displayName: string };
    let accessToken: string;
    const now = () => Math.floor(Date.now() / 1000);
    const claims = (overrides: object = {}) => ({
      sub: user.id,
      typ: 'access',
      roles: [Role.Resident],
      dept: null,
      iss: api.config.jwt.issuer,
      aud: api.config.jwt.audience,
      iat: now(),
      exp: now() + 600,
      ...overrides,
    });
    const sign = (overrides: object = {}) =>
      craftToken(claims(overrides), api.config.jwt.accessSecret);

    beforeAll(async () => {
      const session = await register();
      user = session.user;
      accessToken = session.accessToken;
    });

    it('answers the signed-in user', async () => {
      const answer = await me(accessToken);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        id: user.id,
        displayName: user.displayName,
        roles: [Role.Resident],
        departmentId: null,
      });
    });

    it('accepts a token crafted here with the right key and claims (control)', async () => {
      expect((await me(sign())).status).toBe(200);
    });

    it.each<[string, () => string | undefined]>([
      ['no token', () => undefined],
      ['a token with a forged signature', () => `${accessToken.slice(0, -4)}AAAA`],
      ['a token signed with another key', () => craftToken(claims(), 'x'.repeat(64))],
      [
        'claims raised to admin under the original signature',
        () => {
          const [header, , signature] = accessToken.split('.');
          return `${header}.${base64url(claims({ roles: [Role.Admin] }))}.${signature}`;
        },
      ],
      ['an alg: none token', () => craftToken(claims(), null)],
      ['a token of another issuer', () => sign({ iss: 'someone-else' })],
      ['a token for another audience', () => sign({ aud: 'another-api' })],
      ['an expired token', () => sign({ iat: now() - 3600, exp: now() - 60 })],
    ])('answers 401 to %s', async (_label, token) => {
      const answer = await me(token() as string);
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual(UNAUTHORIZED);
    });
  });
});

describe('auth rate limit', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await TestApp.start({ AUTH_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await api.stop();
  });

  it('answers the fourth sign-in within a minute with 429 JSON', async () => {
    const { email, password } = api.config.bootstrapAdmin!;
    const attempts: HttpAnswer[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      attempts.push(await api.post('/api/auth/login', { login: email, password }));
    }
    expect(attempts.map((answer) => answer.status)).toEqual([200, 200, 200, 429]);
    const limited = attempts[3];
    expect(limited.headers['content-type']).toMatch(/^application\/json/);
    expect(limited.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: expect.any(String),
    });
    // Signed-in reads are not throttled.
    expect((await api.get('/api/auth/me', { token: attempts[0].body.accessToken })).status).toBe(
      200,
    );
  });
});
