import type { INestApplicationContext } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { Role } from '@app/common';
import { createWorkerApp } from '../apps/worker/src/create-worker-app.js';
import { Mailbox } from './support/mailbox.js';
import {
  announceToResidents,
  countsOf,
  mailCountsOtherThan,
  pollUntil,
  seedResidents,
} from './support/notification-faults.js';
import { TestApp } from './support/test-app.js';

const RESIDENTS = 12_000;
/** 600 emails: each fan-out batch queues far more sends than a worker runs at once. */
const EMAIL_EVERY = 20;

/**
 * A mail server that accepts connections but does not answer: the emails wait, the in-app inbox
 * does not. (Each send holds a database connection while it waits; with as many sends at once as
 * the pool has connections, the fan-out and the relay stalled behind them.)
 */
describe('a hanging mail server', () => {
  let mailbox: Mailbox;
  let api: TestApp;
  let worker: INestApplicationContext;
  let db: DataSource;
  let emails: string[];
  let secretariatToken: string;

  beforeAll(async () => {
    mailbox = await Mailbox.start();
    api = await TestApp.start({ SMTP_URL: mailbox.url });
    db = api.app.get(DataSource);
    emails = await seedResidents(db, RESIDENTS, {
      tag: 'hang',
      emailEvery: EMAIL_EVERY,
      phonePrefix: '136',
    });
    secretariatToken = (await api.userWith([Role.Secretariat])).token;
    mailbox.hold();
    worker = await createWorkerApp(api.config);
  }, 60_000);

  afterAll(async () => {
    mailbox?.release();
    await worker?.close();
    await api?.stop();
    await mailbox?.stop();
  });

  it('does not hold up the in-app inbox; the emails follow once it answers, each once', async () => {
    const eventId = await announceToResidents(api, secretariatToken);

    const started = Date.now();
    const inbox = await pollUntil(
      () => countsOf(db, eventId),
      (counts) => counts.notifications === RESIDENTS && counts.deliveries === emails.length,
      10_000,
    );
    console.info(
      `smtp-hang: ${inbox.notifications} inbox items in ${Date.now() - started} ms ` +
        `with ${mailbox.heldConnections} SMTP connections unanswered`,
    );
    expect(inbox).toMatchObject({
      notifications: RESIDENTS,
      notifiedUsers: RESIDENTS,
      deliveries: emails.length,
      sent: 0,
    });
    expect(mailbox.heldConnections).toBeGreaterThan(0);
    expect(mailbox.received).toHaveLength(0);

    mailbox.release();
    // Every seeded address, and the bootstrap admin's and the secretariat's welcomes.
    await mailbox.waitFor(emails.length + 2, 30_000);
    await sleep(1_500); // a duplicate would arrive within this time
    expect(await countsOf(db, eventId)).toEqual({
      notifications: RESIDENTS,
      notifiedUsers: RESIDENTS,
      deliveries: emails.length,
      deliveryKeys: emails.length,
      sent: emails.length,
      pending: 0,
      failed: 0,
    });
    expect(mailCountsOtherThan(mailbox.received, emails, 1)).toEqual({});
    expect(mailbox.received).toHaveLength(emails.length + 2);
  }, 60_000);
});
