import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Role } from '@app/common';
import { createWorkerApp } from '../apps/worker/src/create-worker-app.js';
import { ballotingCycle, makeDeputies, type Deputy } from './support/ballot-session.js';
import { Mailbox } from './support/mailbox.js';
import { pollUntil } from './support/notification-faults.js';
import { TestApp } from './support/test-app.js';

describe('ballot notifications: opened, closing soon, counted', () => {
  let api: TestApp;
  let worker: INestApplicationContext;
  let mailbox: Mailbox;
  let db: DataSource;

  beforeAll(async () => {
    mailbox = await Mailbox.start();
    api = await TestApp.start({ SMTP_URL: mailbox.url, BALLOT_SCHEDULE_EVERY_MS: '300' });
    db = api.app.get(DataSource);
  });
  afterAll(async () => {
    await worker?.close();
    await api.stop();
    await mailbox.stop();
  });

  /** Who holds an inbox notification of this kind about this ballot, and how many each. */
  async function inbox(kind: string, ballotId: string): Promise<Map<string, number>> {
    const rows = await db.query<{ user_id: string; n: number }[]>(
      `SELECT user_id, count(*)::int AS n FROM notifications
       WHERE kind = $1 AND link = $2 GROUP BY user_id`,
      [kind, `/ballots/${ballotId}`],
    );
    return new Map(rows.map((row) => [row.user_id, row.n]));
  }

  const ids = (deputies: Deputy[]) => deputies.map((deputy) => deputy.id).sort();

  it('tells the electorate, reminds only those who have not voted, once, and announces the count', async () => {
    const secretariat = await api.userWith([Role.Secretariat]);
    const resident = await api.userWith([Role.Resident]);
    const deputies = await makeDeputies(api, 6);
    const cycle = await ballotingCycle(api, secretariat, resident, { candidates: 3, seats: 1 });
    const as = { token: secretariat.token };
    const created = await api.post(
      `/api/cycles/${cycle.id}/ballots`,
      { kind: 'selection', closesAt: new Date(Date.now() + 30 * 60_000).toISOString() },
      as,
    );
    expect(created.status).toBe(201);
    const ballotId = created.body.id as string;

    // Two deputies vote before the worker, which sends reminders and notices, starts.
    expect((await api.post(`/api/ballots/${ballotId}/open`, {}, as)).status).toBe(200);
    for (const deputy of deputies.slice(0, 2)) {
      const cast = await api.post(
        `/api/ballots/${ballotId}/votes`,
        { choices: [{ candidateId: cycle.candidateIds[0], mark: 'for' }] },
        { token: deputy.token },
      );
      expect(cast.status).toBe(201);
    }
    worker = await createWorkerApp(api.config);

    const opened = await pollUntil(
      () => inbox('ballot.opened', ballotId),
      (seen) => seen.size >= deputies.length,
      15_000,
    );
    expect([...opened.keys()].sort()).toEqual(ids(deputies));
    expect([...opened.values()].every((n) => n === 1)).toBe(true);

    // The ballot closes within the hour: the schedule reminds who has not voted, once.
    const reminded = await pollUntil(
      () => inbox('ballot.closing_soon', ballotId),
      (seen) => seen.size >= 4,
      15_000,
    );
    expect([...reminded.keys()].sort()).toEqual(ids(deputies.slice(2)));
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // several more schedule runs
    const remindedLater = await inbox('ballot.closing_soon', ballotId);
    expect([...remindedLater.values()]).toEqual([1, 1, 1, 1]);

    expect((await api.post(`/api/ballots/${ballotId}/close`, {}, as)).status).toBe(200);
    const counted = await api.post(
      `/api/ballots/${ballotId}/count`,
      { shares: created.body.keyShares.slice(0, 2) },
      as,
    );
    expect(counted.status).toBe(200);
    const announced = await pollUntil(
      () => inbox('ballot.counted', ballotId),
      (seen) => seen.size >= deputies.length + 1,
      15_000,
    );
    expect([...announced.keys()].sort()).toEqual([...ids(deputies), secretariat.id].sort());
    expect(announced.has(resident.id)).toBe(false);
  });
});
