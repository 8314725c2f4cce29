import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Role } from '@app/common';
import {
  BallotDesk,
  ballotingCycle,
  expectRefusal,
  makeDeputies,
  type BallotingCycle,
  type Deputy,
} from './support/ballot-session.js';
import { ChildWorker, ensureBuiltWorker, workerEnvironment } from './support/child-worker.js';
import { pollUntil } from './support/notification-faults.js';
import { TestApp } from './support/test-app.js';

const SCHEDULE_EVERY_MS = 300;
/** Generous: a worker process takes a few seconds to start on a loaded CI machine. */
const START_TIMEOUT_MS = 60_000;
const STEP_TIMEOUT_MS = 20_000;

const BUILT_SCHEDULE = fileURLToPath(
  new URL('../dist/apps/worker/src/ballots/ballot-schedule.processor.js', import.meta.url),
);

/**
 * The built worker opens and closes ballots at `opensAt` / `closesAt`. Two worker processes run
 * the schedule against one database: each change must still happen once.
 */
describe('ballot schedule (worker processes)', () => {
  let api: TestApp;
  let desk: BallotDesk;
  let cycle: BallotingCycle;
  let deputies: Deputy[];
  const workers: ChildWorker[] = [];

  beforeAll(async () => {
    ensureBuiltWorker();
    if (!existsSync(BUILT_SCHEDULE)) {
      throw new Error('dist/ predates the ballot schedule: run `npx nest build worker` first');
    }
    api = await TestApp.start();
    const secretariat = await api.userWith([Role.Secretariat]);
    const resident = await api.userWith([Role.Resident]);
    desk = new BallotDesk(api, secretariat);
    cycle = await ballotingCycle(api, secretariat, resident, { candidates: 3, seats: 2 });
    deputies = await makeDeputies(api, 3);
    const env = {
      ...workerEnvironment(api.config),
      BALLOT_SCHEDULE_EVERY_MS: String(SCHEDULE_EVERY_MS),
    };
    workers.push(ChildWorker.start(env), ChildWorker.start(env));
  }, 120_000);

  afterAll(async () => {
    try {
      // The workers hold connections to the test database, which api.stop() drops.
      await Promise.all(workers.map((worker) => worker.kill()));
    } finally {
      await api?.stop();
    }
  });

  const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
  const statusOf = async (id: string) => (await desk.get(id)).body;
  const transitions = async (id: string) => {
    const entries = await desk.audit(id);
    return entries.filter((e) => e.action === 'ballot.opened' || e.action === 'ballot.closed');
  };

  it('opens and closes a ballot at its times, each once, with two workers running', async () => {
    // Warm-up: a ballot already due to open shows the schedule is running in the workers.
    const due = await desk.created(cycle.id, { kind: 'selection', opensAt: at(-1_000) });
    const dueSeen = await pollUntil(
      () => statusOf(due.id),
      (ballot) => ballot.status !== 'scheduled',
      START_TIMEOUT_MS,
    );
    const printed = workers.map((worker) => worker.printed).join('\n');
    expect(dueSeen.status, `the workers did not open a due ballot:\n${printed}`).toBe('open');
    const notYet = await desk.created(cycle.id, { kind: 'selection', opensAt: at(3_600_000) });

    const opensAt = at(-1_000);
    const closesAt = at(2_500);
    const ballot = await desk.created(cycle.id, { kind: 'selection', opensAt, closesAt });
    expect(ballot.status).toBe('scheduled');

    const opened = await pollUntil(
      () => statusOf(ballot.id),
      (seen) => seen.status !== 'scheduled',
      STEP_TIMEOUT_MS,
      50,
    );
    expect(opened.status).toBe('open');
    const [a] = cycle.candidateIds;
    const cast = await desk.cast(ballot.id, deputies[0], { [a]: 'for' });
    expect(cast.status).toBe(201);

    const closed = await pollUntil(
      () => statusOf(ballot.id),
      (seen) => seen.status !== 'open',
      STEP_TIMEOUT_MS,
      50,
    );
    expect(closed).toMatchObject({ status: 'closed', castCount: 1 });
    expect(Date.parse(closed.openedAt)).toBeGreaterThanOrEqual(Date.parse(opensAt));
    expect(Date.parse(closed.closedAt)).toBeGreaterThanOrEqual(Date.parse(closesAt));
    expect(Date.parse(closed.closedAt) - Date.parse(closesAt)).toBeLessThan(STEP_TIMEOUT_MS);
    expectRefusal(
      await desk.cast(ballot.id, deputies[1], { [a]: 'for' }),
      409,
      'ballot.wrong_status',
    );

    // Several more runs of the schedule on both workers change nothing.
    await new Promise((resolve) => setTimeout(resolve, 5 * SCHEDULE_EVERY_MS));
    const moves = await transitions(ballot.id);
    expect(moves.map((e) => [e.action, e.actorId, e.details.by])).toEqual([
      ['ballot.closed', null, 'schedule'],
      ['ballot.opened', null, 'schedule'],
    ]);
    expect(moves[0].details).toMatchObject({ electronic: 1, paper: 0 });
    expect((await transitions(due.id)).map((e) => e.action)).toEqual(['ballot.opened']);
    expect((await statusOf(due.id)).status).toBe('open');
    expect((await statusOf(notYet.id)).status).toBe('scheduled');
    expect(await transitions(notYet.id)).toEqual([]);

    for (const worker of workers) {
      expect(worker.running, `a worker stopped:\n${worker.printed}`).toBe(true);
    }
  }, 120_000);
});
