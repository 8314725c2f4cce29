// The deputies' ballot: 3,000 deputies, signed in beforehand, cast a 12-candidate selection
// ballot over HTTP with 200 connections (each exactly once), then the secretariat closes it and
// counts (key shares, decryption, tally, bulletin). Measures casts/s, p50/p99 cast latency and
// the count's time, and compares casts/s with the raw PostgreSQL rate of the same two inserts in
// one transaction (one cast a transaction), measured in the same run with a direct `pg` loop at
// the same concurrency against scratch ballots. Checks that every cast was recorded and that the count and the bulletin add up to
// what was cast. Then prints diagnostics (CPU split, wait events, crypto costs, the count's SQL,
// and with BENCH_BALLOT_PROFILE=1 where the API's main thread spends its time).
//
// Deputies are written straight into the database with one argon2 hash, before the ballot is
// created (its electorate is frozen then), and sign in through POST /api/auth/login before any
// clock starts; if logins outlast SIGN_IN_BUDGET_S the rest get tokens the bench signs with the
// stack's JWT_SECRET (the scenario chooses it), and the output says how many.
import http from 'node:http';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import argon2 from 'argon2';
import pg from 'pg';
import { heading, int, line, perSec, round, secs, versus } from '../lib/format.mjs';
import { request, signIn } from '../lib/http.mjs';
import {
  countBy,
  databaseCounters,
  describeCounters,
  loadAverage,
  makeMeters,
  mapLimit,
  ms,
  percentile,
  printCpu,
  printStatements,
  printWaits,
  startWaitSampler,
  userSystemSecondsOf,
  waitForIdleMachine,
  waitForQuiet,
} from '../lib/meters.mjs';
import { profilingEnv, startProfile, stopProfile, summariseProfile } from '../lib/cpuprofile.mjs';
import { ROOT, withStack } from '../lib/stack.mjs';

export const name = 'ballot';
export const description =
  '3,000 deputies cast a 12-candidate ballot over 200 connections; close and count';

const DEPUTIES = Number(process.env.BENCH_BALLOT_DEPUTIES ?? 3_000);
const CANDIDATES = Number(process.env.BENCH_BALLOT_CANDIDATES ?? 12);
const SEATS = Number(process.env.BENCH_BALLOT_SEATS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_BALLOT_CONNECTIONS ?? 200);
/** The app's pool (libs/database: extra.max 20); the raw loop uses as many connections. */
const RAW_POOL_SIZE = 20;
const RAW_WARMUP = 300;
const SIGN_IN_CONCURRENCY = Number(process.env.BENCH_BALLOT_SIGN_IN_CONCURRENCY ?? 16);
/**
 * Deputies sign in through POST /api/auth/login for at most this long; any left then get access
 * tokens signed by the bench with the stack's JWT_SECRET (which the bench chooses), so a busy
 * machine cannot stretch the scenario. BENCH_BALLOT_MINT_TOKENS=1 skips the logins altogether.
 */
const SIGN_IN_BUDGET_S = Number(process.env.BENCH_BALLOT_SIGN_IN_BUDGET_S ?? 75);
const MINT_TOKENS = process.env.BENCH_BALLOT_MINT_TOKENS === '1';
/** BENCH_BALLOT_PROFILE=1: V8 CPU profiles of the API during the cast and the count. */
const PROFILE = process.env.BENCH_BALLOT_PROFILE === '1';
const WARMUP_GETS = 1_000;
/** Casts on a second ballot of the same cycle first, so the measured casts meet a warm JIT. */
const WARMUP_CASTS = Number(process.env.BENCH_BALLOT_WARMUP_CASTS ?? 600);
const FAN_OUT_WAIT_MS = 60_000;

const TARGET_P99_MS = 250;
const TARGET_COUNT_S = 2;
const TARGET_RATIO = 0.4;

const PASSWORD = 'bench-password-民生-2020';
const SECRETARIAT_EMAIL = 'secretariat@bench.minsheng.test';
const RESIDENT_PHONE = '13900000000';
/** Deputy i (1-based) signs in with this phone number. */
const deputyPhone = (i) => `15${String(i).padStart(9, '0')}`;

/** The app's own sealing code, built, for timing crypto in the bench process (null if absent). */
async function sealingModule() {
  const path = join(ROOT, 'dist/libs/ballots/src/sealing/index.js');
  if (!existsSync(path)) return null;
  try {
    return await import(pathToFileURL(path).href);
  } catch {
    return null;
  }
}

// ---- marks: varied, deterministic, never more `for` than seats -------------------------------

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Deputy i's marks, one per candidate: 'for', 'against', 'abstain', or null (left unmarked,
 * which the app counts as abstain). Candidates differ in popularity so the ranking is not flat.
 */
function marksOf(i, candidates, seats) {
  const random = mulberry32(0x2020 + i * 7919);
  const marks = [];
  for (let c = 0; c < candidates; c++) {
    const pFor = 0.25 + (0.7 * c) / Math.max(1, candidates - 1);
    const pAgainst = (1 - pFor) * 0.6;
    const r = random();
    if (r < pFor) marks.push('for');
    else if (r < pFor + pAgainst) marks.push('against');
    else marks.push(random() < 0.5 ? 'abstain' : null);
  }
  // At most `seats` for: the least popular (lowest index) extra ones become abstentions.
  let extra = marks.filter((mark) => mark === 'for').length - seats;
  for (let c = 0; extra > 0 && c < candidates; c++) {
    if (marks[c] === 'for') {
      marks[c] = 'abstain';
      extra -= 1;
    }
  }
  return marks;
}

