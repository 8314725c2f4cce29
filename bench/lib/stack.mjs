// One scenario's own stack: a fresh database, its own Redis prefix, a free port, and the built
// API and worker as child processes. Everything is removed afterwards, even on failure.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { onCleanup } from './cleanup.mjs';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const API_ENTRY = join(ROOT, 'dist/apps/api/src/main.js');
export const WORKER_ENTRY = join(ROOT, 'dist/apps/worker/src/main.js');
/** The API's Node flags, as `npm run start:api` (package.json) gives them: measure what runs. */
export const API_NODE_FLAGS = apiNodeFlags();

const POSTGRES_SERVER = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const START_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 12_000;

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** The environment shared by a scenario's API and worker. Nothing is inherited but PATH and HOME. */
function baseEnvironment({ databaseUrl, queuePrefix, port }) {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    PORT: String(port),
    JWT_SECRET: randomBytes(32).toString('hex'),
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    // Nothing listens there unless the scenario gives its own SMTP server.
    SMTP_URL: 'smtp://127.0.0.1:9',
    LOG_LEVEL: 'warn',
  };
}

/** A child process whose output goes to a log file, with its last lines kept for error messages. */
class Child {
  constructor(name, entry, env, logDir, nodeFlags = []) {
    this.name = name;
    this.logPath = join(logDir, `${name}.log`);
    this.tail = [];
    this.exited = null;
    this.listeners = [];
    const log = createWriteStream(this.logPath);
    this.process = spawn(process.execPath, [...nodeFlags, entry], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.pid = this.process.pid;
    const take = (chunk) => {
      log.write(chunk);
      for (const text of chunk.toString('utf8').split('\n')) {
        if (!text) continue;
        this.tail.push(text);
        if (this.tail.length > 40) this.tail.shift();
        for (const listener of this.listeners) listener(text);
      }
    };
    this.process.stdout.on('data', take);
    this.process.stderr.on('data', take);
    this.exitedPromise = new Promise((resolveExit) => {
      this.process.on('exit', (code, signal) => {
        this.exited = { code, signal };
        log.end();
        resolveExit(this.exited);
      });
    });
  }

  get running() {
    return this.exited === null;
  }

  describeFailure(what) {
    const how = this.exited ? ` (exited with ${this.exited.code ?? this.exited.signal})` : '';
    return `${this.name} ${what}${how}; last lines of ${this.logPath}:\n    ${this.tail.slice(-15).join('\n    ')}`;
  }

  /** Resolves when a line of output matches `pattern`; rejects if the process exits first. */
  waitForLine(pattern, timeoutMs) {
    return new Promise((resolveLine, reject) => {
      const timer = setTimeout(
        () => done(new Error(this.describeFailure('did not start in time'))),
        timeoutMs,
      );
      const listener = (text) => pattern.test(text) && done();
      const done = (error) => {
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== listener);
        error ? reject(error) : resolveLine();
      };
      this.listeners.push(listener);
      this.exitedPromise.then(() => done(new Error(this.describeFailure('stopped during start'))));
    });
  }

  /** SIGTERM (the worker drains its queues), then SIGKILL after a grace period. */
  async stop() {
    if (!this.running) return;
    this.process.kill('SIGTERM');
    const stopped = await Promise.race([this.exitedPromise, sleep(STOP_GRACE_MS, null)]);
    if (!stopped) {
      this.process.kill('SIGKILL');
      await this.exitedPromise;
    }
  }
}

async function waitForApi(child, baseUrl) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!child.running) throw new Error(child.describeFailure('stopped during start'));
    try {
      const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
      const body = await response.json().catch(() => ({}));
      // 503 can mean a queue check is unhappy; the database being up is what a scenario needs.
      if (response.ok || body?.details?.database?.status === 'up') return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(child.describeFailure('did not answer /api/health in time'));
}

