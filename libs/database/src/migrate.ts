import type { DataSource, Migration } from 'typeorm';

/** Arbitrary but fixed: every Minsheng process takes this lock to migrate. */
const MIGRATION_LOCK_KEY = 7_270_443_501;

/**
 * Runs the pending migrations while holding a PostgreSQL advisory lock, so that several
 * instances starting at once migrate one after another: the first does the work, the others
 * find nothing pending.
 */
export async function migrate(dataSource: DataSource): Promise<Migration[]> {
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    await lockRunner.release();
  }
}
