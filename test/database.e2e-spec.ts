import pg from 'pg';
import { MIGRATIONS } from '@app/database';
import { TestApp } from './support/test-app.js';
import { TestCluster } from './support/test-cluster.js';

async function queryDatabase<T>(databaseUrl: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('database start-up', () => {
  it('creates a missing database and migrates it once when three instances start together', async () => {
    const cluster = await TestCluster.start(3);
    try {
      const applied = await queryDatabase<{ name: string }>(
        cluster.databaseUrl,
        'SELECT name FROM migrations ORDER BY id',
      );
      expect(applied.map((row) => row.name)).toEqual(MIGRATIONS.map((migration) => migration.name));
      const admins = await queryDatabase<{ count: string }>(
        cluster.databaseUrl,
        `SELECT count(*) FROM users WHERE 'admin' = ANY(roles)`,
      );
      expect(admins[0].count).toBe('1');
      for (const app of cluster.apps) {
        expect((await app.get('/api/health')).status).toBe(200);
      }
    } finally {
      await cluster.stop();
    }
  });

  it('never synchronizes the schema from the entities', async () => {
    const api = await TestApp.start();
    try {
      const dataSource = api.app.get((await import('typeorm')).DataSource);
      expect(dataSource.options.synchronize).toBe(false);
      expect(dataSource.options.migrationsRun).toBe(false);
    } finally {
      await api.stop();
    }
  });
});
