import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { Role } from '@app/common';
import { ChildWorker, ensureBuiltWorker, workerEnvironment } from './support/child-worker.js';
import { Mailbox } from './support/mailbox.js';
import {
  announceToResidents,
  countsOf,
  mailCountsOtherThan,
  pollUntil,
  seedResidents,
} from './support/notification-faults.js';
import { TestApp } from './support/test-app.js';

const RESIDENTS = 20_000;
/** Every 50th resident has an email address: 400 emails, spread over all fan-out batches. */
const EMAIL_EVERY = 50;

/**
 * The built worker runs as a real process and is SIGKILLed after the fan-out has committed some
 * of its batches and while deliveries are in flight (the mailbox holds their connections before
 * the greeting, so the kill always catches sends half-way). A new worker process must finish the
 * job: Bull's stalled-job check hands the killed process's jobs back once their locks expire.
 */
describe('a worker killed in the middle of a fan-out', () => {
  let mailbox: Mailbox;
  let api: TestApp;
  let db: DataSource;
  let emails: string[];
  let adminEmail: string;
  const workers: ChildWorker[] = [];

  beforeAll(async () => {
    ensureBuiltWorker();
    mailbox = await Mailbox.start();
    api = await TestApp.start({ SMTP_URL: mailbox.url });
    db = api.app.get(DataSource);
    adminEmail = api.config.bootstrapAdmin!.email;
    emails = await seedResidents(db, RESIDENTS, {
      tag: 'killed',
      emailEvery: EMAIL_EVERY,
      phonePrefix: '139',
    });
  }, 120_000);

  afterAll(async () => {
    try {
      await Promise.all(workers.map((worker) => worker.kill()));
    } finally {
      await api?.stop();
      await mailbox?.stop();
    }
  });

  it('loses and duplicates nothing: every resident exactly once in the inbox, every email once', async () => {
    expect(emails).toHaveLength(RESIDENTS / EMAIL_EVERY);
    const secretariat = await api.userWith([Role.Secretariat]);

    // Sends of the first worker hang before the greeting: the kill will find them in flight.
    mailbox.hold();
    const first = ChildWorker.start(workerEnvironment(api.config));
    workers.push(first);
    const eventId = await announceToResidents(api, secretariat.token);

    // Kill as soon as the first batch has committed (before the last) and a send is in flight.
    const countInbox = async () =>
      (
        await db.query<{ n: number }[]>(
          'SELECT count(*)::int AS n FROM notifications WHERE event_id = $1',
          [eventId],
        )
      )[0].n;
    const beforeKill = await pollUntil(
      countInbox,
      (n) => (n > 0 && mailbox.heldConnections > 0) || !first.running,
      60_000,
      5,
    );
    expect(first.running, `the first worker stopped by itself:\n${first.printed}`).toBe(true);
    await first.kill();
    const atKill = await countsOf(db, eventId);
    const heldAtKill = mailbox.heldConnections;
    console.info(
      `worker-killed: killed after ${atKill.notifications} of ${RESIDENTS} inbox items, ` +
        `${atKill.deliveries} deliveries, ${heldAtKill} SMTP connections in flight`,
    );
    expect(beforeKill).toBeGreaterThan(0);
    expect(atKill.notifications).toBeLessThan(RESIDENTS);
    expect(atKill.sent).toBe(0);
    expect(heldAtKill).toBeGreaterThan(0);
    expect(mailbox.received).toHaveLength(0);

    // A new worker process; the held connections of the dead one are let go.
    mailbox.release();
    const killedAt = Date.now();
    const second = ChildWorker.start(workerEnvironment(api.config));
    workers.push(second);

    const done = await pollUntil(
      () => countsOf(db, eventId),
      (counts) =>
        !second.running ||
        (counts.notifications >= RESIDENTS && counts.sent + counts.failed >= emails.length),
      // Bull's defaults (30 s locks, a stalled check every 30 s that needs two passes, and
      // skips a pass when its timer beats the check key's expiry) take 30–120 s here.
      160_000,
      250,
    );
    // The residents' mails, and the bootstrap admin's and the secretariat's welcomes.
    await pollUntil(
      () => mailbox.received.length,
      (count) => count >= emails.length + 2,
      10_000,
    );
    console.info(`worker-killed: everything arrived ${Date.now() - killedAt} ms after the kill`);
    // Anything sent twice would arrive within this time.
    await sleep(1_500);

    expect(second.running, second.printed).toBe(true);
    expect(await countsOf(db, eventId)).toEqual({
      notifications: RESIDENTS,
      notifiedUsers: RESIDENTS,
      deliveries: emails.length,
      deliveryKeys: emails.length,
      sent: emails.length,
      pending: 0,
      failed: 0,
    });
    expect(done.notifications).toBe(RESIDENTS);
    const [inbox] = await db.query<{ users: number; items: number; notified: number }[]>(
      `SELECT count(*)::int AS users,
              (SELECT count(*) FROM notifications WHERE event_id = $1)::int AS items,
              count(*) FILTER (WHERE EXISTS (
                SELECT 1 FROM notifications n WHERE n.user_id = u.id AND n.event_id = $1))::int AS notified
       FROM users u WHERE 'resident' = ANY(u.roles)`,
      [eventId],
    );
    expect(inbox).toEqual({ users: RESIDENTS, items: RESIDENTS, notified: RESIDENTS });
    // Each send that the kill interrupted was rolled back, and sent once afterwards.
    const [attempts] = await db.query<{ max: number; min: number }[]>(
      'SELECT max(attempts)::int AS max, min(attempts)::int AS min FROM deliveries WHERE event_id = $1',
      [eventId],
    );
    expect(attempts).toEqual({ max: 1, min: 1 });

    // The mailbox: each resident's address once, the two welcomes once, nothing else.
    expect(
      mailCountsOtherThan(mailbox.received, [...emails, adminEmail, secretariat.email], 1),
    ).toEqual({});
    expect(mailbox.received).toHaveLength(emails.length + 2);
  }, 240_000);
});