async function dropDatabase(databaseUrl) {
  const name = new URL(databaseUrl).pathname.slice(1);
  const client = new pg.Client({ connectionString: `${POSTGRES_SERVER}/postgres` });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

async function deleteRedisKeys(prefix) {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/**
 * Starts a fresh stack for `scenario`, runs `work(stack)`, and always tears it down: children
 * stopped, database dropped, Redis keys deleted. Options: `api`/`worker` (booleans, default
 * true), `env` (for both), `apiEnv`, `workerEnv`.
 */
export async function withStack(scenario, options, work) {
  for (const entry of [API_ENTRY, WORKER_ENTRY]) {
    if (!existsSync(entry)) {
      throw new Error(`${entry} is missing: build first (npm run bench builds api and worker)`);
    }
  }
  const id = randomBytes(4).toString('hex');
  const databaseName = `minsheng_bench_${id}`;
  const databaseUrl = `${POSTGRES_SERVER}/${databaseName}`;
  const queuePrefix = `minsheng_bench_${id}`;
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const logDir = join(tmpdir(), `minsheng-bench-${scenario}-${id}`);
  mkdirSync(logDir, { recursive: true });
  const shared = { ...baseEnvironment({ databaseUrl, queuePrefix, port }), ...options.env };

  const children = [];
  let pool;
  const teardown = onCleanup(async () => {
    // Each step is tried even if one before it failed.
    const problems = [];
    const attempt = async (what, step) => {
      try {
        return await step();
      } catch (error) {
        problems.push(`${what}: ${error?.message ?? error}`);
        return null;
      }
    };
    await attempt('stopping the children', () =>
      Promise.all(children.map((child) => child.stop())),
    );
    await attempt('closing the pool', () => pool?.end());
    // BENCH_KEEP_DATABASE=1 keeps the seeded database for looking into afterwards (psql, pgbench).
    if (process.env.BENCH_KEEP_DATABASE === '1') console.log(`  kept ${databaseName}`);
    else await attempt(`dropping ${databaseName}`, () => dropDatabase(databaseUrl));
    const keys = await attempt(`deleting the keys ${queuePrefix}:*`, () =>
      deleteRedisKeys(queuePrefix),
    );
    if (problems.length > 0) {
      throw new Error(`cleanup incomplete — ${problems.join('; ')}`);
    }
    console.log(`  cleaned up: children stopped, ${keys} Redis keys deleted (logs in ${logDir})`);
  });

  try {
    const starting = [];
    if (options.api !== false) {
      // BENCH_API_NODE_OPTIONS: Node flags for the API only, to try runtime settings.
      const apiFlags = process.env.BENCH_API_NODE_OPTIONS
        ? { NODE_OPTIONS: process.env.BENCH_API_NODE_OPTIONS }
        : {};
      const api = new Child(
        'api',
        API_ENTRY,
        { ...shared, ...apiFlags, ...options.apiEnv },
        logDir,
        API_NODE_FLAGS,
      );
      children.push(api);
      starting.push(waitForApi(api, baseUrl));
    }
    if (options.worker !== false) {
      // The worker's start line is logged at info.
      const worker = new Child(
        'worker',
        WORKER_ENTRY,
        { ...shared, LOG_LEVEL: 'info', ...options.workerEnv },
        logDir,
      );
      children.push(worker);
      starting.push(worker.waitForLine(/Worker started/, START_TIMEOUT_MS));
    }
    const startedAt = performance.now();
    await Promise.all(starting);
    console.log(
      `  stack up in ${((performance.now() - startedAt) / 1000).toFixed(1)} s: ${baseUrl}, database ${databaseName}, prefix ${queuePrefix}`,
    );
    pool = new pg.Pool({
      connectionString: databaseUrl,
      max: 4,
      application_name: 'minsheng-bench',
    });
    const stack = {
      id,
      baseUrl,
      databaseUrl,
      databaseName,
      queuePrefix,
      logDir,
      pool,
      api: children.find((child) => child.name === 'api'),
      worker: children.find((child) => child.name === 'worker'),
      /** Throws, with the child's last log lines, if a child has stopped. */
      assertRunning() {
        for (const child of children) {
          if (!child.running) throw new Error(child.describeFailure('stopped'));
        }
      },
    };
    return await work(stack);
  } finally {
    await teardown();
  }
}

function apiNodeFlags() {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const words = scripts['start:api'].split(/\s+/);
  const entry = words.indexOf('dist/apps/api/src/main.js');
  if (words[0] !== 'node' || entry < 0) {
    throw new Error(`package.json's start:api is not "node [flags] dist/apps/api/src/main.js"`);
  }
  return words.slice(1, entry);
}
