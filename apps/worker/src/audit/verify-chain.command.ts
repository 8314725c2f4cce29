import { DataSource } from 'typeorm';
import { AuditService, type ChainCheck } from '@app/audit';
import type { AppConfig } from '@app/config';
import { dataSourceOptions } from '@app/database';

export const EXIT_INTACT = 0;
export const EXIT_BROKEN = 1;

/** One line for a person or a monitoring script to read. */
export function describeChainCheck(check: ChainCheck): string {
  if (check.ok) {
    return `审计链完好 / ok: ${check.entries} entries`;
  }
  // `entries` counts the broken entry too; the line names the intact ones before it.
  return `审计链断裂 / BROKEN at seq ${check.brokenAt} after ${check.entries - 1} entries`;
}

/**
 * Verifies the chain over a plain connection in read-only mode: no migrations run and no
 * database is created, so pointing the command at the wrong server changes nothing there.
 */
export async function verifyChainCommand(
  config: AppConfig,
): Promise<{ exitCode: number; line: string }> {
  const dataSource = await new DataSource({
    ...dataSourceOptions(config.database.url),
    extra: {
      max: 1,
      application_name: 'minsheng-audit-verify',
      options: '-c default_transaction_read_only=on',
    },
  }).initialize();
  try {
    const check = await new AuditService(dataSource).verify();
    return { exitCode: check.ok ? EXIT_INTACT : EXIT_BROKEN, line: describeChainCheck(check) };
  } finally {
    await dataSource.destroy();
  }
}
