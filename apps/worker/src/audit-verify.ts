import 'reflect-metadata';
import { loadConfigOrExit } from '@app/config';
import { verifyChainCommand } from './audit/verify-chain.command.js';

/** Neither intact nor broken: the chain could not be read (database down, not migrated …). */
const EXIT_UNVERIFIED = 2;

const config = loadConfigOrExit();
try {
  const { exitCode, line } = await verifyChainCommand(config);
  console.log(line);
  process.exitCode = exitCode;
} catch (error) {
  console.error(
    '无法校验审计链 / Could not verify the audit chain:',
    error instanceof Error ? error.message : error,
  );
  process.exitCode = EXIT_UNVERIFIED;
}
