import type { INestApplicationContext } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { Role } from '@app/common';
import { EventType } from '@app/outbox';
import { createWorkerApp } from '../apps/worker/src/create-worker-app.js';
import { Mailbox } from './support/mailbox.js';
import { countsOf, mailCountsOtherThan, pollUntil } from './support/notification-faults.js';
import { SpareRedis } from './support/spare-redis.js';
import { TestApp } from './support/test-app.js';

interface OutboxRow {
  id: string;
  type: string;
  dispatched: boolean;
}

/**
 * The API and an in-process worker on a Redis of the test's own, which the test stops: requests
 * keep committing (their events wait in the outbox), and once Redis is back every notification
 * arrives exactly once.
 */
describe('notifications through a Redis outage', () => {
  const redis = new SpareRedis(6392);
  let redisUp = false;
  let mailbox: Mailbox;
  let api: TestApp;
  let worker: INestApplicationContext;
  let db: DataSource;
  let secretariat: { id: string; email: string; token: string };

  beforeAll(async () => {
    await redis.start();
    redisUp = true;
    mailbox = await Mailbox.start();
    api = await TestApp.start({ REDIS_URL: redis.url, SMTP_URL: mailbox.url });
    worker = await createWorkerApp(api.config);
    db = api.app.get(DataSource);
    secretariat = await api.userWith([Role.Secretariat]);
    // The bootstrap admin's and the secretariat's welcomes: the worker is through with them.
    await mailbox.waitFor(2);
  });

  afterAll(async () => {
    try {
      // Even when the test failed half-way: the worker and the app close only with Redis up.
      if (!redisUp) {
        await redis.start();
      }
      await worker?.close();
      await api?.stop();
    } finally {
      await redis.stop();
      await mailbox?.stop();
    }
  });

  it('the API keeps committing while Redis is down; afterwards every item and email arrives exactly once', async () => {
    const mailsBefore = mailbox.received.length;
    const [{ lastEventId }] = await db.query<{ lastEventId: string }[]>(
      'SELECT COALESCE(max(id), 0)::text AS "lastEventId" FROM outbox_events',
    );
    await redis.stop();
    redisUp = false;

    const health = await api.get('/api/health');
    expect(health.status).toBe(503);
    expect(health.body.details).toMatchObject({
      database: { status: 'up' },
      redis: { status: 'down' },
    });

    // Residents register (four by email, two by phone only) and the secretariat announces.
    const residents: { id: string; email?: string }[] = [];
    for (let n = 1; n <= 6; n += 1) {
      const contact = n <= 4 ? { email: `outage-${n}@minsheng.test` } : { phone: `1370000000${n}` };
      const answer = await api.post('/api/auth/register', {
        ...contact,
        password: 'password-123',
        displayName: `停电居民${n}`,
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      residents.push({ id: answer.body.user.id as string, email: contact.email });
    }
    const announcement = await api.post(
      '/api/announcements',
      { title: '停电期间的公告', body: '队列恢复后应当送达。', audience: [Role.Resident] },
      { token: secretariat.token },
    );
    expect(announcement.status, JSON.stringify(announcement.body)).toBe(201);
    const residentEmails = residents.flatMap((resident) =>
      resident.email ? [resident.email] : [],
    );

    const readOutbox = () =>
      db.query<OutboxRow[]>(
        `SELECT id, type, dispatched_at IS NOT NULL AS dispatched FROM outbox_events
         WHERE id > $1 ORDER BY id`,
        [lastEventId],
      );
    const committed = await readOutbox();
    expect(committed.map((event) => event.type)).toEqual([
      ...residents.map(() => EventType.AccountCreated),
      EventType.Announcement,
    ]);
    const announcementEvent = committed.at(-1)!.id;

    // Longer than the relay's 5 s wait for the queue: it gives up and keeps the events waiting.
    await sleep(7_000);
    expect(await readOutbox()).toEqual(committed.map((event) => ({ ...event, dispatched: false })));
    const [{ n: inboxDuringOutage }] = await db.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM notifications WHERE event_id > $1',
      [lastEventId],
    );
    expect(inboxDuringOutage).toBe(0);
    expect(mailbox.received).toHaveLength(mailsBefore);
    expect((await api.get('/api/health')).status).toBe(503);
    expect(
      (await api.post('/api/auth/login', { login: residentEmails[0], password: 'password-123' }))
        .status,
    ).toBe(200);

    // Redis comes back (empty: it keeps nothing on disk).
    const restartedAt = Date.now();
    await redis.start();
    redisUp = true;
    const expectedMails = residentEmails.length * 2; // a welcome and the announcement each
    await pollUntil(readOutbox, (events) => events.every((event) => event.dispatched), 30_000);
    const relayedAfter = Date.now() - restartedAt;
    await mailbox.waitFor(mailsBefore + expectedMails, 30_000);
    const announced = await pollUntil(
      () => countsOf(db, announcementEvent),
      (counts) => counts.sent === residentEmails.length,
      30_000,
    );
    console.info(
      `redis-outage: Redis back; events relayed after ${relayedAfter} ms, ` +
        `everything arrived after ${Date.now() - restartedAt} ms`,
    );
    await sleep(1_500); // a duplicate would arrive within this time

    expect((await readOutbox()).every((event) => event.dispatched)).toBe(true);
    expect(announced).toMatchObject({ notifications: residents.length });
    expect(await countsOf(db, announcementEvent)).toEqual({
      notifications: residents.length,
      notifiedUsers: residents.length,
      deliveries: residentEmails.length,
      deliveryKeys: residentEmails.length,
      sent: residentEmails.length,
      pending: 0,
      failed: 0,
    });
    const inbox = await db.query<{ user_id: string; kind: string; n: number }[]>(
      `SELECT user_id, kind, count(*)::int AS n FROM notifications WHERE event_id > $1
       GROUP BY user_id, kind ORDER BY kind, user_id`,
      [lastEventId],
    );
    const byUser = (kind: string) =>
      residents
        .map((resident) => ({ user_id: resident.id, kind, n: 1 }))
        .sort((a, b) => a.user_id.localeCompare(b.user_id));
    expect(inbox).toEqual([...byUser(EventType.AccountCreated), ...byUser(EventType.Announcement)]);
    const [deliveries] = await db.query<{ total: number; sent: number }[]>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'sent')::int AS sent
       FROM deliveries WHERE event_id > $1`,
      [lastEventId],
    );
    expect(deliveries).toEqual({ total: expectedMails, sent: expectedMails });

    expect(mailCountsOtherThan(mailbox.received, residentEmails, 2)).toEqual({});
    expect(mailbox.received).toHaveLength(mailsBefore + expectedMails);
    for (const email of residentEmails) {
      const welcomes = mailbox.to(email).filter((mail) => mail.raw.includes('Welcome to Minsheng'));
      expect(welcomes, email).toHaveLength(1);
    }
    expect((await api.get('/api/health')).status).toBe(200);
  }, 60_000);
});
