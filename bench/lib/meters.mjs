// Diagnostics shared by scenarios: CPU split between the API, the worker, PostgreSQL and the
// bench itself; what PostgreSQL backends are doing; exact percentiles. For finding bottlenecks.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { CpuMeter, cpuSecondsOf } from './cpu.mjs';
import { line } from './format.mjs';

/**
 * CPU of the API, the worker, the scenario's PostgreSQL backends (every backend of its database
 * but the bench's own `minsheng-bench` pool), this process and the machine.
 */
export function makeMeters(stack) {
  const pool = stack.pool;
  const backends = async () => {
    const { rows } = await pool.query(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database()
       AND application_name <> 'minsheng-bench'`,
    );
    return rows.map((row) => row.pid);
  };
  return {
    pool,
    async start() {
      const meter = {
        api: new CpuMeter(async () => [stack.api.pid]),
        worker: new CpuMeter(async () => [stack.worker.pid]),
        postgres: new LifetimeCpuMeter(backends),
        bench: process.cpuUsage(),
        machine: machineTicks(),
      };
      await Promise.all([meter.api.seconds(), meter.worker.seconds(), meter.postgres.begin()]);
      // Backends come and go (pools open and close them): look for new ones often.
      meter.poller = setInterval(() => meter.postgres.seconds().catch(() => undefined), 200);
      return meter;
    },
    /** Mean cores used over `wallSeconds`, and the CPU seconds behind them. */
    async stop(meter, wallSeconds) {
      clearInterval(meter.poller);
      const bench = process.cpuUsage(meter.bench);
      const machine = machineTicks();
      const seconds = {
        api: await meter.api.seconds(),
        worker: await meter.worker.seconds(),
        postgres: await meter.postgres.seconds(),
        bench: (bench.user + bench.system) / 1e6,
      };
      return {
        seconds,
        api: seconds.api / wallSeconds,
        worker: seconds.worker / wallSeconds,
        postgres: seconds.postgres / wallSeconds,
        bench: seconds.bench / wallSeconds,
        machineBusy:
          machine && meter.machine
            ? 1 -
              (machine.idle - meter.machine.idle) / Math.max(1, machine.total - meter.machine.total)
            : null,
      };
    },
  };
}

/**
 * Like CpuMeter, but a process first seen after `begin()` counts from its birth (CPU 0), not
 * from when it was first seen: a backend a pool opens during a measurement is counted whole.
 * (One that starts and ends between two looks is still missed: look often.)
 */
export class LifetimeCpuMeter {
  constructor(pids) {
    this.pids = pids;
    this.base = new Map();
    this.last = new Map();
  }

  async begin() {
    for (const pid of await this.pids()) {
      const seconds = cpuSecondsOf(pid);
      if (seconds != null) this.base.set(pid, seconds);
    }
  }

  async seconds() {
    for (const pid of await this.pids()) {
      const seconds = cpuSecondsOf(pid);
      if (seconds == null) continue;
      if (!this.base.has(pid)) this.base.set(pid, 0);
      this.last.set(pid, seconds);
    }
    let total = 0;
    for (const [pid, last] of this.last) total += last - this.base.get(pid);
    return total;
  }
}

/**
 * The cluster's WAL position and next transaction id, for "per operation" figures. Both are
 * cluster-wide: anything else the PostgreSQL server does at the time counts too. (Not
 * pg_stat_database: backends report to it only when idle, up to 10 s late.)
 */
export async function databaseCounters(pool) {
  const {
    rows: [row],
  } = await pool.query(
    `SELECT pg_current_wal_lsn()::text AS lsn,
            pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS xid,
            wal_fpi::bigint AS fpi, wal_sync::bigint AS syncs
     FROM pg_stat_wal`,
  );
  return row;
}

/** WAL bytes and write transactions between two `databaseCounters`, per `per` operations. */
export function describeCounters(before, after, per) {
  const lsn = (text) => {
    const [hi, lo] = text.split('/');
    return parseInt(hi, 16) * 2 ** 32 + parseInt(lo, 16);
  };
  const wal = (lsn(after.lsn) - lsn(before.lsn)) / per;
  const xids = (Number(after.xid) - Number(before.xid)) / per;
  // pg_stat_wal is reported by backends when idle, so its counts may trail by a second.
  const fpi = (Number(after.fpi) - Number(before.fpi)) / per;
  const syncs = (Number(after.syncs) - Number(before.syncs)) / per;
  return `${xids.toFixed(2)} write transactions, ${wal.toFixed(0)} bytes of WAL, ${fpi.toFixed(2)} full-page images, ${syncs.toFixed(2)} WAL syncs (cluster-wide)`;
}

/**
 * User and system (kernel) CPU seconds of one process, all its threads, from /proc; with
 * `mainThreadOnly`, of its main thread alone (a Node.js event loop). Null if unreadable.
 */
export function userSystemSecondsOf(pid, { mainThreadOnly = false } = {}) {
  try {
    const stat = readFileSync(
      mainThreadOnly ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`,
      'utf8',
    );
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
  } catch {
    return null;
  }
}

