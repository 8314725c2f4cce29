// Issue 3: one announcement to 100,000 residents in the in-app inbox, 10,000 of them by email
// over SMTP on loopback. Measures the time until the last inbox row and the last email exist,
// deliveries/s per channel, and what was lost or duplicated on each channel.
import { setTimeout as sleep } from 'node:timers/promises';
import argon2 from 'argon2';
import { CpuMeter } from '../lib/cpu.mjs';
import { heading, int, line, perSec, round, secs, versus } from '../lib/format.mjs';
import { request, signIn } from '../lib/http.mjs';
import { startMailbox } from '../lib/mailbox.mjs';
import { withStack } from '../lib/stack.mjs';
import { onCleanup } from '../lib/cleanup.mjs';

export const name = 'fanout';
export const description = 'one announcement to 100,000 inboxes and 10,000 emails';

const RESIDENTS = Number(process.env.BENCH_FANOUT_RESIDENTS ?? 100_000);
const WITH_EMAIL = Math.min(RESIDENTS, Number(process.env.BENCH_FANOUT_EMAILS ?? 10_000));
const GIVE_UP_MS = Number(process.env.BENCH_FANOUT_TIMEOUT_S ?? 300) * 1000;
const TARGET_IN_APP_S = 60;
const TARGET_EMAIL_S = 120;
const POLL_MS = 200;
const PROGRESS_MS = 5_000;

const PASSWORD = 'bench-password-民生-2020';
const SECRETARIAT_EMAIL = 'secretariat@bench.minsheng.test';
const residentEmail = (i) => `resident${i}@bench.minsheng.test`;

