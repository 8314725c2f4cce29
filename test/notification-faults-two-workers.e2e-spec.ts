import { getQueueToken } from '@nestjs/bull';
import type { INestApplicationContext } from '@nestjs/common';
import type { Queue } from 'bull';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { Role } from '@app/common';
import { EVENTS_QUEUE, EventJob, type DispatchEventPayload } from '@app/queues';
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

const RESIDENTS = 300;

/**
 * Two in-process workers (two relays, two sets of processors) and the API on one database and
 * one queue prefix: each event is fanned out into one delivery per recipient, and each delivery
 * is sent once — also when the same event is dispatched several times at once, as Bull's
 * at-least-once delivery may do after a stalled job is handed back.
 */
describe('two workers and two relays on one event', () => {
  let mailbox: Mailbox;
  let api: TestApp;
  let workers: INestApplicationContext[] = [];
  let db: DataSource;
  let emails: string[];
  let secretariatToken: string;

  beforeAll(async () => {
    mailbox = await Mailbox.start();
    api = await TestApp.start({ SMTP_URL: mailbox.url });
    db = api.app.get(DataSource);
    workers = await Promise.all([createWorkerApp(api.config), createWorkerApp(api.config)]);
    emails = await seedResidents(db, RESIDENTS, {
      tag: 'two-workers',
      emailEvery: 1,
      phonePrefix: '138',
    });
    secretariatToken = (await api.userWith([Role.Secretariat])).token;
    await mailbox.waitFor(2); // the bootstrap admin's and the secretariat's welcomes
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    await api?.stop();
    await mailbox?.stop();
  });

  /** Announces over HTTP; waits until every email is sent. */
  async function announceAndWait(title: string, dispatchAgain: number) {
    const eventId = await announceToResidents(api, secretariatToken, title);
    // Extra dispatch jobs of the same event, under other job ids, on both workers' queues.
    await Promise.all(
      Array.from({ length: dispatchAgain }, (_, n) =>
        workers[n % 2]
          .get<Queue<DispatchEventPayload>>(getQueueToken(EVENTS_QUEUE), { strict: false })
          .add(EventJob.Dispatch, { eventId }, { jobId: `event:${eventId}:again-${n}` }),
      ),
    );
    const started = Date.now();
    await pollUntil(
      () => countsOf(db, eventId),
      (counts) => counts.notifications >= RESIDENTS && counts.sent >= RESIDENTS,
      30_000,
    );
    console.info(`two-workers: "${title}" sent to ${RESIDENTS} in ${Date.now() - started} ms`);
    await sleep(1_500); // a duplicate would arrive within this time
    return eventId;
  }

  /** What each dispatch job of the event returned, and when it ran, once all have finished. */
  async function dispatchesOf(eventId: string, dispatchAgain: number) {
    const queue = workers[0].get<Queue<DispatchEventPayload>>(getQueueToken(EVENTS_QUEUE), {
      strict: false,
    });
    const ids = [
      `event:${eventId}`,
      ...Array.from({ length: dispatchAgain }, (_, n) => `event:${eventId}:again-${n}`),
    ];
    return Promise.all(
      ids.map(async (id) => {
        const job = await queue.getJob(id);
        if (!job) {
          throw new Error(`no job ${id}`);
        }
        const result = (await job.finished()) as { recipients: number };
        const finished = await queue.getJob(id);
        return {
          recipients: result.recipients,
          ran: [finished!.processedOn!, finished!.finishedOn!] as const,
        };
      }),
    );
  }

  it('sends each delivery once', async () => {
    const mailsBefore = mailbox.received.length;
    const eventId = await announceAndWait('两个工作进程', 0);

    expect(await countsOf(db, eventId)).toEqual({
      notifications: RESIDENTS,
      notifiedUsers: RESIDENTS,
      deliveries: RESIDENTS,
      deliveryKeys: RESIDENTS,
      sent: RESIDENTS,
      pending: 0,
      failed: 0,
    });
    const [attempts] = await db.query<{ max: number }[]>(
      'SELECT max(attempts)::int AS max FROM deliveries WHERE event_id = $1',
      [eventId],
    );
    expect(attempts.max).toBe(1);
    expect(mailCountsOtherThan(mailbox.received, emails, 1)).toEqual({});
    expect(mailbox.received).toHaveLength(mailsBefore + RESIDENTS);
  });

  it('sends each delivery once when the same event is dispatched four times at once', async () => {
    const mailsBefore = mailbox.received.length;
    const eventId = await announceAndWait('重复派发', 3);
    const dispatches = await dispatchesOf(eventId, 3);
    // Every dispatch fanned out the whole audience; the unique keys and row locks kept it single.
    expect(dispatches.map((dispatch) => dispatch.recipients)).toEqual([
      RESIDENTS,
      RESIDENTS,
      RESIDENTS,
      RESIDENTS,
    ]);
    const overlapping = dispatches.filter(({ ran }) =>
      dispatches.some(
        (other) => other.ran !== ran && other.ran[0] < ran[1] && ran[0] < other.ran[1],
      ),
    ).length;
    console.info(`two-workers: ${overlapping} of 4 dispatches of one event ran at the same time`);

    expect(await countsOf(db, eventId)).toEqual({
      notifications: RESIDENTS,
      notifiedUsers: RESIDENTS,
      deliveries: RESIDENTS,
      deliveryKeys: RESIDENTS,
      sent: RESIDENTS,
      pending: 0,
      failed: 0,
    });
    // Two announcements in all: two mails per address.
    expect(mailCountsOtherThan(mailbox.received, emails, 2)).toEqual({});
    expect(mailbox.received).toHaveLength(mailsBefore + RESIDENTS);
  });
});