/** The request body: the marked candidates, in an order that varies with the deputy. */
function castBody(i, candidateIds, marks) {
  const n = candidateIds.length;
  const choices = [];
  for (let k = 0; k < n; k++) {
    const c = (k + i) % n;
    if (marks[c] !== null) choices.push({ candidateId: candidateIds[c], mark: marks[c] });
  }
  return JSON.stringify({ choices });
}

function emptyTally(candidateIds) {
  return new Map(candidateIds.map((id) => [id, { for: 0, against: 0, abstain: 0 }]));
}

/** The tallies of the marks cast; compares against the count and the bulletin. */
function tallyOf(candidateIds, allMarks) {
  const tally = emptyTally(candidateIds);
  for (const marks of allMarks) {
    marks.forEach((mark, c) => (tally.get(candidateIds[c])[mark ?? 'abstain'] += 1));
  }
  return tally;
}

function sameTally(expected, actual) {
  for (const [id, counts] of expected) {
    const other = actual.get(id);
    if (!other) return `candidate ${id} missing`;
    for (const mark of ['for', 'against', 'abstain']) {
      if (other[mark] !== counts[mark]) {
        return `candidate ${id}: ${mark} ${other[mark]}, expected ${counts[mark]}`;
      }
    }
  }
  return actual.size === expected.size
    ? null
    : `${actual.size} candidates, expected ${expected.size}`;
}

const cpuMs = (since) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

// ---- HTTP -------------------------------------------------------------------------------------

/** One POST with a JSON body over `agent`; never throws. Times from send to the last byte. */
function postJson(agent, url, token, body) {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          const ended = performance.now();
          resolve({ status: res.statusCode, started, ended, ms: ended - started, text });
        });
      },
    );
    req.setTimeout(120_000, () => req.destroy(new Error('timed out after 120 s')));
    req.on('error', (error) => {
      const ended = performance.now();
      resolve({
        status: 0,
        started,
        ended,
        ms: ended - started,
        text: String(error?.message ?? error),
      });
    });
    req.end(body);
  });
}

function getOver(agent, url, token) {
  return new Promise((resolve) => {
    const req = http.request(
      url,
      { method: 'GET', agent, headers: { authorization: `Bearer ${token}` } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.setTimeout(60_000, () => req.destroy(new Error('timed out')));
    req.on('error', () => resolve(0));
    req.end();
  });
}

/** A closed loop of `connections` workers taking jobs in order: each job is sent exactly once. */
async function closedLoop(jobs, connections, send) {
  const results = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(connections, jobs.length) }, async () => {
      while (next < jobs.length) {
        const index = next++;
        results[index] = await send(jobs[index], index);
      }
    }),
  );
  return results;
}

/** Cores used by processes other than this scenario's (the machine may be shared). */
function otherCores(cpu) {
  if (cpu.machineBusy == null) return null;
  return Math.max(
    0,
    cpu.machineBusy * availableParallelism() - cpu.api - cpu.postgres - cpu.bench - cpu.worker,
  );
}