/** Busy and idle ticks of the whole machine, from /proc/stat. */
export function machineTicks() {
  try {
    const fields = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return { idle: fields[3] + (fields[4] ?? 0), total: fields.reduce((a, b) => a + b, 0) };
  } catch {
    return null;
  }
}

export function printCpu(cpu, loadBefore) {
  const ours = cpu.api + cpu.postgres + cpu.bench + cpu.worker;
  const others = cpu.machineBusy == null ? null : cpu.machineBusy * availableParallelism() - ours;
  line(
    'cpu (cores)',
    `api ${cpu.api.toFixed(2)}, postgres backends ${cpu.postgres.toFixed(2)}, bench ${cpu.bench.toFixed(2)}, worker ${cpu.worker.toFixed(2)}` +
      (cpu.machineBusy == null
        ? ''
        : `; machine ${(cpu.machineBusy * 100).toFixed(0)}% busy of ${availableParallelism()}, other processes ≈ ${Math.max(0, others).toFixed(2)}`) +
      (loadBefore ? `; load average ${loadBefore}` : ''),
  );
}

export function loadAverage() {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return null;
  }
}

/** Waits (bounded) until no backend of `applicationName` is active. Returns the seconds waited. */
export async function waitForQuiet(pool, { limitMs = 180_000, applicationName = 'minsheng' } = {}) {
  const t0 = performance.now();
  while (performance.now() - t0 < limitMs) {
    const { rows } = await pool.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()
       AND application_name = $1 AND state <> 'idle'`,
      [applicationName],
    );
    if (rows[0].n === 0) break;
    await sleep(200);
  }
  return (performance.now() - t0) / 1000;
}

/**
 * Samples what the backends of `applicationName` are doing every `everyMs`: their wait events
 * (`CPU` when none), and with `queries` the start of the statement each active one runs.
 */
export function startWaitSampler(
  pool,
  { applicationName = 'minsheng', everyMs = 100, queries = false } = {},
) {
  const seen = new Map();
  const statements = new Map();
  let samples = 0;
  let autovacuumSeen = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        const { rows } = await pool.query(
          `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') AS what,
                  regexp_replace(left(query, 200), '\\s+', ' ', 'g') AS query
           FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1
           AND state = 'active'`,
          [applicationName],
        );
        const {
          rows: [autovacuum],
        } = await pool.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND backend_type = 'autovacuum worker'`,
        );
        autovacuumSeen += autovacuum.n;
        samples += 1;
        for (const row of rows) {
          seen.set(row.what, (seen.get(row.what) ?? 0) + 1);
          if (queries) {
            const key = row.query.slice(0, 90);
            statements.set(key, (statements.get(key) ?? 0) + 1);
          }
        }
      } catch {
        // the sampler is best effort
      }
      await sleep(everyMs);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { seen, statements, samples, everyMs, autovacuumSeen };
    },
  };
}

export function printWaits(
  { seen, samples, autovacuumSeen = 0 },
  label = 'active app backends (mean)',
) {
  if (samples === 0) return;
  // Autovacuum of a table with GIN indexes takes a core for seconds: worth knowing it ran.
  if (autovacuumSeen > 0) {
    line('autovacuum workers (mean)', (autovacuumSeen / samples).toFixed(2));
  }
  const total = [...seen.values()].reduce((a, b) => a + b, 0);
  const top = [...seen.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
  line(
    label,
    `${(total / samples).toFixed(1)}: ${top.map(([what, n]) => `${what} ${(n / samples).toFixed(1)}`).join(', ') || '—'}`,
  );
}

/** The statements seen active most often, with roughly how long each was seen running. */
export function printStatements({ statements, samples, everyMs }, limit = 8) {
  if (samples === 0) return;
  const top = [...statements.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit);
  if (top.length === 0) {
    line('statements seen active', `none in ${samples} samples every ${everyMs} ms`);
    return;
  }
  for (const [query, n] of top) {
    line(`  ≈ ${int0(n * everyMs)} ms active`, query);
  }
}

const int0 = (value) => String(Math.round(value));

/** The p-th percentile (nearest rank) of an ascending array. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function ms(value) {
  return value == null || !Number.isFinite(value) ? '—' : `${value.toFixed(value < 10 ? 1 : 0)} ms`;
}

/** Runs `fn` over `items` with at most `limit` at once; results in input order. */
export async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await fn(items[index], index);
      }
    }),
  );
  return results;
}

export function countBy(values) {
  const counts = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/**
 * On a shared machine, waits (at most `limitMs`) for a second in which the whole machine is
 * less than `busyBelow` busy, so a measurement does not start in someone else's burst. Call it
 * while the scenario itself is idle. Returns { waitedS, busy } (busy: the last second's share).
 */
export async function waitForIdleMachine({ limitMs = 30_000, busyBelow = 0.15 } = {}) {
  const t0 = performance.now();
  let busy = null;
  while (performance.now() - t0 < limitMs) {
    const before = machineTicks();
    await sleep(1_000);
    const after = machineTicks();
    if (!before || !after) return { waitedS: 0, busy: null };
    busy = 1 - (after.idle - before.idle) / Math.max(1, after.total - before.total);
    if (busy < busyBelow) break;
  }
  return { waitedS: (performance.now() - t0) / 1000, busy };
}
