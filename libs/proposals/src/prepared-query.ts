import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * A statement sent as a named prepared statement: each pooled connection parses and plans it
 * once, then only binds and runs it. For the public list, planning was half of PostgreSQL's
 * time per request. The name follows the text, so each variant of a query gets its own.
 */
export async function queryPrepared<T extends object>(
  dataSource: DataSource,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const name = `minsheng_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
  const result = await pool.query<T>({ name, text, values });
  return result.rows;
}