export async function run() {
  const mailbox = await startMailbox();
  onCleanup(() => mailbox.stop());
  console.log(`  SMTP server on ${mailbox.url}`);

  return withStack(name, { workerEnv: { SMTP_URL: mailbox.url } }, async (stack) => {
    const { pool } = stack;
    const expectedEmails = new Set(
      Array.from({ length: WITH_EMAIL }, (_, i) => residentEmail(i + 1)),
    );

    // ---- seed ------------------------------------------------------------------------------
    heading('seed');
    let startedAt = performance.now();
    // One hash for everyone, computed once with the app's parameters: never hash per user.
    const passwordHash = await argon2.hash(PASSWORD, {
      type: argon2.argon2id,
      memoryCost: 19_456,
      timeCost: 2,
      parallelism: 1,
    });
    const {
      rows: [secretariat],
    } = await pool.query(
      `INSERT INTO users (email, password_hash, display_name, roles, active)
       VALUES ($1, $2, '人大常委会办公室（压测）', ARRAY['secretariat']::user_role[], true) RETURNING id`,
      [SECRETARIAT_EMAIL, passwordHash],
    );
    await pool.query(
      `INSERT INTO users (email, phone, password_hash, display_name, roles, active)
       SELECT CASE WHEN i <= $2 THEN 'resident' || i || '@bench.minsheng.test' END,
              '13' || lpad(i::text, 9, '0'), $1, '居民' || i, ARRAY['resident']::user_role[], true
       FROM generate_series(1, $3::int) AS i`,
      [passwordHash, WITH_EMAIL, RESIDENTS],
    );
    await pool.query('ANALYZE users');
    line(
      'residents',
      `${int(RESIDENTS)} (${int(WITH_EMAIL)} with email) in ${secs((performance.now() - startedAt) / 1000)}`,
    );

    const token = await signIn(stack.baseUrl, SECRETARIAT_EMAIL, PASSWORD);

    // ---- announce --------------------------------------------------------------------------
    heading('fan-out');
    const workerCpu = new CpuMeter(async () => [stack.worker.pid]);
    const apiCpu = new CpuMeter(async () => [stack.api.pid]);
    const postgresCpu = new CpuMeter(async () => {
      const { rows } = await pool.query(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database()
         AND application_name <> 'minsheng-bench'`,
      );
      return rows.map((row) => row.pid);
    });
    const benchCpuStart = process.cpuUsage();
    const cpuAt = async () => ({
      worker: await workerCpu.seconds(),
      api: await apiCpu.seconds(),
      postgres: await postgresCpu.seconds(),
      bench: (() => {
        const usage = process.cpuUsage(benchCpuStart);
        return (usage.user + usage.system) / 1e6;
      })(),
    });
    let fannedOutAt = null;
    stack.worker.listeners.push((text) => {
      if (fannedOutAt === null && /Event fanned out/.test(text)) fannedOutAt = performance.now();
    });
    const cpu = { start: await cpuAt() };
    const t0 = performance.now();
    const { eventId, path } = await announce(stack, token, secretariat.id);
    const announcedAt = performance.now();
    line('announced', `${path}, event ${eventId}, in ${(announcedAt - t0).toFixed(0)} ms`);

    // ---- wait for both channels ------------------------------------------------------------
    const seconds = (at) => (at == null ? null : (at - t0) / 1000);
    let firstInboxAt = null;
    let inAppAt = null;
    let inbox = 0;
    let nextProgress = t0 + PROGRESS_MS;
    while (performance.now() - t0 < GIVE_UP_MS) {
      stack.assertRunning();
      if (inAppAt === null) {
        const { rows } = await pool.query(
          'SELECT count(*)::int AS n FROM notifications WHERE event_id = $1',
          [eventId],
        );
        inbox = rows[0].n;
        if (inbox > 0 && firstInboxAt === null) firstInboxAt = performance.now();
        if (inbox >= RESIDENTS) {
          inAppAt = performance.now();
          cpu.inApp = await cpuAt();
        }
      }
      const emailDone = mailbox.state.received >= WITH_EMAIL;
      if (inAppAt !== null && emailDone) break;
      if (performance.now() >= nextProgress) {
        nextProgress += PROGRESS_MS;
        const now = await cpuAt();
        const wall = (performance.now() - t0) / 1000;
        console.log(
          `  t=${wall.toFixed(0).padStart(3)} s  inbox ${int(inbox).padStart(7)}  emails ${int(mailbox.state.received).padStart(6)}` +
            `  cpu (cores) worker ${((now.worker - cpu.start.worker) / wall).toFixed(2)}` +
            ` postgres ${((now.postgres - cpu.start.postgres) / wall).toFixed(2)}` +
            ` bench ${((now.bench - cpu.start.bench) / wall).toFixed(2)}`,
        );
      }
      await sleep(POLL_MS);
    }
    const emailAt = mailbox.arrivalOf(WITH_EMAIL);
    cpu.end = await cpuAt();
    const endedAt = performance.now();
    const emailsAtEnd = mailbox.state.received;
    const timedOut = inAppAt === null || emailAt === null;
    if (timedOut) {
      console.log(
        `  gave up after ${secs(GIVE_UP_MS / 1000, 0)}: reporting what arrived so far (lost = not arrived by then)`,
      );
    }

    // Let stragglers (retries, a twice-run job) arrive before counting duplicates; after giving
    // up, count what is there now.
    if (!timedOut) await settle(pool, mailbox, eventId, 15_000);

    // ---- count -----------------------------------------------------------------------------
    const {
      rows: [inboxCount],
    } = await pool.query(
      `SELECT count(*)::int AS total, count(DISTINCT n.user_id)::int AS distinct_users,
              count(DISTINCT n.user_id) FILTER (WHERE 'resident' = ANY(u.roles))::int AS residents
       FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.event_id = $1`,
      [eventId],
    );
    const { rows: deliveryRows } = await pool.query(
      `SELECT channel, status, count(*)::int AS n FROM deliveries WHERE event_id = $1
       GROUP BY channel, status ORDER BY channel, status`,
      [eventId],
    );
    const email = mailbox.tally(expectedEmails);
    const inApp = {
      lost: RESIDENTS - inboxCount.residents,
      duplicated: inboxCount.total - inboxCount.distinct_users,
      strays: inboxCount.distinct_users - inboxCount.residents,
    };

    // ---- report ----------------------------------------------------------------------------
    heading('results');
    const inAppSeconds = seconds(inAppAt);
    const emailSeconds = seconds(emailAt);
    const elapsed = (endedAt - t0) / 1000;
    line(
      'first inbox row after',
      secs(seconds(firstInboxAt), 2) + '  (outbox relay + queue pick-up)',
    );
    if (fannedOutAt) line('fan-out job finished after', secs(seconds(fannedOutAt)));
    line('in-app: last of ' + int(RESIDENTS), versus(inAppSeconds, TARGET_IN_APP_S));
    line(
      'in-app deliveries/s',
      `${perSec((inAppSeconds ? RESIDENTS : inbox) / (inAppSeconds ?? elapsed))} (target ≥ ${perSec(RESIDENTS / TARGET_IN_APP_S)})`,
    );
    line('email: last of ' + int(WITH_EMAIL), versus(emailSeconds, TARGET_EMAIL_S));
    line(
      'email deliveries/s',
      `${perSec((emailSeconds ? WITH_EMAIL : emailsAtEnd) / (emailSeconds ?? elapsed))} (target ≥ ${perSec(WITH_EMAIL / TARGET_EMAIL_S)})`,
    );
    line(
      'in-app lost / duplicated',
      `${int(inApp.lost)} / ${int(inApp.duplicated)}` +
        (inApp.strays ? `  (${int(inApp.strays)} outside the audience!)` : ''),
    );
    line(
      'email lost / duplicated',
      `${int(email.lost)} / ${int(email.duplicated)}` +
        (email.strays ? `  (${int(email.strays)} to unexpected addresses!)` : ''),
    );
    line(
      'deliveries table',
      deliveryRows.map((row) => `${row.channel} ${row.status} ${int(row.n)}`).join(', ') || '—',
    );
    const phases = cpu.inApp
      ? [
          ['in-app phase', cpu.start, cpu.inApp, t0, inAppAt],
          ['email tail', cpu.inApp, cpu.end, inAppAt, endedAt],
        ]
      : [['run until giving up', cpu.start, cpu.end, t0, endedAt]];
    for (const [label, from, to, a, b] of phases) {
      if (!from || !to || a == null || b == null || b - a < 100) continue;
      const wall = (b - a) / 1000;
      const cores = (key) => ((to[key] - from[key]) / wall).toFixed(2);
      line(
        `cpu in ${label} (${wall.toFixed(1)} s)`,
        `worker ${cores('worker')}, postgres backends ${cores('postgres')}, api ${cores('api')}, bench+smtp ${cores('bench')} cores`,
      );
    }

    return {
      scenario: name,
      inAppSeconds: round(inAppSeconds),
      emailSeconds: round(emailSeconds),
      lost: inApp.lost + email.lost,
      duplicated: inApp.duplicated + email.duplicated,
    };
  });
}

/** POST /api/announcements; while that endpoint does not exist, the same rows written with SQL. */
async function announce(stack, token, secretariatId) {
  const announcement = {
    title: '压测公告：2020年民生实事项目征集开始',
    body: '普陀区2020年民生实事项目开始征集，欢迎居民提出建议。This is a benchmark announcement.',
    audience: ['resident'],
  };
  const response = await request(stack.baseUrl, 'POST', '/api/announcements', {
    token,
    body: announcement,
  });
  let announcementId;
  let path;
  if (response.status === 201 || response.status === 200) {
    path = 'POST /api/announcements';
    announcementId = response.body?.id ?? response.body?.announcement?.id;
    if (!announcementId) {
      const { rows } = await stack.pool.query(
        'SELECT id FROM announcements ORDER BY created_at DESC LIMIT 1',
      );
      announcementId = rows[0]?.id;
    }
  } else if (response.status === 404 || response.status === 405) {
    path = 'SQL (POST /api/announcements answered 404: not there yet)';
    const client = await stack.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query(
        `INSERT INTO announcements (title, body, audience, created_by)
         VALUES ($1, $2, $3::user_role[], $4) RETURNING id`,
        [announcement.title, announcement.body, announcement.audience, secretariatId],
      );
      announcementId = rows[0].id;
      await client.query(
        `INSERT INTO outbox_events (type, payload)
         VALUES ('announcement', json_build_object('announcementId', $1::uuid))`,
        [announcementId],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  } else {
    throw new Error(
      `POST /api/announcements answered ${response.status}: ${response.text.slice(0, 300)}`,
    );
  }
  const { rows } = await stack.pool.query(
    `SELECT id FROM outbox_events WHERE type = 'announcement' AND payload->>'announcementId' = $1`,
    [String(announcementId)],
  );
  if (!rows[0]) throw new Error(`no outbox event for announcement ${announcementId}`);
  return { eventId: rows[0].id, path };
}

/** Waits (bounded) until no delivery is pending and no mail has arrived for a second. */
async function settle(pool, mailbox, eventId, limitMs) {
  const deadline = performance.now() + limitMs;
  let lastCount = -1;
  let quietSince = performance.now();
  while (performance.now() < deadline) {
    const { rows } = await pool.query(
      `SELECT count(*)::int AS n FROM deliveries WHERE event_id = $1 AND status = 'pending'`,
      [eventId],
    );
    if (mailbox.state.received !== lastCount) {
      lastCount = mailbox.state.received;
      quietSince = performance.now();
    }
    if (rows[0].n === 0 && performance.now() - quietSince >= 1_000) return;
    await sleep(250);
  }
}
