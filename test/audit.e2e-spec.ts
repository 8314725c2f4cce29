import pg from 'pg';
import { GENESIS_HASH, linkHash } from '@app/audit';
import { Role } from '@app/common';
import { TestApp } from './support/test-app.js';

interface Entry {
  seq: string;
  occurredAt: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

const HASH = /^[0-9a-f]{64}$/;

describe('audit log', () => {
  let api: TestApp;
  let token: string;
  let db: pg.Client;

  beforeAll(async () => {
    api = await TestApp.start();
    token = (await api.userWith([Role.Secretariat])).token;
    for (const name of ['区水务局', '区交通局', '区环保局', '区文旅局']) {
      expect((await api.post('/api/departments', { name }, { token })).status).toBe(201);
    }
    db = new pg.Client({ connectionString: api.config.database.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await api?.stop();
  });

  async function entries(): Promise<Entry[]> {
    const answer = await api.get('/api/audit?pageSize=100', { token });
    expect(answer.status).toBe(200);
    expect(answer.body.total).toBe(answer.body.items.length);
    return answer.body.items;
  }

  async function verify() {
    const answer = await api.get('/api/audit/verify', { token });
    expect(answer.status).toBe(200);
    return answer.body;
  }

  /** Runs a statement with the append-only trigger off, as a superuser covering tracks would. */
  async function tamper(sql: string, params: unknown[]): Promise<void> {
    await db.query('ALTER TABLE audit_entries DISABLE TRIGGER USER');
    try {
      await db.query(sql, params);
    } finally {
      await db.query('ALTER TABLE audit_entries ENABLE TRIGGER USER');
    }
  }

  it('lists entries newest first, each linked to the one before', async () => {
    const list = await entries();
    expect(list.length).toBeGreaterThanOrEqual(6);
    expect(list.map((entry) => Number(entry.seq))).toEqual(
      list.map((_entry, index) => list.length - index),
    );
    for (const [index, entry] of list.entries()) {
      expect(entry.hash).toMatch(HASH);
      expect(entry.prevHash).toBe(list[index + 1]?.hash ?? GENESIS_HASH);
    }
    expect(list[0]).toMatchObject({
      action: 'department.created',
      entityType: 'department',
      details: { name: '区文旅局' },
    });
  });

  it('filters by action', async () => {
    const answer = await api.get('/api/audit?action=department.created', { token });
    expect(answer.body.total).toBe(4);
    expect(answer.body.items.every((entry: Entry) => entry.action === 'department.created')).toBe(
      true,
    );
  });

  it('verifies an intact chain', async () => {
    expect(await verify()).toEqual({ ok: true, entries: (await entries()).length });
  });

  describe('the database', () => {
    it.each([
      ['UPDATE', `UPDATE audit_entries SET details = '{}' WHERE seq = 2`],
      ['DELETE', 'DELETE FROM audit_entries WHERE seq = 2'],
      ['TRUNCATE', 'TRUNCATE audit_entries'],
    ])('refuses %s while the trigger is on', async (_label, sql) => {
      const before = await entries();
      await expect(db.query(sql)).rejects.toThrow(/append-only/);
      expect(await entries()).toEqual(before);
    });
  });

  describe('tampering', () => {
    let middle: Entry;
    beforeAll(async () => {
      const list = await entries();
      middle = list[Math.floor(list.length / 2)];
    });

    const restore = () =>
      tamper('UPDATE audit_entries SET details = $2, hash = $3 WHERE seq = $1', [
        middle.seq,
        JSON.stringify(middle.details),
        middle.hash,
      ]);

    it('reports an entry whose details were changed', async () => {
      await tamper(
        `UPDATE audit_entries SET details = details || '{"name": "假部门"}' WHERE seq = $1`,
        [middle.seq],
      );
      expect(await verify()).toEqual({
        ok: false,
        entries: Number(middle.seq),
        brokenAt: middle.seq,
      });
      await restore();
      expect((await verify()).ok).toBe(true);
    });

    it('reports the next entry when the changed entry was also rehashed', async () => {
      const forged = {
        ...middle,
        occurredAt: new Date(middle.occurredAt),
        details: { name: '假部门' },
      };
      await tamper('UPDATE audit_entries SET details = $2, hash = $3 WHERE seq = $1', [
        middle.seq,
        JSON.stringify(forged.details),
        linkHash(middle.prevHash, forged),
      ]);
      const next = String(Number(middle.seq) + 1);
      expect(await verify()).toEqual({ ok: false, entries: Number(next), brokenAt: next });
      await restore();
      expect((await verify()).ok).toBe(true);
    });

    it('reports an entry deleted from the middle', async () => {
      await tamper('DELETE FROM audit_entries WHERE seq = $1', [middle.seq]);
      const next = String(Number(middle.seq) + 1);
      expect(await verify()).toMatchObject({ ok: false, brokenAt: next });
    });

    it('left the append-only trigger on', async () => {
      await expect(db.query('DELETE FROM audit_entries')).rejects.toThrow(/append-only/);
    });
  });
});
