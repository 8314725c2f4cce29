import { setTimeout as sleep } from 'node:timers/promises';
import { getQueueToken } from '@nestjs/bull';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import Bull, { type Queue } from 'bull';
import { Logger } from 'nestjs-pino';
import pg from 'pg';
import { AUDIT_QUEUE, AuditJob, DECLARED_JOBS } from '@app/queues';
import { SCHEDULED_VERIFICATION_ID } from '../apps/worker/src/audit/audit-chain.schedule.js';
import { verifyChainCommand } from '../apps/worker/src/audit/verify-chain.command.js';
import { createWorkerApp } from '../apps/worker/src/create-worker-app.js';
import { DECLARED_QUEUE_JOBS } from '../apps/worker/src/job-handlers/job-handlers.check.js';
import { UnhandledJobsError } from '../apps/worker/src/job-handlers/unhandled-jobs.js';
import { WorkerModule } from '../apps/worker/src/worker.module.js';
import { TestApp } from './support/test-app.js';

const POLL_TIMEOUT_MS = 10_000;

interface Verification {
  trigger: string;
  requestedBy: string | null;
  ok: boolean;
  entries: number;
  brokenAt: string | null;
}

describe('worker: API → Redis → worker', () => {
  let api: TestApp;
  let worker: INestApplicationContext | undefined;
  let adminToken: string;
  let adminId: string;

  beforeAll(async () => {
    api = await TestApp.start();
    // The same config: the same database and the same Redis key prefix as the API.
    worker = await createWorkerApp(api.config);
    adminToken = await api.adminToken();
    adminId = (await api.get('/api/auth/me', { token: adminToken })).body.id;
  });

  afterAll(async () => {
    // The worker holds connections to the test database, which api.stop() drops.
    await worker?.close();
    await api?.stop();
  });

  function auditQueue(): Queue {
    return api.app.get<Queue>(getQueueToken(AUDIT_QUEUE), { strict: false });
  }

  async function requestVerification(): Promise<void> {
    const answer = await api.post('/api/audit/verifications', undefined, { token: adminToken });
    expect(answer.status).toBe(202);
    expect(answer.body.jobId).toEqual(expect.any(String));
  }

  /** Polls the recorded outcomes until one matches, for a bounded time. */
  async function waitForVerification(
    matches: (verification: Verification) => boolean,
  ): Promise<Verification> {
    const deadline = Date.now() + POLL_TIMEOUT_MS;
    for (;;) {
      const page = await api.get('/api/audit/verifications?pageSize=100', { token: adminToken });
      expect(page.status).toBe(200);
      const found = (page.body.items as Verification[]).find(matches);
      if (found) {
        return found;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `No matching verification in ${POLL_TIMEOUT_MS} ms: ${JSON.stringify(page.body)}`,
        );
      }
      await sleep(100);
    }
  }

  async function addDepartments(count: number): Promise<void> {
    for (let index = 0; index < count; index += 1) {
      const answer = await api.post(
        '/api/departments',
        { name: `民政局-${index}-${Date.now()}` },
        { token: adminToken },
      );
      expect(answer.status).toBe(201);
    }
  }

  it('verifies the chain when the API asks, and records who asked', async () => {
    await addDepartments(2);
    await requestVerification();
    const verification = await waitForVerification(
      (candidate) => candidate.trigger === 'requested' && candidate.requestedBy === adminId,
    );
    expect(verification).toMatchObject({ ok: true, brokenAt: null });
    expect(verification.entries).toBeGreaterThanOrEqual(2);
  });

  it('schedules the periodic verification exactly once, however many workers start', async () => {
    const queue = auditQueue();
    // Left behind by an earlier deployment with another cron: must go.
    await queue.add(
      AuditJob.VerifyChain,
      { trigger: 'scheduled', requestedBy: null },
      { jobId: SCHEDULED_VERIFICATION_ID, repeat: { cron: '0 3 * * *' } },
    );
    const more = await Promise.all([createWorkerApp(api.config), createWorkerApp(api.config)]);
    try {
      const schedules = (await queue.getRepeatableJobs()).filter(
        (repeatable) => repeatable.name === AuditJob.VerifyChain,
      );
      expect(schedules).toEqual([
        expect.objectContaining({
          id: SCHEDULED_VERIFICATION_ID,
          cron: api.config.audit.verifyCron,
        }),
      ]);
      const nextRuns = (await queue.getDelayed()).filter(
        (job) => job.name === AuditJob.VerifyChain,
      );
      expect(nextRuns).toHaveLength(1);
      expect(nextRuns[0].data).toEqual({ trigger: 'scheduled', requestedBy: null });
    } finally {
      await Promise.all(more.map((instance) => instance.close()));
    }
  });

  it('refuses to start, before taking any job, when a declared job has no handler', async () => {
    const startProcessing = vi.spyOn(
      (Bull as unknown as { prototype: Queue }).prototype,
      'process',
    );
    const moduleRef = await Test.createTestingModule({
      imports: [WorkerModule.register(api.config)],
    })
      .overrideProvider(DECLARED_QUEUE_JOBS)
      .useValue({ ...DECLARED_JOBS, [AUDIT_QUEUE]: [...DECLARED_JOBS[AUDIT_QUEUE], 'shred-chain'] })
      // Nest's logger is process-wide: keep it the workers' (silent) pino, not Nest's test logger.
      .setLogger(worker!.get(Logger))
      .compile();
    try {
      const started = moduleRef.init();
      await expect(started).rejects.toThrow(UnhandledJobsError);
      await expect(started).rejects.toThrow(`queue "${AUDIT_QUEUE}" job "shred-chain"`);
      expect(startProcessing).not.toHaveBeenCalled();
    } finally {
      startProcessing.mockRestore();
      await moduleRef.close();
    }
  });

  it('audit:verify reports an intact chain with exit code 0', async () => {
    const { exitCode, line } = await verifyChainCommand(api.config);
    expect(exitCode).toBe(0);
    expect(line).toMatch(/ok: \d+ entries/);
  });

  // Last: it breaks this database's chain for good.
  it('finds a tampered entry and names its seq', async () => {
    await addDepartments(2);
    const database = new pg.Client({ connectionString: api.config.database.url });
    await database.connect();
    let tamperedSeq: string;
    try {
      const { rows } = await database.query<{ seq: string }>(
        'SELECT seq FROM audit_entries ORDER BY seq',
      );
      expect(rows.length).toBeGreaterThanOrEqual(3);
      tamperedSeq = rows[1].seq;
      // What someone with the database's superuser could do; the hash chain must show it.
      await database.query('BEGIN');
      await database.query('ALTER TABLE audit_entries DISABLE TRIGGER USER');
      await database.query(
        `UPDATE audit_entries SET details = details || '{"name": "改过的"}'::jsonb WHERE seq = $1`,
        [tamperedSeq],
      );
      await database.query('ALTER TABLE audit_entries ENABLE TRIGGER USER');
      await database.query('COMMIT');
    } finally {
      await database.end();
    }

    await requestVerification();
    const verification = await waitForVerification(
      (candidate) => candidate.trigger === 'requested' && !candidate.ok,
    );
    expect(verification).toMatchObject({ requestedBy: adminId, brokenAt: tamperedSeq });

    const command = await verifyChainCommand(api.config);
    expect(command.exitCode).toBe(1);
    expect(command.line).toContain(
      `BROKEN at seq ${tamperedSeq} after ${Number(tamperedSeq) - 1} entries`,
    );
  });
});
