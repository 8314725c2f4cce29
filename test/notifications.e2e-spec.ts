import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { Role } from '@app/common';
import { NOTIFICATION_KINDS } from '@app/notifications';
import { createWorkerApp } from '../apps/worker/src/create-worker-app.js';
import { Mailbox } from './support/mailbox.js';
import { TestApp } from './support/test-app.js';

/** Reads until `done` holds or 15 s have passed, and returns the last value read. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) {
      return value;
    }
    await sleep(50);
  }
}

/** Time for a duplicate or a stray message to show up, were there one. */
const SETTLE_MS = 500;

interface SignedInUser {
  id: string;
  email: string;
  token: string;
}

describe('notifications API', () => {
  let api: TestApp;
  let worker: INestApplicationContext;
  let mailbox: Mailbox;
  let secretariat: SignedInUser;

  beforeAll(async () => {
    mailbox = await Mailbox.start();
    api = await TestApp.start({ SMTP_URL: mailbox.url });
    worker = await createWorkerApp(api.config);
    secretariat = await api.userWith([Role.Secretariat]);
  });
  afterAll(async () => {
    await worker.close();
    await api.stop();
    await mailbox.stop();
  });

  const inbox = (user: SignedInUser, query = '') =>
    api.get(`/api/notifications${query}`, { token: user.token });

  /** Waits until the user's inbox holds an item of the kind (and title), and returns it. */
  async function inboxItem(user: SignedInUser, kind: string, title?: string) {
    const matches = (item: any) =>
      item.kind === kind && (title === undefined || item.title.zh === title);
    const answer = await until(
      () => inbox(user, '?pageSize=100'),
      (page) => page.body.items.some(matches),
    );
    const item = answer.body.items.find(matches);
    expect(item).toBeDefined();
    return item;
  }

  /** Mails to the address whose text carries the marker. */
  const mailsWith = (address: string, marker: string) =>
    mailbox.to(address).filter((mail) => mail.raw.includes(marker));

  async function announce(audience: Role[]) {
    // ASCII, so it shows unencoded in the mail's subject and text.
    const title = `Notice ${randomUUID().slice(0, 8)}`;
    const answer = await api.post(
      '/api/announcements',
      { title, body: '本周六上午九点至十二点停水检修。', audience },
      { token: secretariat.token },
    );
    expect(answer.status).toBe(201);
    return { title, announcement: answer.body };
  }

  it("delivers a registration's welcome to the inbox and the mailbox exactly once", async () => {
    const email = `newcomer-${randomUUID().slice(0, 8)}@minsheng.test`;
    const registered = await api.post('/api/auth/register', {
      email,
      password: 'password-123',
      displayName: '新居民',
    });
    expect(registered.status).toBe(201);
    const user = { id: registered.body.user.id, email, token: registered.body.accessToken };

    const page = await until(
      () => inbox(user),
      (answer) => answer.body.total > 0,
    );
    expect(page.status).toBe(200);
    expect(page.body).toEqual({
      items: [
        {
          id: expect.any(String),
          kind: 'account.created',
          title: { zh: '欢迎使用民生实事', en: 'Welcome to Minsheng' },
          body: { zh: expect.stringContaining('新居民'), en: expect.stringContaining('新居民') },
          link: null,
          createdAt: expect.any(String),
          readAt: null,
        },
      ],
      total: 1,
      page: 1,
      pageSize: 20,
      unread: 1,
    });

    await until(
      () => Promise.resolve(mailbox.to(email).length),
      (count) => count > 0,
    );
    await sleep(SETTLE_MS);
    expect(mailbox.to(email)).toHaveLength(1);
    expect(mailbox.to(email)[0].raw).toContain('Welcome to Minsheng');
    expect((await inbox(user)).body.total).toBe(1);
  });

  describe('announcements', () => {
    let deputies: SignedInUser[];
    let residents: SignedInUser[];

    beforeAll(async () => {
      deputies = [];
      for (let i = 0; i < 3; i++) {
        deputies.push(await api.userWith([Role.Deputy]));
      }
      residents = [await api.userWith([Role.Resident]), await api.userWith([Role.Resident])];
    });

    it('reach every deputy once, in the inbox and the mailbox, and no resident', async () => {
      const { title, announcement } = await announce([Role.Deputy]);
      expect(announcement).toEqual({
        id: expect.any(String),
        title,
        body: '本周六上午九点至十二点停水检修。',
        audience: [Role.Deputy],
        createdAt: expect.any(String),
      });

      for (const deputy of deputies) {
        const item = await inboxItem(deputy, 'announcement', title);
        expect(item).toMatchObject({
          title: { zh: title, en: title },
          body: { zh: '本周六上午九点至十二点停水检修。', en: '本周六上午九点至十二点停水检修。' },
          readAt: null,
        });
      }
      await until(
        () => Promise.resolve(deputies.every((deputy) => mailsWith(deputy.email, title).length)),
        (all) => all,
      );
      await sleep(SETTLE_MS);
      for (const deputy of deputies) {
        const items = (await inbox(deputy, '?pageSize=100')).body.items;
        expect(items.filter((item: any) => item.title.zh === title)).toHaveLength(1);
        expect(mailsWith(deputy.email, title)).toHaveLength(1);
      }
      for (const resident of residents) {
        const items = (await inbox(resident, '?pageSize=100')).body.items;
        expect(items.filter((item: any) => item.kind === 'announcement')).toEqual([]);
        expect(mailsWith(resident.email, title)).toEqual([]);
      }
    });

    it('reach the inbox but not the mailbox of a deputy who turned email off for them', async () => {
      const [quiet, ...others] = deputies;
      const turnedOff = await api.request('PUT', '/api/notifications/preferences', {
        token: quiet.token,
        body: { preferences: [{ kind: 'announcement', email: false, webhook: false }] },
      });
      expect(turnedOff.status).toBe(200);

      const { title } = await announce([Role.Deputy, Role.Resident]);
      await inboxItem(quiet, 'announcement', title);
      for (const recipient of [...others, ...residents]) {
        await inboxItem(recipient, 'announcement', title);
      }
      await until(
        () =>
          Promise.resolve(
            [...others, ...residents].every((user) => mailsWith(user.email, title).length),
          ),
        (all) => all,
      );
      await sleep(SETTLE_MS);
      expect(mailsWith(quiet.email, title)).toEqual([]);
      for (const recipient of [...others, ...residents]) {
        expect(mailsWith(recipient.email, title)).toHaveLength(1);
      }
    });

    it('refuses an invalid announcement with 400 and sends nothing', async () => {
      const valid = { title: '通知', body: '内容', audience: [Role.Resident] };
      const invalid = [
        { ...valid, title: '' },
        { ...valid, title: '   ' },
        { ...valid, title: '长'.repeat(101) },
        { ...valid, body: '' },
        { ...valid, body: 'x'.repeat(2001) },
        { ...valid, audience: [] },
        { ...valid, audience: ['mayor'] },
        { ...valid, audience: 'deputy' },
        { title: valid.title, body: valid.body },
        { ...valid, pinned: true },
      ];
      const before = await api.get('/api/audit?action=announcement.published&pageSize=1', {
        token: secretariat.token,
      });
      for (const body of invalid) {
        const answer = await api.post('/api/announcements', body, { token: secretariat.token });
        expect({ body, status: answer.status }).toEqual({ body, status: 400 });
        expect(answer.body).toMatchObject({ statusCode: 400, code: 'validation_failed' });
      }
      const after = await api.get('/api/audit?action=announcement.published&pageSize=1', {
        token: secretariat.token,
      });
      expect(after.body.total).toBe(before.body.total);
    });

    it('takes titles of exactly 100 and bodies of exactly 2000 characters', async () => {
      const answer = await api.post(
        '/api/announcements',
        { title: '长'.repeat(100), body: '文'.repeat(2000), audience: [Role.Official] },
        { token: secretariat.token },
      );
      expect(answer.status).toBe(201);
      expect(answer.body.title).toHaveLength(100);
    });
  });

  describe('reading the inbox', () => {
    let reader: SignedInUser;
    let welcomeId: string;

    beforeAll(async () => {
      reader = await api.userWith([Role.Deputy]);
      welcomeId = (await inboxItem(reader, 'account.created')).id;
      const { title } = await announce([Role.Deputy]);
      await inboxItem(reader, 'announcement', title);
    });

    it('counts unread notifications and marks one read', async () => {
      expect(
        (await api.get('/api/notifications/unread-count', { token: reader.token })).body,
      ).toEqual({ unread: 2 });
      const newestFirst = (await inbox(reader)).body;
      expect(newestFirst.items.map((item: any) => item.kind)).toEqual([
        'announcement',
        'account.created',
      ]);
      expect(newestFirst.unread).toBe(2);

      const marked = await api.post(`/api/notifications/${welcomeId}/read`, undefined, {
        token: reader.token,
      });
      expect(marked.status).toBe(200);
      expect(marked.body).toMatchObject({
        id: welcomeId,
        kind: 'account.created',
        readAt: expect.any(String),
      });

      // Marking again changes nothing: the first reading time stays.
      const again = await api.post(`/api/notifications/${welcomeId}/read`, undefined, {
        token: reader.token,
      });
      expect(again.status).toBe(200);
      expect(again.body.readAt).toBe(marked.body.readAt);

      expect(
        (await api.get('/api/notifications/unread-count', { token: reader.token })).body,
      ).toEqual({ unread: 1 });
      const unreadOnly = (await inbox(reader, '?unread=true')).body;
      expect(unreadOnly.items.map((item: any) => item.kind)).toEqual(['announcement']);
      expect(unreadOnly).toMatchObject({ total: 1, unread: 1 });
      const everything = (await inbox(reader, '?unread=false')).body;
      expect(everything).toMatchObject({ total: 2, unread: 1 });
      const secondPage = (await inbox(reader, '?pageSize=1&page=2')).body;
      expect(secondPage).toMatchObject({ total: 2, page: 2, pageSize: 1, unread: 1 });
      expect(secondPage.items.map((item: any) => item.id)).toEqual([welcomeId]);
    });

    it('marks all read', async () => {
      const all = await api.post('/api/notifications/read-all', undefined, { token: reader.token });
      expect(all.status).toBe(200);
      expect(all.body).toEqual({ marked: 1 });
      expect(
        (await api.get('/api/notifications/unread-count', { token: reader.token })).body,
      ).toEqual({ unread: 0 });
      expect((await inbox(reader, '?unread=true')).body).toMatchObject({ items: [], unread: 0 });
      const again = await api.post('/api/notifications/read-all', undefined, {
        token: reader.token,
      });
      expect(again.body).toEqual({ marked: 0 });
    });

    it('answers every concurrent mark with the one reading time stored', async () => {
      const user = await api.userWith([Role.Resident]);
      const item = await inboxItem(user, 'account.created');
      const answers = await Promise.all(
        Array.from({ length: 8 }, () =>
          api.post(`/api/notifications/${item.id}/read`, undefined, { token: user.token }),
        ),
      );
      const stored = (await inbox(user)).body.items[0].readAt;
      expect(stored).toEqual(expect.any(String));
      expect(answers.map((answer) => [answer.status, answer.body.readAt])).toEqual(
        answers.map(() => [200, stored]),
      );
    });

    it("answers 404 for another user's notification and leaves it unread", async () => {
      const owner = await api.userWith([Role.Resident]);
      const item = await inboxItem(owner, 'account.created');
      const answer = await api.post(`/api/notifications/${item.id}/read`, undefined, {
        token: reader.token,
      });
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({ statusCode: 404, code: 'notification.not_found' });
      expect((await inbox(owner)).body).toMatchObject({
        items: [{ id: item.id, readAt: null }],
        unread: 1,
      });

      const unknown = await api.post(`/api/notifications/${randomUUID()}/read`, undefined, {
        token: reader.token,
      });
      expect(unknown.status).toBe(404);
      const malformed = await api.post('/api/notifications/not-an-id/read', undefined, {
        token: reader.token,
      });
      expect(malformed.status).toBe(400);
    });

    it('refuses bad inbox queries with 400 and strangers with 401', async () => {
      for (const query of ['?unread=yes', '?pageSize=0', '?page=-1', '?sort=oldest']) {
        expect((await inbox(reader, query)).status).toBe(400);
      }
      for (const [method, path] of [
        ['GET', '/api/notifications'],
        ['GET', '/api/notifications/unread-count'],
        ['POST', '/api/notifications/read-all'],
        ['POST', `/api/notifications/${welcomeId}/read`],
        ['GET', '/api/notifications/preferences'],
        ['PUT', '/api/notifications/preferences'],
      ]) {
        expect({ path, status: (await api.request(method, path)).status }).toEqual({
          path,
          status: 401,
        });
      }
    });
  });

  describe('preferences', () => {
    let user: SignedInUser;
    const put = (body: unknown) =>
      api.request('PUT', '/api/notifications/preferences', { token: user.token, body });
    const list = async () =>
      (await api.get('/api/notifications/preferences', { token: user.token })).body;

    beforeAll(async () => {
      user = await api.userWith([Role.Resident]);
    });

    it("lists every kind with its defaults while the user hasn't chosen", async () => {
      const answer = await api.get('/api/notifications/preferences', { token: user.token });
      expect(answer.status).toBe(200);
      expect(answer.body.preferences).toEqual(
        expect.arrayContaining([
          {
            kind: 'account.created',
            label: { zh: '账号开通', en: 'Account created' },
            inApp: true,
            email: true,
            webhook: false,
          },
          {
            kind: 'announcement',
            label: { zh: expect.any(String), en: expect.any(String) },
            inApp: true,
            email: true,
            webhook: false,
          },
          {
            kind: 'audit.chain_broken',
            label: { zh: expect.any(String), en: expect.any(String) },
            inApp: true,
            email: true,
            webhook: true,
          },
        ]),
      );
    });

    it('saves choices and answers the full list', async () => {
      const answer = await put({
        preferences: [{ kind: 'announcement', email: false, webhook: true }],
      });
      expect(answer.status).toBe(200);
      const byKind = new Map(answer.body.preferences.map((p: any) => [p.kind, p]));
      expect([...byKind.keys()].sort()).toEqual([...NOTIFICATION_KINDS.keys()].sort());
      expect(byKind.get('announcement')).toMatchObject({
        inApp: true,
        email: false,
        webhook: true,
      });
      expect(byKind.get('account.created')).toMatchObject({ email: true, webhook: false });
      expect(await list()).toEqual(answer.body);

      // A second choice replaces the first; an empty list changes nothing.
      await put({ preferences: [{ kind: 'announcement', email: true, webhook: false }] });
      const emptied = await put({ preferences: [] });
      expect(emptied.status).toBe(200);
      expect(emptied.body.preferences.find((p: any) => p.kind === 'announcement')).toMatchObject({
        email: true,
        webhook: false,
      });
    });

    it('refuses invalid choices with 400 and keeps the saved ones', async () => {
      await put({ preferences: [{ kind: 'account.created', email: false, webhook: false }] });
      const before = await list();
      const invalid: unknown[] = [
        { preferences: [{ kind: 'no_such.kind', email: true, webhook: false }] },
        { preferences: [{ kind: 'announcement', email: 'yes', webhook: false }] },
        { preferences: [{ kind: 'announcement', email: true, webhook: 1 }] },
        { preferences: [{ kind: 'announcement', email: true }] },
        { preferences: [{ email: true, webhook: true }] },
        { preferences: [{ kind: 'announcement', email: true, webhook: true, sms: true }] },
        {
          preferences: [
            { kind: 'announcement', email: true, webhook: true },
            { kind: 'announcement', email: false, webhook: false },
          ],
        },
        { preferences: ['announcement'] },
        { preferences: { kind: 'announcement', email: true, webhook: true } },
        {},
      ];
      for (const body of invalid) {
        const answer = await put(body);
        expect({ body, status: answer.status }).toEqual({ body, status: 400 });
        expect(answer.body).toMatchObject({ statusCode: 400, code: 'validation_failed' });
      }
      const unknownKind = await put({
        preferences: [{ kind: 'no_such.kind', email: true, webhook: false }],
      });
      expect(unknownKind.body.fields).toHaveProperty(['preferences.0.kind']);
      expect(await list()).toEqual(before);
    });

    it('are per user', async () => {
      const other = await api.userWith([Role.Resident]);
      const theirs = await api.get('/api/notifications/preferences', { token: other.token });
      expect(theirs.body.preferences.find((p: any) => p.kind === 'account.created')).toMatchObject({
        email: true,
      });
    });
  });

  describe('deliveries', () => {
    it('lists deliveries for the secretariat, filtered by status and event', async () => {
      const user = await api.userWith([Role.Resident]);
      await until(
        () => Promise.resolve(mailbox.to(user.email).length),
        (count) => count > 0,
      );
      const sent = await until(
        () =>
          api.get('/api/notifications/deliveries?status=sent&pageSize=100', {
            token: secretariat.token,
          }),
        (answer) => answer.body.items.some((delivery: any) => delivery.userId === user.id),
      );
      expect(sent.status).toBe(200);
      const delivery = sent.body.items.find((item: any) => item.userId === user.id);
      expect(delivery).toEqual({
        id: expect.any(String),
        eventId: expect.any(String),
        userId: user.id,
        channel: 'email',
        status: 'sent',
        attempts: 1,
        lastError: null,
        sentAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(sent.body.items.every((item: any) => item.status === 'sent')).toBe(true);

      const ofEvent = await api.get(`/api/notifications/deliveries?eventId=${delivery.eventId}`, {
        token: secretariat.token,
      });
      expect(ofEvent.body).toMatchObject({ total: 1, items: [{ id: delivery.id }] });
      const failed = await api.get(
        `/api/notifications/deliveries?eventId=${delivery.eventId}&status=failed`,
        { token: secretariat.token },
      );
      expect(failed.body).toMatchObject({ total: 0, items: [] });

      // Only a failed delivery can be sent again.
      const retried = await api.post(
        `/api/notifications/deliveries/${delivery.id}/retry`,
        undefined,
        { token: secretariat.token },
      );
      expect(retried.status).toBe(409);
      expect(retried.body.code).toBe('delivery.not_retryable');
    });

    it('answers 404 for an unknown delivery and 400 for bad ids and filters', async () => {
      const token = secretariat.token;
      const unknown = await api.post('/api/notifications/deliveries/987654321/retry', undefined, {
        token,
      });
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('delivery.not_found');
      for (const path of [
        '/api/notifications/deliveries/abc/retry',
        '/api/notifications/deliveries/0/retry',
        `/api/notifications/deliveries/${'9'.repeat(30)}/retry`,
      ]) {
        expect({ path, status: (await api.post(path, undefined, { token })).status }).toEqual({
          path,
          status: 400,
        });
      }
      for (const query of ['?status=lost', '?eventId=abc', '?eventId=-1', '?userId=x']) {
        const answer = await api.get(`/api/notifications/deliveries${query}`, { token });
        expect({ query, status: answer.status }).toEqual({ query, status: 400 });
      }
    });
  });

  describe('access', () => {
    it.each([Role.Resident, Role.Deputy, Role.Official])(
      'refuses a %s announcements and deliveries with 403',
      async (role) => {
        const user = await api.userWith([role]);
        const announced = await api.post(
          '/api/announcements',
          { title: '冒充公告', body: '不应发出', audience: [Role.Resident] },
          { token: user.token },
        );
        expect(announced.status).toBe(403);
        const listed = await api.get('/api/notifications/deliveries', { token: user.token });
        expect(listed.status).toBe(403);
        const retried = await api.post('/api/notifications/deliveries/1/retry', undefined, {
          token: user.token,
        });
        expect(retried.status).toBe(403);

        // The signed-in routes next to them stay open to every user.
        expect(
          (await api.get('/api/notifications/preferences', { token: user.token })).status,
        ).toBe(200);
        expect(
          (await api.get('/api/notifications/unread-count', { token: user.token })).status,
        ).toBe(200);
      },
    );

    it('lets an admin use the secretariat routes', async () => {
      const token = await api.adminToken();
      expect((await api.get('/api/notifications/deliveries', { token })).status).toBe(200);
      const announced = await api.post(
        '/api/announcements',
        { title: '管理员公告', body: '内容', audience: [Role.Secretariat] },
        { token },
      );
      expect(announced.status).toBe(201);
    });
  });
});