function ok(answer, status, what) {
  if (answer.status !== status) {
    throw new Error(`${what} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
  }
  return answer.body;
}

/** An HS256 access token as TokensService signs one: for deputies the sign-in budget left out. */
function mintAccessToken(secret, userId) {
  const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({
    sub: userId,
    typ: 'access',
    roles: ['deputy'],
    dept: null,
    iat: now,
    exp: now + 900,
    iss: 'minsheng',
    aud: 'minsheng-api',
  })}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

// ---- the scenario -----------------------------------------------------------------------------

export async function run() {
  // The same kind of secret withStack makes, but known to the bench, which may need to mint.
  const jwtSecret = randomBytes(32).toString('hex');
  const profileDir = join(tmpdir(), `minsheng-bench-ballot-profiles-${process.pid}`);
  const options = {
    env: { JWT_SECRET: jwtSecret },
    ...(PROFILE ? { apiEnv: profilingEnv(profileDir) } : {}),
  };
  return withStack(name, options, async (stack) => {
    const { pool, baseUrl } = stack;
    const meters = makeMeters(stack);
    /** Before each measurement: let the machine (possibly shared) calm down first. */
    const settle = async () => {
      const { waitedS, busy } = await waitForIdleMachine({ limitMs: 10_000 });
      if (busy != null && (waitedS > 1.5 || busy >= 0.15)) {
        line(
          'machine before measuring',
          `${(busy * 100).toFixed(0)}% busy after waiting ${secs(waitedS)} for it to calm down${busy >= 0.15 ? ' (still busy: measuring anyway)' : ''}`,
        );
      }
    };

    // ---- seed: users straight into the database, one argon2 hash for all ----------------------
    heading('seed');
    let startedAt = performance.now();
    const passwordHash = await argon2.hash(PASSWORD, {
      type: argon2.argon2id,
      memoryCost: 19_456,
      timeCost: 2,
      parallelism: 1,
    });
    await pool.query(
      `INSERT INTO users (email, password_hash, display_name, roles, active)
       VALUES ($1, $2, '人大常委会办公室（压测）', ARRAY['secretariat']::user_role[], true)`,
      [SECRETARIAT_EMAIL, passwordHash],
    );
    await pool.query(
      `INSERT INTO users (phone, password_hash, display_name, roles, active)
       VALUES ($1, $2, '居民（压测）', ARRAY['resident']::user_role[], true)`,
      [RESIDENT_PHONE, passwordHash],
    );
    // Deputies before the ballot: its electorate is frozen when it is created.
    const { rows: deputyRows } = await pool.query(
      `INSERT INTO users (phone, password_hash, display_name, roles, active)
       SELECT '15' || lpad(i::text, 9, '0'), $1, '代表' || i, ARRAY['deputy']::user_role[], true
       FROM generate_series(1, $2::int) AS i
       RETURNING id, phone`,
      [passwordHash, DEPUTIES],
    );
    deputyRows.sort((a, b) => a.phone.localeCompare(b.phone));
    const deputyIds = deputyRows.map((row) => row.id);
    await pool.query('ANALYZE users');
    line(
      'users',
      `${int(DEPUTIES)} deputies, a resident and a secretariat in ${secs((performance.now() - startedAt) / 1000)}`,
    );

    // ---- the cycle, through the API (test/support/ballot-session.ts `ballotingCycle`) ---------
    startedAt = performance.now();
    const secretariat = await signIn(baseUrl, SECRETARIAT_EMAIL, PASSWORD);
    const resident = await signIn(baseUrl, RESIDENT_PHONE, PASSWORD);
    const as = (token) => ({ token });
    const cycle = ok(
      await request(baseUrl, 'POST', '/api/cycles', {
        ...as(secretariat),
        body: {
          year: 2020,
          title: '2020年普陀区民生实事项目（压测）',
          region: '普陀区',
          seats: SEATS,
          allowEqualBallot: false,
        },
      }),
      201,
      'POST /api/cycles',
    );
    const move = async (phase) =>
      ok(
        await request(baseUrl, 'POST', `/api/cycles/${cycle.id}/phase`, {
          ...as(secretariat),
          body: { phase },
        }),
        200,
        `moving the cycle to ${phase}`,
      );
    await move('collecting');
    const proposalIds = [];
    for (let i = 0; i < CANDIDATES; i++) {
      const proposal = ok(
        await request(baseUrl, 'POST', `/api/cycles/${cycle.id}/proposals`, {
          ...as(resident),
          body: {
            title: `建议${i + 1}：新建第${i + 1}处居家养老服务中心`,
            category: 'elderly_care',
            description: `第${i + 1}号建议：在第${i + 1}个社区新建居家养老服务中心。`,
          },
        }),
        201,
        'submitting a proposal',
      );
      proposalIds.push(proposal.id);
    }
    await move('screening');
    const department = ok(
      await request(baseUrl, 'POST', '/api/departments', {
        ...as(secretariat),
        body: { name: '区民政局（压测）' },
      }),
      201,
      'POST /api/departments',
    );
    for (const [i, proposalId] of proposalIds.entries()) {
      ok(
        await request(baseUrl, 'POST', `/api/proposals/${proposalId}/review`, {
          ...as(secretariat),
          body: { decision: 'accept' },
        }),
        200,
        'accepting a proposal',
      );
      ok(
        await request(baseUrl, 'POST', `/api/cycles/${cycle.id}/candidates`, {
          ...as(secretariat),
          body: {
            title: `候选项目${i + 1}：第${i + 1}处居家养老服务中心`,
            category: 'elderly_care',
            summary: `第${i + 1}个候选项目`,
            targets: [`建成第${i + 1}处居家养老服务中心`],
            budget: 1_000_000 + i * 50_000,
            leadDepartmentId: department.id,
            sourceProposalIds: [proposalId],
          },
        }),
        201,
        'adding a candidate',
      );
    }
    await move('balloting');
    const created = ok(
      await request(baseUrl, 'POST', `/api/cycles/${cycle.id}/ballots`, {
        ...as(secretariat),
        body: { kind: 'selection' },
      }),
      201,
      'POST /api/cycles/:id/ballots',
    );
    const ballotId = created.id;
    // Same electorate and candidates: a warm-up ballot, cast on and closed before the measure.
    const warmUpBallot = ok(
      await request(baseUrl, 'POST', `/api/cycles/${cycle.id}/ballots`, {
        ...as(secretariat),
        body: { kind: 'selection' },
      }),
      201,
      'POST /api/cycles/:id/ballots (warm-up ballot)',
    );
    const candidateIds = created.candidates.map((candidate) => candidate.id);
    const keyShares = created.keyShares;
    if (created.deputyCount !== DEPUTIES || candidateIds.length !== CANDIDATES) {
      throw new Error(
        `the ballot has ${created.deputyCount} deputies and ${candidateIds.length} candidates, expected ${DEPUTIES} and ${CANDIDATES}`,
      );
    }
    line(
      'cycle and ballot',
      `through the API in ${secs((performance.now() - startedAt) / 1000)}: ${CANDIDATES} candidates for ${SEATS} seats, electorate ${int(created.deputyCount)}, ${keyShares.length} key shares (${created.sharesRequired} open the box)`,
    );

    // ---- sign in, before any clock starts -------------------------------------------------
    heading(`sign-in of ${int(DEPUTIES)} deputies (not measured against a target)`);
    startedAt = performance.now();
    let tokens = new Array(DEPUTIES).fill(null);
    if (!MINT_TOKENS) {
      const signInCpu = await meters.start();
      const deadline = performance.now() + SIGN_IN_BUDGET_S * 1000;
      tokens = await mapLimit(
        Array.from({ length: DEPUTIES }, (_, i) => i + 1),
        SIGN_IN_CONCURRENCY,
        (i) => (performance.now() < deadline ? signIn(baseUrl, deputyPhone(i), PASSWORD) : null),
      );
      const signInSeconds = (performance.now() - startedAt) / 1000;
      const cpu = await meters.stop(signInCpu, signInSeconds);
      const loggedIn = tokens.filter(Boolean).length;
      line(
        'POST /api/auth/login',
        `${int(loggedIn)} in ${secs(signInSeconds)} (${perSec(loggedIn / signInSeconds)}, ${SIGN_IN_CONCURRENCY} at once; argon2id 19 MiB ×2, PASSWORD_HASH_CONCURRENCY 2)`,
      );
      printCpu(cpu);
    }
    const minted = tokens.filter((token) => !token).length;
    tokens = tokens.map((token, i) => token ?? mintAccessToken(jwtSecret, deputyIds[i]));
    if (minted > 0) {
      line(
        'tokens minted by the bench',
        `${int(minted)} (${MINT_TOKENS ? 'BENCH_BALLOT_MINT_TOKENS=1' : `the ${SIGN_IN_BUDGET_S} s sign-in budget ran out`}): HS256 with the stack's JWT_SECRET, same claims as TokensService`,
      );
      const probe = await request(baseUrl, 'GET', `/api/ballots/${ballotId}/my-vote`, {
        token: tokens[tokens.length - 1],
      });
      if (probe.status !== 200) {
        throw new Error(`a minted token is refused: ${probe.status} ${probe.text.slice(0, 200)}`);
      }
    }

    // ---- what each cast carries, prepared before the clock -----------------------------------
    const allMarks = deputyIds.map((_, i) => marksOf(i, CANDIDATES, SEATS));
    const bodies = allMarks.map((marks, i) => castBody(i, candidateIds, marks));
    const expected = tallyOf(candidateIds, allMarks);
    const markCounts = countBy(allMarks.flat().map((mark) => mark ?? 'unmarked'));
    line(
      'marks prepared',
      `${Object.entries(markCounts)
        .map(([mark, n]) => `${mark} ${int(n)}`)
        .join(
          ', ',
        )}; mean body ${int(bodies.reduce((a, b) => a + b.length, 0) / bodies.length)} bytes`,
    );

    // ---- raw PostgreSQL: the same two inserts in one transaction, per cast, same concurrency --
    heading(`raw PostgreSQL rate (pg.Pool of ${RAW_POOL_SIZE}, ${CONNECTIONS} loops)`);
    const sealing = await sealingModule();
    const cryptoCost = {};
    let sealed;
    {
      const plaintext = (i) =>
        Buffer.from(
          `v1:${allMarks[i].map((mark) => ({ for: 'F', against: 'A' })[mark] ?? 'X').join('')}:${createHash('sha256').update(String(i)).digest('hex')}`,
        );
      const publicKey = Buffer.from(created.publicKey, 'hex');
      if (sealing) {
        const c0 = process.cpuUsage();
        sealed = deputyIds.map((_, i) => sealing.sealBallot(ballotId, publicKey, plaintext(i)));
        cryptoCost.sealMs = cpuMs(c0) / DEPUTIES;
      } else {
        // Same size as a sealed ballot: header 61 bytes + the 80-byte plaintext.
        sealed = deputyIds.map((_, i) => randomBytes(61 + plaintext(i).length));
      }
    }
    const scratch = [];
    const scratchBallot = async () => {
      // A copy of the measured ballot's row, whatever its columns, but open and with its own id.
      const {
        rows: [row],
      } = await pool.query(
        `INSERT INTO ballots
         SELECT (jsonb_populate_record(NULL::ballots, to_jsonb(b) || jsonb_build_object(
                  'id', gen_random_uuid(), 'status', 'open', 'opened_at', now()))).*
         FROM ballots b WHERE id = $1
         RETURNING id`,
        [ballotId],
      );
      await pool.query(
        `INSERT INTO ballot_electorate (ballot_id, deputy_id)
         SELECT $1, deputy_id FROM ballot_electorate WHERE ballot_id = $2`,
        [row.id, ballotId],
      );
      scratch.push(row.id);
      return row.id;
    };
    const rawPool = new pg.Pool({
      connectionString: stack.databaseUrl,
      max: RAW_POOL_SIZE,
      idleTimeoutMillis: 0, // connections stay open between the runs
      application_name: 'minsheng-bench-raw',
    });
    const transactionCast = async (scratchId, k) => {
      const t = performance.now();
      const client = await rawPool.connect();
      try {
        await client.query('BEGIN');
        const inserted = await client.query(
          `INSERT INTO ballot_participations (ballot_id, deputy_id, channel)
           VALUES ($1, $2, 'electronic') ON CONFLICT DO NOTHING`,
          [scratchId, deputyIds[k]],
        );
        await client.query('INSERT INTO sealed_ballots (ballot_id, sealed) VALUES ($1, $2)', [
          scratchId,
          sealed[k],
        ]);
        await client.query('COMMIT');
        return { ok: inserted.rowCount === 1, ms: performance.now() - t };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        return { ok: false, ms: performance.now() - t, error: error.message };
      } finally {
        client.release();
      }
    };
    const rawRun = async (label, count, cast) => {
      const scratchId = await scratchBallot();
      await waitForQuiet(pool, { applicationName: 'minsheng-bench-raw' });
      if (label) await settle();
      const countersBefore = label ? await databaseCounters(pool) : null;
      const loadBefore = loadAverage();
      const cpu = await meters.start();
      const waits = startWaitSampler(pool, { applicationName: 'minsheng-bench-raw' });
      const t0 = performance.now();
      const results = await closedLoop(
        Array.from({ length: count }, (_, k) => k),
        CONNECTIONS,
        (k) => cast(scratchId, k),
      );
      const seconds = (performance.now() - t0) / 1000;
      const waitsSeen = await waits.stop();
      const cpuUsed = await meters.stop(cpu, seconds);
      const countersAfter = label ? await databaseCounters(pool) : null;
      const good = results.filter((r) => r.ok).length;
      const latencies = results.map((r) => r.ms).sort((a, b) => a - b);
      const figures = {
        perSec: good / seconds,
        errors: count - good,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        pgMsPerCast: (cpuUsed.seconds.postgres * 1000) / count,
        benchMsPerCast: (cpuUsed.seconds.bench * 1000) / count,
      };
      if (label) {
        console.log(`\n  -- ${label}`);
        line(
          'rows/s',
          `${perSec(figures.perSec)} (${int(good)} of ${int(count)} in ${secs(seconds, 2)}, ${int(figures.errors)} failed)`,
        );
        const firstError = results.find((r) => r.error)?.error;
        if (firstError) line('first error', firstError.slice(0, 200));
        line(
          'latency p50 / p99',
          `${ms(figures.p50)} / ${ms(figures.p99)} (queue for the pool included)`,
        );
        printCpu(cpuUsed, loadBefore);
        line(
          'cpu per cast',
          `postgres ${figures.pgMsPerCast.toFixed(2)} ms, bench (pg client) ${figures.benchMsPerCast.toFixed(2)} ms`,
        );
        printWaits(waitsSeen, 'active raw backends (mean)');
        line('database, per cast', describeCounters(countersBefore, countersAfter, count));
      }
      return figures;
    };
    let raw;
    try {
      await rawRun(null, RAW_WARMUP, transactionCast); // warm-up, not shown
      raw = await rawRun(
        'BEGIN; INSERT participation; INSERT sealed box; COMMIT — one cast a transaction (the reference)',
        DEPUTIES,
        transactionCast,
      );
    } finally {
      await rawPool.end();
      // The measured ballot sees the tables as if the scratch ballots had never been.
      if (scratch.length > 0) {
        await pool.query('DELETE FROM ballots WHERE id = ANY($1::uuid[])', [scratch]);
      }
    }
    await pool.query('VACUUM ANALYZE ballot_participations, sealed_ballots, ballot_electorate');
    line('scratch ballots', `${scratch.length} deleted, tables vacuumed`);

    // ---- open, and let the "ballot open" notifications fan out ------------------------------
    heading(`cast: ${int(DEPUTIES)} deputies, ${CONNECTIONS} connections, each once`);
    let fannedOutAt = null;
    stack.worker.listeners.push((text) => {
      if (fannedOutAt === null && /Event fanned out/.test(text) && /ballot\.opened/.test(text)) {
        fannedOutAt = performance.now();
      }
    });
    startedAt = performance.now();
    const opened = ok(
      await request(baseUrl, 'POST', `/api/ballots/${ballotId}/open`, as(secretariat)),
      200,
      'POST /api/ballots/:id/open',
    );
    const openMs = performance.now() - startedAt;
    while (fannedOutAt === null && performance.now() - startedAt < FAN_OUT_WAIT_MS) {
      stack.assertRunning();
      await sleep(100);
    }
    line(
      'opened',
      `status ${opened.status} in ${ms(openMs)}; "ballot open" notifications fanned out ${fannedOutAt === null ? `NOT within ${FAN_OUT_WAIT_MS / 1000} s (casting anyway)` : `after ${secs((fannedOutAt - startedAt) / 1000, 2)}`}`,
    );
    await waitForQuiet(pool);

    await settle();
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    // Warm-up: opens the sockets and warms the guard path, without casting.
    startedAt = performance.now();
    const warm = await closedLoop(
      Array.from({ length: WARMUP_GETS }, (_, k) => k),
      CONNECTIONS,
      (k) => getOver(agent, `${baseUrl}/api/ballots/${ballotId}`, tokens[k % tokens.length]),
    );
    line(
      'warm-up',
      `${int(WARMUP_GETS)} GET /api/ballots/:id over ${CONNECTIONS} sockets in ${secs((performance.now() - startedAt) / 1000, 2)} (${Object.entries(
        countBy(warm),
      )
        .map(([status, n]) => `${status}: ${int(n)}`)
        .join(', ')})`,
    );
    if (WARMUP_CASTS > 0) {
      startedAt = performance.now();
      ok(
        await request(baseUrl, 'POST', `/api/ballots/${warmUpBallot.id}/open`, as(secretariat)),
        200,
        'opening the warm-up ballot',
      );
      const warmUrl = `${baseUrl}/api/ballots/${warmUpBallot.id}/votes`;
      const warmCasts = await closedLoop(deputyIds.slice(0, WARMUP_CASTS), CONNECTIONS, (_, i) =>
        postJson(agent, warmUrl, tokens[i], bodies[i]),
      );
      ok(
        await request(baseUrl, 'POST', `/api/ballots/${warmUpBallot.id}/close`, as(secretariat)),
        200,
        'closing the warm-up ballot',
      );
      line(
        'warm-up casts',
        `${int(WARMUP_CASTS)} casts on another ballot of the cycle (then closed), in ${secs((performance.now() - startedAt) / 1000, 2)} (${Object.entries(
          countBy(warmCasts.map((answer) => answer.status)),
        )
          .map(([status, n]) => `${status}: ${int(n)}`)
          .join(', ')}): the measured casts meet a warm JIT`,
      );
    }
    await waitForQuiet(pool);

    const castUrl = `${baseUrl}/api/ballots/${ballotId}/votes`;
    const castCountersBefore = await databaseCounters(pool);
    if (PROFILE) await startProfile(profileDir, stack.api.pid, 1);
    const loadBefore = loadAverage();
    const castCpu = await meters.start();
    const apiSplitBefore = userSystemSecondsOf(stack.api.pid);
    const apiMainBefore = userSystemSecondsOf(stack.api.pid, { mainThreadOnly: true });
    const castWaits = startWaitSampler(pool);
    const castT0 = performance.now();
    const answers = await closedLoop(deputyIds, CONNECTIONS, (_, i) =>
      postJson(agent, castUrl, tokens[i], bodies[i]),
    );
    const castSeconds = (performance.now() - castT0) / 1000;
    const castWaitsSeen = await castWaits.stop();
    const castCpuUsed = await meters.stop(castCpu, castSeconds);
    const apiSplitAfter = userSystemSecondsOf(stack.api.pid);
    const apiMainAfter = userSystemSecondsOf(stack.api.pid, { mainThreadOnly: true });
    agent.destroy();
    const castProfile = PROFILE ? await stopProfile(profileDir, stack.api.pid, 1) : null;
    const castCountersAfter = await databaseCounters(pool);

    const statuses = countBy(answers.map((answer) => answer.status));
    const accepted = answers.filter((answer) => answer.status === 201);
    const errors = answers.length - accepted.length;
    const latencies = answers.map((answer) => answer.ms).sort((a, b) => a - b);
    const castsPerSec = accepted.length / castSeconds;
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    const receipts = new Set();
    let badReceipts = 0;
    for (const answer of accepted) {
      try {
        const body = JSON.parse(answer.text);
        const hash = createHash('sha256').update(body.receipt, 'utf8').digest('hex');
        if (hash !== body.receiptHash) badReceipts += 1;
        receipts.add(body.receiptHash);
      } catch {
        badReceipts += 1;
      }
    }
    const {
      rows: [stored],
    } = await pool.query(
      `SELECT (SELECT count(*)::int FROM ballot_participations WHERE ballot_id = $1) AS participations,
              (SELECT count(*)::int FROM sealed_ballots WHERE ballot_id = $1) AS sealed`,
      [ballotId],
    );
    line(
      'answers',
      Object.entries(statuses)
        .map(([status, n]) => `${status}: ${int(n)}`)
        .join(', '),
    );
    const firstBad = answers.find((answer) => answer.status !== 201);
    if (firstBad) line('first non-201', `${firstBad.status} ${firstBad.text.slice(0, 200)}`);
    line(
      'casts/s',
      `${perSec(castsPerSec)} (${int(accepted.length)} in ${secs(castSeconds, 2)}, first request to last answer)`,
    );
    line(
      'latency p50 / p90 / p99 / max',
      `${ms(p50)} / ${ms(percentile(latencies, 90))} / ${ms(p99)} / ${ms(latencies.at(-1))}`,
    );
    line(
      'recorded in the database',
      `${int(stored.participations)} participations, ${int(stored.sealed)} sealed ballots; ${int(receipts.size)} distinct receipts${badReceipts ? `, ${badReceipts} BAD` : ''}`,
    );

    // ---- close and count --------------------------------------------------------------------
    heading('close and count');
    startedAt = performance.now();
    const closed = ok(
      await request(baseUrl, 'POST', `/api/ballots/${ballotId}/close`, as(secretariat)),
      200,
      'POST /api/ballots/:id/close',
    );
    line(
      'closed',
      `status ${closed.status}, castCount ${int(closed.castCount)}, in ${ms(performance.now() - startedAt)}`,
    );
    await waitForQuiet(pool);
    await settle();
    if (PROFILE) await startProfile(profileDir, stack.api.pid, 2);
    const countLoad = loadAverage();
    const countCpu = await meters.start();
    const countWaits = startWaitSampler(pool, { everyMs: 20, queries: true });
    // Another user's request during the count: how long does the API keep it waiting?
    const probeUrl = `${baseUrl}/api/cycles/${cycle.id}/ballots`;
    const probeAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    for (let k = 0; k < 20; k++) await getOver(probeAgent, probeUrl, secretariat);
    let counting = true;
    const probes = [];
    const prober = (async () => {
      while (counting) {
        const t = performance.now();
        const status = await getOver(probeAgent, probeUrl, secretariat);
        probes.push({ ms: performance.now() - t, status });
        await sleep(10);
      }
    })();
    const countT0 = performance.now();
    const counted = await request(baseUrl, 'POST', `/api/ballots/${ballotId}/count`, {
      ...as(secretariat),
      body: { shares: keyShares.slice(0, created.sharesRequired) },
      timeoutMs: 120_000,
    });
    const countMs = performance.now() - countT0;
    counting = false;
    await prober;
    probeAgent.destroy();
    const countWaitsSeen = await countWaits.stop();
    const countCpuUsed = await meters.stop(countCpu, countMs / 1000);
    const countProfile = PROFILE ? await stopProfile(profileDir, stack.api.pid, 2) : null;
    const result = ok(counted, 200, 'POST /api/ballots/:id/count');
    line(
      'POST /api/ballots/:id/count',
      `${ms(countMs)} wall: ${result.status}, ballotsCast ${int(result.ballotsCast)}, valid ${int(result.validBallots)}, selected ${result.selected.length} of ${SEATS} seats`,
    );
    const countedTally = new Map(
      result.candidates.map((c) => [
        c.candidateId,
        { for: c.for, against: c.against, abstain: c.abstain },
      ]),
    );
    const resultMismatch = sameTally(expected, countedTally);
    line('result = marks cast', resultMismatch ? `NO: ${resultMismatch}` : 'yes, every candidate');

    startedAt = performance.now();
    const bulletinAnswer = await request(baseUrl, 'GET', `/api/ballots/${ballotId}/bulletin`, {
      timeoutMs: 60_000,
    });
    const bulletinMs = performance.now() - startedAt;
    const bulletin = ok(bulletinAnswer, 200, 'GET /api/ballots/:id/bulletin');
    const bulletinTally = emptyTally(candidateIds);
    for (const ballot of bulletin.ballots) {
      for (const choice of ballot.choices) bulletinTally.get(choice.candidateId)[choice.mark] += 1;
    }
    const bulletinMismatch = sameTally(expected, bulletinTally);
    const published = new Set(bulletin.receiptHashes);
    const missingReceipts = [...receipts].filter((hash) => !published.has(hash)).length;
    line(
      'GET /api/ballots/:id/bulletin',
      `${ms(bulletinMs)}, ${int(Buffer.byteLength(bulletinAnswer.text))} bytes: ${int(bulletin.ballots.length)} ballots, ${int(bulletin.receiptHashes.length)} receipt hashes`,
    );
    line(
      'bulletin = marks and receipts',
      `${bulletinMismatch ? `recount NO: ${bulletinMismatch}` : 'recount matches'}; ${missingReceipts === 0 ? 'every receipt answered is published' : `${int(missingReceipts)} receipts answered are MISSING`}`,
    );

    const allRecorded =
      accepted.length === DEPUTIES &&
      errors === 0 &&
      stored.participations === DEPUTIES &&
      stored.sealed === DEPUTIES &&
      result.ballotsCast === DEPUTIES &&
      bulletin.ballots.length === DEPUTIES &&
      bulletin.receiptHashes.length === DEPUTIES &&
      missingReceipts === 0 &&
      badReceipts === 0 &&
      !resultMismatch &&
      !bulletinMismatch;

    // ---- results -----------------------------------------------------------------------------
    const ratio = raw && raw.perSec > 0 ? castsPerSec / raw.perSec : null;
    heading('results');
    line(
      'all recorded, no error',
      `${allRecorded ? 'yes (met)' : 'NO (MISSED)'}: ${int(accepted.length)} of ${int(DEPUTIES)} answered 201, ${int(errors)} errors; counted ${int(result.ballotsCast)}, bulletin ${int(bulletin.ballots.length)} ballots / ${int(bulletin.receiptHashes.length)} receipts`,
    );
    line(
      'casts/s',
      `${perSec(castsPerSec)} (raw PostgreSQL, the same two inserts in one transaction: ${perSec(raw?.perSec)})`,
    );
    line(
      'casts/s ÷ raw',
      ratio == null
        ? '—'
        : `${(ratio * 100).toFixed(0)}% vs target ≥ ${TARGET_RATIO * 100}%: ${(ratio / TARGET_RATIO).toFixed(2)}× (${ratio >= TARGET_RATIO ? 'met' : 'MISSED'})`,
    );
    line('p50 cast', ms(p50));
    line('p99 cast', versus(p99, TARGET_P99_MS, { unit: ' ms' }));
    line(
      `count of ${int(DEPUTIES)} ballots`,
      versus(countMs / 1000, TARGET_COUNT_S, { digits: 2 }),
    );
    line(
      'note',
      `a closed loop of ${CONNECTIONS} connections: mean latency ≈ ${CONNECTIONS} / rate = ${ms((CONNECTIONS / castsPerSec) * 1000)}`,
    );
    const othersDuringCast = otherCores(castCpuUsed);
    if (othersDuringCast != null && othersDuringCast > 0.3) {
      line(
        'WARNING',
        `processes outside this scenario used ≈ ${othersDuringCast.toFixed(2)} of ${availableParallelism()} cores during the cast: the figures are disturbed`,
      );
    }

    // ---- diagnostics -------------------------------------------------------------------------
    heading('diagnostics');
    console.log('  -- the cast');
    printCpu(castCpuUsed, loadBefore);
    const perCast = (seconds) => `${((seconds * 1000) / DEPUTIES).toFixed(2)} ms`;
    line(
      'cpu per cast',
      `api ${perCast(castCpuUsed.seconds.api)}, postgres ${perCast(castCpuUsed.seconds.postgres)}, bench ${perCast(castCpuUsed.seconds.bench)}, worker ${perCast(castCpuUsed.seconds.worker)}`,
    );
    if (apiSplitBefore && apiSplitAfter) {
      const user = apiSplitAfter.user - apiSplitBefore.user;
      const system = apiSplitAfter.system - apiSplitBefore.system;
      line(
        'api user / kernel',
        `${perCast(user)} / ${perCast(system)} per cast (the kernel part is mostly socket writes and reads on loopback)`,
      );
    }
    if (apiMainBefore && apiMainAfter) {
      const main =
        apiMainAfter.user + apiMainAfter.system - apiMainBefore.user - apiMainBefore.system;
      line(
        'api main thread (event loop)',
        `${(main / castSeconds).toFixed(2)} cores, ${perCast(main)} per cast; other threads (GC helpers, libuv) ${perCast(castCpuUsed.seconds.api - main)}`,
      );
    }
    if (raw) {
      line(
        'raw, for comparison',
        `postgres ${raw.pgMsPerCast.toFixed(2)} ms, pg client ${raw.benchMsPerCast.toFixed(2)} ms per cast`,
      );
    }
    printWaits(castWaitsSeen);
    line('database, per cast', describeCounters(castCountersBefore, castCountersAfter, DEPUTIES));
    // The first answers wait behind 200 casts arriving at once; how much of the tail is that?
    const byEnd = [...answers].sort((a, b) => a.ended - b.ended);
    const firstWave = byEnd
      .slice(0, CONNECTIONS)
      .map((a) => a.ms)
      .sort((a, b) => a - b);
    const rest = byEnd
      .slice(CONNECTIONS)
      .map((a) => a.ms)
      .sort((a, b) => a - b);
    line(
      `first ${CONNECTIONS} answers p50 / p99`,
      `${ms(percentile(firstWave, 50))} / ${ms(percentile(firstWave, 99))}; the other ${int(rest.length)}: ${ms(percentile(rest, 50))} / ${ms(percentile(rest, 99))}`,
    );
    const buckets = [];
    for (const answer of answers) {
      const second = Math.floor((answer.ended - castT0) / 500);
      buckets[second] = (buckets[second] ?? 0) + 1;
    }
    line('answers per 0.5 s', Array.from(buckets, (n) => int(n ?? 0)).join(' '));
    if (cryptoCost.sealMs != null) {
      line(
        'seal one ballot (bench process)',
        `${(cryptoCost.sealMs * 1000).toFixed(0)} µs of CPU (the app's sealBallot from dist: X25519 + HKDF + AES-GCM)`,
      );
    }

    if (castProfile) {
      console.log(`\n  -- the API's main thread during the cast (V8 profile ${castProfile.path})`);
      summariseProfile(castProfile.profile);
    }

    console.log('\n  -- the count');
    printCpu(countCpuUsed, countLoad);
    printWaits(countWaitsSeen);
    const probeMs = probes.map((probe) => probe.ms).sort((a, b) => a - b);
    line(
      'a GET during the count',
      `GET /api/cycles/:id/ballots, ${probes.length} one after another: median ${ms(percentile(probeMs, 50))}, slowest ${ms(probeMs.at(-1))} (what the count leaves the event loop: its queries, shuffle and tally; the boxes open on the sealing thread)`,
    );
    console.log(
      `  statements seen active during the count (sampled every ${countWaitsSeen.everyMs} ms):`,
    );
    printStatements(countWaitsSeen);
    if (sealing) {
      // The count's crypto alone: rebuild the key from the shares, open 3,000 sealed ballots.
      try {
        const publicKey = Buffer.from(created.publicKey, 'hex');
        let c0 = process.cpuUsage();
        const key = await sealing.rebuildPrivateKey(
          ballotId,
          publicKey,
          created.sharesRequired,
          keyShares.slice(0, created.sharesRequired),
        );
        const rebuildMs = cpuMs(c0);
        c0 = process.cpuUsage();
        for (const box of sealed) sealing.openBallot(ballotId, key, publicKey, box);
        const openAllMs = cpuMs(c0);
        line(
          'count crypto (bench process, CPU)',
          `rebuild key ${ms(rebuildMs)}, open ${int(sealed.length)} ballots ${ms(openAllMs)} (${((openAllMs * 1000) / sealed.length).toFixed(0)} µs each), all on one thread`,
        );
      } catch (error) {
        line('count crypto (bench process)', `not measured: ${error.message}`);
      }
    }
    if (countProfile) {
      console.log(
        `\n  -- the API's main thread during the count (V8 profile ${countProfile.path})`,
      );
      summariseProfile(countProfile.profile, { limit: 10 });
    }
    const {
      rows: [settings],
    } = await pool.query(
      `SELECT current_setting('shared_buffers') AS sb, current_setting('max_connections') AS mc,
              current_setting('synchronous_commit') AS sc, current_setting('wal_sync_method') AS ws,
              current_setting('fsync') AS fs, current_setting('commit_delay') AS cd`,
    );
    console.log(
      `\n  postgres: shared_buffers ${settings.sb}, max_connections ${settings.mc}, synchronous_commit ${settings.sc}, fsync ${settings.fs}, wal_sync_method ${settings.ws}, commit_delay ${settings.cd}; app pool max ${RAW_POOL_SIZE}; logs in ${stack.logDir}`,
    );

    return {
      scenario: name,
      casts: accepted.length,
      errors,
      castsPerSec: round(castsPerSec, 1),
      p50Ms: round(p50, 1),
      p99Ms: round(p99, 1),
      countMs: round(countMs, 0),
      rawPerSec: round(raw?.perSec, 1),
      ratio: round(ratio, 3),
    };
  });
}
