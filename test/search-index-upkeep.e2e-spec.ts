import { setTimeout as sleep } from 'node:timers/promises';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Role } from '@app/common';
import { createWorkerApp } from '../apps/worker/src/create-worker-app.js';
import { TestApp } from './support/test-app.js';

const SEARCH_INDEXES = ['ix_proposals_title_trgm', 'ix_proposals_description_trgm'];
const MERGE_TIMEOUT_MS = 10_000;

describe('search index upkeep: the worker merges what submits leave pending', () => {
  let api: TestApp;
  let db: DataSource;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    api = await TestApp.start();
    db = api.app.get(DataSource);
    // pgstatginindex: the size of a GIN index's pending list.
    await db.query('CREATE EXTENSION IF NOT EXISTS pgstattuple');
  });
  afterAll(async () => {
    await worker?.close();
    await api.stop();
  });

  /** Entries waiting in each search index's pending list, by index. */
  async function pendingEntries(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const index of SEARCH_INDEXES) {
      const [{ pending }] = await db.query<{ pending: string }[]>(
        'SELECT (pgstatginindex($1::regclass)).pending_tuples AS pending',
        [index],
      );
      counts[index] = Number(pending);
    }
    return counts;
  }

  it('both search indexes leave merging to the worker up to 8 MB', async () => {
    const rows = await db.query<{ relname: string; reloptions: string[] | null }[]>(
      'SELECT relname, reloptions FROM pg_class WHERE relname = ANY($1) ORDER BY relname',
      [SEARCH_INDEXES],
    );
    expect(rows).toEqual(
      [...SEARCH_INDEXES]
        .sort()
        .map((relname) => ({ relname, reloptions: ['gin_pending_list_limit=8192'] })),
    );
  });

  it('submits stay pending until the worker runs; then it merges them, and search finds them', async () => {
    const secretariat = await api.userWith([Role.Secretariat]);
    const resident = await api.userWith([Role.Resident]);
    const cycleId = await api.cycle(secretariat.token);
    const ids: string[] = [];
    for (let n = 0; n < 5; n++) {
      const answer = await api.post(
        `/api/cycles/${cycleId}/proposals`,
        {
          title: `修缮第${n}栋老旧住宅楼道`,
          category: 'housing',
          description: `第${n}栋楼道灯坏了半年，台阶开裂，老人夜里上下楼不安全。`,
        },
        { token: resident.token },
      );
      expect(answer.status).toBe(201);
      ids.push(answer.body.id as string);
    }
    const beforeWorker = await pendingEntries();
    for (const index of SEARCH_INDEXES) {
      expect(beforeWorker[index]).toBeGreaterThan(0);
    }

    worker = await createWorkerApp(api.config);
    const deadline = Date.now() + MERGE_TIMEOUT_MS;
    let pending = await pendingEntries();
    while (Object.values(pending).some((count) => count > 0) && Date.now() < deadline) {
      await sleep(100);
      pending = await pendingEntries();
    }
    expect(pending).toEqual(Object.fromEntries(SEARCH_INDEXES.map((index) => [index, 0])));

    // Through each index's tree now, not its pending list.
    const found = await db.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_seqscan = off');
      await manager.query('SET LOCAL enable_indexscan = off');
      const byTitle = await manager.query<{ id: string }[]>(
        `SELECT id FROM proposals WHERE title ILIKE '%老旧住宅楼道%' ORDER BY id`,
      );
      const byDescription = await manager.query<{ id: string }[]>(
        `SELECT id FROM proposals WHERE description ILIKE '%老人夜里上下楼%' ORDER BY id`,
      );
      return {
        byTitle: byTitle.map((row) => row.id),
        byDescription: byDescription.map((row) => row.id),
      };
    });
    expect(found).toEqual({ byTitle: [...ids].sort(), byDescription: [...ids].sort() });
    const search = await api.get(
      `/api/cycles/${cycleId}/proposals?pageSize=100&q=${encodeURIComponent('上下楼')}`,
    );
    expect(search.status).toBe(200);
    expect(search.body.total).toBe(5);
  });
});
