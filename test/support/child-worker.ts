import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AppConfig } from '@app/config';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The worker as `npm test` builds it (and as production runs it). */
export const BUILT_WORKER = fileURLToPath(
  new URL('../../dist/apps/worker/src/main.js', import.meta.url),
);

/** Builds the worker unless a build exists (`npm test` builds first; a lone file may not). */
export function ensureBuiltWorker(): void {
  if (!existsSync(BUILT_WORKER)) {
    execFileSync('npx', ['nest', 'build', 'worker'], {
      cwd: ROOT,
      stdio: 'pipe',
      timeout: 120_000,
    });
  }
}

/** The environment that makes the built worker use the test's database, Redis prefix and SMTP. */
export function workerEnvironment(config: AppConfig): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    NODE_ENV: config.environment,
    DATABASE_URL: config.database.url,
    REDIS_URL: config.redis.url,
    QUEUE_PREFIX: config.redis.queuePrefix,
    SMTP_URL: config.mail.smtpUrl,
    MAIL_FROM: config.mail.from,
    JWT_SECRET: config.jwt.accessSecret,
    JWT_REFRESH_SECRET: config.jwt.refreshSecret,
    DELIVERY_MAX_ATTEMPTS: String(config.delivery.maxAttempts),
    DELIVERY_BACKOFF_MS: String(config.delivery.backoffMs),
    AUDIT_VERIFY_CRON: config.audit.verifyCron,
    LOG_LEVEL: 'silent',
  };
}

/** `node dist/apps/worker/src/main.js` as a child process, which a test may SIGKILL. */
export class ChildWorker {
  private output = '';
  private readonly exited: Promise<number | NodeJS.Signals | null>;

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => this.append(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.append(chunk));
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => resolve(signal ?? code));
    });
  }

  static start(env: Record<string, string>): ChildWorker {
    return new ChildWorker(
      spawn(process.execPath, [BUILT_WORKER], {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Whether it is still running. */
  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** What it printed (its last 10,000 characters): a failed start explains itself here. */
  get printed(): string {
    return this.output;
  }

  /** Kills it at once, as a crash or an OOM kill would, and waits until it is gone. */
  async kill(): Promise<void> {
    if (this.running) {
      this.child.kill('SIGKILL');
    }
    await this.exited;
  }

  private append(chunk: Buffer): void {
    this.output = (this.output + chunk.toString('utf8')).slice(-10_000);
  }
}
