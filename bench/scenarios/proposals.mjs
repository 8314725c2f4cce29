// Issue 4: proposals on a cycle seeded with 100,000 of them. Measures the submit rate
// (POST /api/cycles/:id/proposals, which also looks for similar proposals), the list rate
// (GET /api/cycles/:id/proposals sorted by supports; recent and a search as information), and
// 2,000 residents supporting one proposal at once, whose final count must be exact. Then prints
// diagnostics (query timings and plans on the seeded data) for finding the bottleneck.
//
// The rates are measured as fast as the API answers (a closed loop of 50 connections); the p99
// targets at the target rates, requests sent evenly whatever the answers do and each timed from
// when it was due (bench/lib/open-loop.mjs). In a closed loop at full speed every request waits
// behind the 49 others, so its latency is about 50 / rate whatever the code does; those figures
// are printed too, as information.
import http from 'node:http';
import argon2 from 'argon2';
import autocannon from 'autocannon';
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
  printWaits,
  startWaitSampler,
  waitForQuiet,
} from '../lib/meters.mjs';
import { openLoop } from '../lib/open-loop.mjs';
import { withStack } from '../lib/stack.mjs';
import { profilingEnv, startProfile, stopProfile, summariseProfile } from '../lib/cpuprofile.mjs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const name = 'proposals';
export const description =
  'submit and list on a cycle of 100,000 proposals; 2,000 residents supporting one at once';

const PROPOSALS = Number(process.env.BENCH_PROPOSALS_COUNT ?? 100_000);
const RESIDENTS = Number(process.env.BENCH_PROPOSALS_RESIDENTS ?? 5_000);
const SUPPORTERS = Math.min(RESIDENTS - 1, Number(process.env.BENCH_PROPOSALS_SUPPORTERS ?? 2_000));
const CONNECTIONS = Number(process.env.BENCH_PROPOSALS_CONNECTIONS ?? 50);
const DURATION_S = Number(process.env.BENCH_PROPOSALS_DURATION_S ?? 10);
/** BENCH_PROPOSALS_PROFILE=1: a V8 CPU profile of the API during the list and the submit runs. */
const PROFILE = process.env.BENCH_PROPOSALS_PROFILE === '1';
const PROFILE_DIR = join(tmpdir(), `minsheng-bench-proposals-profiles-${process.pid}`);
const INFO_DURATION_S = 5;
const WARMUP_S = 2;
const OPEN_LOOP_LEAD_IN_S = 2;
const SUPPORT_SOCKETS = 200;
const SIGN_IN_CONCURRENCY = 16;

const TARGET_SUBMIT_PER_S = 1_000;
const TARGET_LIST_PER_S = 2_000;
const TARGET_P99_MS = 50;

const PASSWORD = 'bench-password-民生-2020';
const SECRETARIAT_EMAIL = 'secretariat@bench.minsheng.test';
/** Resident i (1-based) signs in with this phone number. */
const residentPhone = (i) => `13${String(i).padStart(9, '0')}`;

// ---- words the proposals are made of (the same in the SQL seed and in submitted bodies) ----
const VERBS = ['改造', '新建', '提升', '增设', '整治', '扩建', '完善', '修缮', '优化', '建设'];
const PLACES = [
  '沈家门街道',
  '东港街道',
  '朱家尖街道',
  '展茅街道',
  '勾山街道',
  '普陀山镇',
  '六横镇',
  '桃花镇',
  '虾峙镇',
  '东极镇',
  '白沙岛',
  '登步乡',
  '蚂蚁岛',
  '平阳浦',
  '芦花社区',
  '鲁家峙',
  '青浜岛',
  '庙子湖',
  '东晖社区',
  '塘头社区',
];
const SUBJECTS = [
  ['渔农村供水管网', 'water'],
  ['海水淡化设施', 'water'],
  ['二次供水泵房', 'water'],
  ['污水管网', 'environment'],
  ['品质河道', 'environment'],
  ['垃圾分类投放点', 'environment'],
  ['公共厕所', 'environment'],
  ['乡镇卫生院', 'healthcare'],
  ['社区卫生服务站', 'healthcare'],
  ['海岛住院服务', 'healthcare'],
  ['流感疫苗接种点', 'healthcare'],
  ['居家养老服务中心', 'elderly_care'],
  ['老年食堂', 'elderly_care'],
  ['婴幼儿托育点', 'childcare'],
  ['普惠性幼儿园', 'education'],
  ['小学操场', 'education'],
  ['公交线路', 'transport'],
  ['公交候车亭', 'transport'],
  ['停车位', 'transport'],
  ['渡轮码头', 'transport'],
  ['人行道', 'transport'],
  ['老旧小区', 'housing'],
  ['加装电梯', 'housing'],
  ['菜市场', 'food_safety'],
  ['阳光厨房', 'food_safety'],
  ['水产品平价供应点', 'food_safety'],
  ['健身步道', 'culture_sports'],
  ['农村文化礼堂', 'culture_sports'],
  ['篮球场', 'culture_sports'],
  ['路灯', 'public_safety'],
  ['海塘', 'public_safety'],
  ['消防通道', 'public_safety'],
  ['残疾人托养中心', 'social_security'],
  ['社保服务窗口', 'social_security'],
  ['社区就业服务站', 'employment'],
  ['渔民转产培训', 'employment'],
  ['零工市场', 'employment'],
  ['快递驿站', 'other'],
  ['电动自行车充电桩', 'other'],
];
const SUFFIXES = ['', '的建议', '项目', '工程', '（二期）', '，方便群众', '刻不容缓'];
const PROBLEMS = [
  '年久失修，经常出现故障',
  '数量不足，高峰时段排长队',
  '设施老化，存在安全隐患',
  '布局不合理，群众使用不便',
  '长期缺乏维护，环境脏乱',
  '覆盖范围小，偏远住户用不上',
  '夏季用水紧张，经常停水',
  '夜间照明不足，老人出行困难',
  '台风天经常受损，修复很慢',
  '建于上世纪九十年代，管道锈蚀严重',
  '离居民区太远，步行要半个多小时',
  '收费偏高，低收入家庭负担重',
  '只有一处，周边三个村共用',
  '开放时间太短，上班族用不上',
  '没有无障碍设施，轮椅进不去',
  '去年修过一次，效果不明显',
];
const IMPACTS = [
  '附近居民意见较大',
  '影响老人和儿童出行安全',
  '给渔农民生产生活带来不便',
  '多次向社区反映仍未解决',
  '外来游客也有投诉',
  '雨天积水严重，出行困难',
  '周边商户生意受到影响',
  '孩子上学要绕远路',
  '独居老人尤其不方便',
  '渔船靠港后无处停放物资',
  '居民只能到镇上解决',
  '夏天异味很重',
];
const EXTRAS = [
  '由区里统筹资金，年内完成',
  '参照其他街道的做法分期实施',
  '请相关部门实地调研后尽快立项',
  '同时建立长效管护机制',
  '优先保障老年人和残疾人的需求',
  '资金可由区财政和街道共同承担',
  '施工期间做好临时替代安排',
  '建成后交由社区日常管理',
  '听取周边居民意见后再定方案',
  '可以结合美丽乡村建设一并推进',
  '同步做好宣传和引导',
  '请人大代表跟踪督办',
];
const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
  '何',
  '郭',
  '马',
  '罗',
];
const GIVEN = [
  '海燕',
  '建国',
  '丽华',
  '志强',
  '秀英',
  '伟',
  '敏',
  '静',
  '磊',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '霞',
  '平',
];
/** A search term of four characters, long enough for trigram indexes to help. */
const SEARCH = '供水管网';

/** A varied proposal body from a counter (a cheap mixing function instead of Math.random). */
function proposalBody(n) {
  const pick = (array, salt) => array[Math.abs(Math.imul(n + 1, 2654435761) ^ salt) % array.length];
  const verb = pick(VERBS, 0x11);
  const place = pick(PLACES, 0x2345);
  const [subject, category] = pick(SUBJECTS, 0x6789a);
  return {
    title: `${verb}${place}${subject}${pick(SUFFIXES, 0xbcde)}`,
    category,
    description:
      `目前${place}的${subject}${pick(PROBLEMS, 0x1f2e3)}，${pick(IMPACTS, 0x4d5c)}。` +
      `建议${verb}${subject}，${pick(EXTRAS, 0x6b7a)}。（压测提交 ${n}）`,
    location: n % 3 === 0 ? undefined : place,
    anonymous: n % 10 === 0,
  };
}

export async function run() {
  return withStack(name, PROFILE ? { apiEnv: profilingEnv(PROFILE_DIR) } : {}, async (stack) => {
    const { pool, baseUrl } = stack;

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
    await pool.query(
      `INSERT INTO users (email, password_hash, display_name, roles, active)
       VALUES ($1, $2, '人大常委会办公室（压测）', ARRAY['secretariat']::user_role[], true)`,
      [SECRETARIAT_EMAIL, passwordHash],
    );
    await pool.query(
      `INSERT INTO users (phone, password_hash, display_name, roles, active)
       SELECT '13' || lpad(i::text, 9, '0'), $1,
              ($3::text[])[1 + i % 20] || ($4::text[])[1 + (i / 20) % 20],
              ARRAY['resident']::user_role[], true
       FROM generate_series(1, $2::int) AS i`,
      [passwordHash, RESIDENTS, SURNAMES, GIVEN],
    );
    line(
      'users',
      `${int(RESIDENTS)} residents and a secretariat in ${secs((performance.now() - startedAt) / 1000)}`,
    );

    const secretariatToken = await signIn(baseUrl, SECRETARIAT_EMAIL, PASSWORD);
    const created = await request(baseUrl, 'POST', '/api/cycles', {
      token: secretariatToken,
      body: { year: 2020, title: '2020年普陀区民生实事项目（压测）', region: '普陀区', seats: 10 },
    });
    if (created.status !== 201 || !created.body?.id) {
      throw new Error(`POST /api/cycles answered ${created.status}: ${created.text.slice(0, 300)}`);
    }
    const cycleId = created.body.id;
    const moved = await request(baseUrl, 'POST', `/api/cycles/${cycleId}/phase`, {
      token: secretariatToken,
      body: { phase: 'collecting' },
    });
    if (moved.status !== 200 || moved.body?.phase !== 'collecting') {
      throw new Error(
        `POST /api/cycles/:id/phase answered ${moved.status}: ${moved.text.slice(0, 300)}`,
      );
    }
    line('cycle', `${cycleId} (through the API), phase collecting`);

    startedAt = performance.now();
    const client = await pool.connect();
    let supportRows;
    let proposalsSeconds;
    try {
      // Residents numbered 1…n (by phone) in a temporary table, joined instead of indexing a
      // big array per row (PostgreSQL would detoast the whole array for every subscript).
      await client.query(
        `CREATE TEMP TABLE bench_residents ON COMMIT PRESERVE ROWS AS
         SELECT substr(phone, 3)::int AS i, id FROM users WHERE 'resident' = ANY(roles)`,
      );
      await client.query('ALTER TABLE bench_residents ADD PRIMARY KEY (i)');
      await client.query('ANALYZE bench_residents');
      await client.query('SELECT setseed(0.2020)');
      // Authors from the residents; 50 popular proposals with hundreds of supports, the rest few.
      await client.query(
        `WITH g AS (
           SELECT i,
                  1 + floor(random() * cardinality($3::text[]))::int AS v,
                  1 + floor(random() * cardinality($4::text[]))::int AS pl,
                  1 + floor(random() * cardinality($5::text[]))::int AS s,
                  1 + floor(random() * cardinality($7::text[]))::int AS suf,
                  1 + floor(random() * cardinality($8::text[]))::int AS pr,
                  1 + floor(random() * cardinality($9::text[]))::int AS im,
                  1 + floor(random() * cardinality($10::text[]))::int AS ex,
                  1 + floor(random() * $11::int)::int AS a,
                  random() AS pop, random() AS x, random() AS y
           FROM generate_series(1, $2::int) AS i
         )
         INSERT INTO proposals (cycle_id, author_id, title, category, description, location,
                                anonymous, status, support_count, created_at, updated_at)
         SELECT $1::uuid,
                r.id,
                ($3::text[])[v] || ($4::text[])[pl] || ($5::text[])[s] || ($7::text[])[suf],
                ($6::text[])[s]::proposal_category,
                '目前' || ($4::text[])[pl] || '的' || ($5::text[])[s] || ($8::text[])[pr] || '，' ||
                  ($9::text[])[im] || '。建议' || ($3::text[])[v] || ($5::text[])[s] || '，' ||
                  ($10::text[])[ex] || '。',
                CASE WHEN g.x < 0.7 THEN ($4::text[])[pl] END,
                g.y < 0.1,
                (CASE WHEN g.y > 0.98 THEN 'withdrawn' ELSE 'submitted' END)::proposal_status,
                CASE WHEN g.pop < 0.0005 THEN 300 + floor(g.x * 1200)::int
                     ELSE floor(power(g.pop, 3) * 24)::int END,
                now() - g.i * interval '50 seconds' - g.x * interval '40 seconds',
                now() - g.i * interval '50 seconds'
         FROM g JOIN bench_residents r ON r.i = g.a`,
        [
          cycleId,
          PROPOSALS,
          VERBS,
          PLACES,
          SUBJECTS.map(([subject]) => subject),
          SUBJECTS.map(([, category]) => category),
          SUFFIXES,
          PROBLEMS,
          IMPACTS,
          EXTRAS,
          RESIDENTS,
        ],
      );
      proposalsSeconds = (performance.now() - startedAt) / 1000;
      line('proposals', `${int(PROPOSALS)} in ${secs(proposalsSeconds)}`);

      // Supports rows that match every support_count: supporter k of a proposal is the k-th
      // resident after its author, so never the author and never twice.
      startedAt = performance.now();
      supportRows = await client.query(
        `INSERT INTO supports (proposal_id, user_id, created_at)
         SELECT p.id, s.id, least(now(), p.created_at + k * interval '3 minutes')
         FROM proposals p
              JOIN bench_residents a ON a.id = p.author_id
              CROSS JOIN LATERAL generate_series(1, p.support_count) AS k
              JOIN bench_residents s ON s.i = 1 + (a.i - 1 + k) % $2::int
         WHERE p.cycle_id = $1 AND p.support_count > 0`,
        [cycleId, RESIDENTS],
      );
      await client.query('DROP TABLE bench_residents');
    } finally {
      client.release();
    }
    line(
      'supports',
      `${int(supportRows.rowCount)} rows matching support_count in ${secs((performance.now() - startedAt) / 1000)}`,
    );
    startedAt = performance.now();
    // VACUUM as well: it flushes the GIN pending lists and sets the visibility map, as
    // autovacuum would on a live database.
    await pool.query('VACUUM ANALYZE users');
    await pool.query('VACUUM ANALYZE proposals');
    await pool.query('VACUUM ANALYZE supports');
    line('vacuum analyze', secs((performance.now() - startedAt) / 1000));
    const {
      rows: [sizes],
    } = await pool.query(
      `SELECT pg_size_pretty(pg_total_relation_size('proposals')) AS proposals,
              pg_size_pretty(pg_total_relation_size('supports')) AS supports,
              (SELECT round(avg(support_count), 1) FROM proposals) AS mean,
              (SELECT max(support_count) FROM proposals) AS max`,
    );
    line(
      'sizes',
      `proposals ${sizes.proposals}, supports ${sizes.supports}; support_count mean ${sizes.mean}, max ${sizes.max}`,
    );

    // ---- sign in, before any clock starts ------------------------------------------------
    heading('sign-in (not measured against a target)');
    startedAt = performance.now();
    const tokensFrom = Date.now(); // the first token expires 15 minutes after this
    const indexes = [...Array.from({ length: SUPPORTERS }, (_, i) => i + 1), RESIDENTS];
    const tokens = await mapLimit(indexes, SIGN_IN_CONCURRENCY, (i) =>
      signIn(baseUrl, residentPhone(i), PASSWORD),
    );
    const signInSeconds = (performance.now() - startedAt) / 1000;
    const authorToken = tokens.pop(); // resident RESIDENTS: the author of the proposal to support
    line(
      'residents signed in',
      `${int(indexes.length)} in ${secs(signInSeconds)} (${perSec(indexes.length / signInSeconds)})`,
    );

    // The proposal the 2,000 will support: filed through the API by a resident who is not one of them.
    const target = await request(baseUrl, 'POST', `/api/cycles/${cycleId}/proposals`, {
      token: authorToken,
      body: {
        title: '改造青浜岛渔农村供水管网并建设海水淡化设施',
        category: 'water',
        description:
          '青浜岛夏季用水紧张，经常停水。建议改造渔农村供水管网21公里，并建设青浜海水淡化设施。',
        location: '青浜岛',
      },
    });
    if (target.status !== 201 || !target.body?.id) {
      throw new Error(
        `submitting the target proposal answered ${target.status}: ${target.text.slice(0, 300)}`,
      );
    }
    line(
      'proposal to support',
      `${target.body.id}; submit answered ${target.body.similar?.length ?? 0} similar (best ${target.body.similar?.[0]?.similarity ?? '—'}: ${target.body.similar?.[0]?.title ?? '—'})`,
    );

    const meters = makeMeters(stack);
    const listPath = (query) => `/api/cycles/${cycleId}/proposals?${query}`;

    // ---- list --------------------------------------------------------------------------
    // The API reuses a list page for 1 s (libs/proposals ShortLivedCache): the same request over
    // and over measures a hot page; "not reused" walks 2,000 shallow pages (two sorts, page sizes
    // 10–59, pages 1–20) so that none comes round within 1 s.
    heading(`list (${CONNECTIONS} connections, ${DURATION_S} s each)`);
    const probe = await request(baseUrl, 'GET', listPath('sort=supports&page=1&pageSize=20'));
    if (probe.status !== 200 || probe.body?.items?.length !== 20) {
      throw new Error(`the list answered ${probe.status}: ${probe.text.slice(0, 300)}`);
    }
    line(
      'first page by supports',
      `total ${int(probe.body.total)}, top supportCount ${probe.body.items
        .map((item) => item.supportCount)
        .slice(0, 5)
        .join(', ')} …, ${int(Buffer.byteLength(probe.text))} bytes`,
    );
    await load({
      url: baseUrl + listPath('sort=supports&page=1&pageSize=20'),
      connections: CONNECTIONS,
      duration: WARMUP_S,
    });
    await waitForQuiet(pool);
    if (PROFILE) await startProfile(PROFILE_DIR, stack.api.pid, 1);
    const list = await measure(meters, 'sort=supports, as fast as it answers (the rate target)', {
      url: baseUrl + listPath('sort=supports&page=1&pageSize=20'),
      connections: CONNECTIONS,
      duration: DURATION_S,
    });
    if (PROFILE) {
      const profile = await stopProfile(PROFILE_DIR, stack.api.pid, 1);
      console.log(`\n  -- the API's main thread during the list (V8 profile ${profile.path})`);
      summariseProfile(profile.profile);
    }
    const listAtTarget = await measureAtRate(
      meters,
      `sort=supports, ${int(TARGET_LIST_PER_S)}/s sent evenly (the latency target)`,
      {
        baseUrl,
        rate: TARGET_LIST_PER_S,
        durationS: DURATION_S,
        requestAt: () => ({ method: 'GET', path: listPath('sort=supports&page=1&pageSize=20') }),
      },
    );
    const listRecent = await measure(meters, 'sort=recent (info)', {
      url: baseUrl + listPath('sort=recent&page=1&pageSize=20'),
      connections: CONNECTIONS,
      duration: INFO_DURATION_S,
    });
    const listSearch = await measure(meters, `q=${SEARCH} (info)`, {
      url: baseUrl + listPath(`sort=supports&page=1&pageSize=20&q=${encodeURIComponent(SEARCH)}`),
      connections: CONNECTIONS,
      duration: INFO_DURATION_S,
    });
    const deepPage = await measure(meters, 'sort=supports page 500 (info)', {
      url: baseUrl + listPath('sort=supports&page=500&pageSize=20'),
      connections: CONNECTIONS,
      duration: INFO_DURATION_S,
    });
    let walked = 0;
    const listNotReused = await measure(
      meters,
      'not reused: sort=supports|recent × pageSize 10–59 × pages 1–20 in turn (info: every page from the database)',
      {
        url: baseUrl,
        connections: CONNECTIONS,
        duration: INFO_DURATION_S,
        requests: [
          {
            method: 'GET',
            setupRequest(req) {
              const n = walked++;
              const sort = n % 2 === 0 ? 'supports' : 'recent';
              const pageSize = 10 + (Math.floor(n / 2) % 50);
              const page = 1 + (Math.floor(n / 100) % 20);
              return { ...req, path: listPath(`sort=${sort}&page=${page}&pageSize=${pageSize}`) };
            },
          },
        ],
      },
    );
    const oneProposal = await measure(meters, 'GET /api/proposals/:id (info: the floor)', {
      url: `${baseUrl}/api/proposals/${target.body.id}`,
      connections: CONNECTIONS,
      duration: INFO_DURATION_S,
    });

    // ---- submit ------------------------------------------------------------------------
    heading(
      `submit (${CONNECTIONS} connections, ${DURATION_S} s, rotating ${int(tokens.length)} tokens)`,
    );
    let submitted = 0;
    const submitRequests = () => [
      {
        method: 'POST',
        path: `/api/cycles/${cycleId}/proposals`,
        setupRequest(req) {
          const n = submitted++;
          return {
            ...req,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${tokens[n % tokens.length]}`,
            },
            body: JSON.stringify(proposalBody(n)),
          };
        },
      },
    ];
    // A light warm-up: a heavy one would leave many slow requests to drain.
    await load({ url: baseUrl, connections: 4, duration: WARMUP_S, requests: submitRequests() });
    const warmDrain = await waitForQuiet(pool);
    if (warmDrain > 0.5) line('warm-up drained in', secs(warmDrain));
    const {
      rows: [before],
    } = await pool.query('SELECT count(*)::int AS n FROM proposals WHERE cycle_id = $1', [cycleId]);
    const submitStartedAt = performance.now();
    const countersBefore = await databaseCounters(pool);
    if (PROFILE) await startProfile(PROFILE_DIR, stack.api.pid, 2);
    const submit = await measure(meters, 'as fast as it answers (the rate target)', {
      url: baseUrl,
      connections: CONNECTIONS,
      duration: DURATION_S,
      requests: submitRequests(),
    });
    if (PROFILE) {
      const profile = await stopProfile(PROFILE_DIR, stack.api.pid, 2);
      console.log(`\n  -- the API's main thread during the submit (V8 profile ${profile.path})`);
      summariseProfile(profile.profile);
    }
    const {
      rows: [after],
    } = await pool.query('SELECT count(*)::int AS n FROM proposals WHERE cycle_id = $1', [cycleId]);
    const submitWithDrain = (performance.now() - submitStartedAt) / 1000;
    const countersAfter = await databaseCounters(pool);
    line(
      'database, per row added',
      describeCounters(countersBefore, countersAfter, after.n - before.n),
    );
    line(
      'rows added, run and drain',
      `${int(after.n - before.n)} in ${secs(submitWithDrain)}: ${perSec((after.n - before.n) / submitWithDrain)} including what finished after the run (answers 201 within it: ${int(submit.ok)})`,
    );
    const submitAtTarget = await measureAtRate(
      meters,
      `${int(TARGET_SUBMIT_PER_S)}/s sent evenly (the latency target)`,
      {
        baseUrl,
        rate: TARGET_SUBMIT_PER_S,
        durationS: DURATION_S,
        requestAt: () => {
          const n = submitted++;
          return {
            method: 'POST',
            path: `/api/cycles/${cycleId}/proposals`,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${tokens[n % tokens.length]}`,
            },
            body: JSON.stringify(proposalBody(n)),
          };
        },
      },
    );

    // ---- 2,000 supports on one proposal at once ---------------------------------------------
    heading(
      `${int(SUPPORTERS)} residents support one proposal at once (${SUPPORT_SOCKETS} sockets)`,
    );
    if (Date.now() - tokensFrom > 14 * 60_000) {
      console.log('  warning: the first access tokens are close to their 15 minutes: expect 401s');
    }
    await waitForQuiet(pool);
    const supportLoad = loadAverage();
    const supportCpu = await meters.start();
    const supportWaits = startWaitSampler(pool);
    const agent = new http.Agent({ keepAlive: true, maxSockets: SUPPORT_SOCKETS });
    const supportUrl = `${baseUrl}/api/proposals/${target.body.id}/supports`;
    const t0 = performance.now();
    const answers = await Promise.all(tokens.map((token) => post(agent, supportUrl, token)));
    const supportSeconds = (performance.now() - t0) / 1000;
    const supportWaitsSeen = await supportWaits.stop();
    const supportCpuUsed = await meters.stop(supportCpu, supportSeconds);
    agent.destroy();
    const statuses = countBy(answers.map((answer) => answer.status));
    const supportLatency = answers.map((answer) => answer.ms).sort((a, b) => a - b);
    const detail = await request(baseUrl, 'GET', `/api/proposals/${target.body.id}`);
    const {
      rows: [rowCount],
    } = await pool.query('SELECT count(*)::int AS n FROM supports WHERE proposal_id = $1', [
      target.body.id,
    ]);
    const apiCount = detail.body?.supportCount;
    const supportExact = apiCount === SUPPORTERS && rowCount.n === SUPPORTERS;
    line(
      'answers',
      Object.entries(statuses)
        .map(([status, n]) => `${status}: ${int(n)}`)
        .join(', '),
    );
    const firstBad = answers.find((answer) => answer.status < 200 || answer.status >= 300);
    if (firstBad) line('first non-2xx', `${firstBad.status} ${firstBad.body.slice(0, 200)}`);
    line('all done in', `${secs(supportSeconds, 2)} (${perSec(SUPPORTERS / supportSeconds)})`);
    line(
      'latency p50 / p99 / max',
      `${ms(percentile(supportLatency, 50))} / ${ms(percentile(supportLatency, 99))} / ${ms(supportLatency.at(-1))}`,
    );
    line('supportCount (GET /api/proposals/:id)', int(apiCount));
    line('rows in supports', int(rowCount.n));
    line('exact', `${supportExact ? 'yes' : 'NO'} (must be ${int(SUPPORTERS)} both)`);
    printCpu(supportCpuUsed, supportLoad);
    printWaits(supportWaitsSeen);

    // ---- results -----------------------------------------------------------------------------
    heading('results');
    const p99Ms = Math.max(submitAtTarget.p99, listAtTarget.p99);
    line('submit', versus(submit.okPerSec, TARGET_SUBMIT_PER_S, { unit: '/s', upper: false }));
    line(
      'list (sort=supports)',
      versus(list.okPerSec, TARGET_LIST_PER_S, { unit: '/s', upper: false }),
    );
    line(
      `p99 submit at ${int(TARGET_SUBMIT_PER_S)}/s`,
      versus(submitAtTarget.p99, TARGET_P99_MS, { unit: ' ms' }) + notOkNote(submitAtTarget),
    );
    line(
      `p99 list at ${int(TARGET_LIST_PER_S)}/s`,
      versus(listAtTarget.p99, TARGET_P99_MS, { unit: ' ms' }) + notOkNote(listAtTarget),
    );
    line(
      'info: p99 as fast as it answers',
      `submit ${ms(submit.p99)}, list ${ms(list.p99)} (a closed loop of ${CONNECTIONS} connections waits about ${CONNECTIONS} / rate each)`,
    );
    line('support count exact', supportExact ? 'yes (met)' : 'NO (MISSED)');
    line(
      'info: list recent / q / page 500 (reused)',
      `${perSec(listRecent.okPerSec)} / ${perSec(listSearch.okPerSec)} / ${perSec(deepPage.okPerSec)} (p99 ${ms(listRecent.p99)} / ${ms(listSearch.p99)} / ${ms(deepPage.p99)})`,
    );
    line(
      'info: GET /api/proposals/:id',
      `${perSec(oneProposal.okPerSec)} (p99 ${ms(oneProposal.p99)})`,
    );
    line(
      'info: list, no page reused',
      `${perSec(listNotReused.okPerSec)} (p99 ${ms(listNotReused.p99)})`,
    );

    // ---- diagnostics -------------------------------------------------------------------------
    await diagnose(pool, cycleId, stack);

    return {
      scenario: name,
      submitPerSec: round(submit.okPerSec, 1),
      listPerSec: round(list.okPerSec, 1),
      p99Ms: round(p99Ms, 1),
      supportExact,
    };
  });
}

// ---- load generation and measuring ------------------------------------------------------------

function load(options) {
  return autocannon({ timeout: 20, ...options });
}

/** Runs autocannon while measuring CPU and PostgreSQL wait events; prints and returns figures. */
async function measure(meters, label, options) {
  const cpu = await meters.start();
  const waits = startWaitSampler(meters.pool);
  const samples = [];
  if (options.requests) {
    for (const req of options.requests) {
      req.onResponse = (status, body) => {
        if ((status < 200 || status >= 300) && samples.length < 3)
          samples.push(`${status} ${String(body).slice(0, 200)}`);
      };
    }
  }
  const loadBefore = loadAverage();
  const result = await load(options);
  const waitsSeen = await waits.stop();
  const cpuUsed = await meters.stop(cpu, result.duration);
  const drainedIn = await waitForQuiet(meters.pool);
  const ok = result['2xx'];
  // No answer within the run: the latency is at least the run's length (autocannon reports 0).
  const unanswered = result.requests.total === 0;
  const figures = {
    unanswered,
    label,
    total: result.requests.total,
    ok,
    okPerSec: ok / result.duration,
    p50: unanswered ? result.duration * 1000 : result.latency.p50,
    p99: unanswered ? result.duration * 1000 : result.latency.p99,
    max: unanswered ? result.duration * 1000 : result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    bytes: result.throughput.total / Math.max(1, result.requests.total),
  };
  console.log(`\n  -- ${label}`);
  line(
    'requests/s (2xx only)',
    `${perSec(figures.okPerSec)} (all answers ${perSec(figures.total / result.duration)}, ${int(figures.total)} in ${secs(result.duration)})`,
  );
  line(
    'latency p50 / p99 / max',
    unanswered
      ? `no answer within the run: ≥ ${ms(figures.p99)} each`
      : `${ms(figures.p50)} / ${ms(figures.p99)} / ${ms(figures.max)}`,
  );
  line(
    'errors / timeouts / non-2xx',
    `${int(figures.errors)} / ${int(figures.timeouts)} / ${int(figures.non2xx)}` +
      (result.statusCodeStats
        ? `  (status ${Object.entries(result.statusCodeStats)
            .map(([code, stat]) => `${code}: ${int(stat.count)}`)
            .join(', ')})`
        : ''),
  );
  for (const sample of samples) line('non-2xx sample', sample);
  line('mean answer size', `${int(figures.bytes)} bytes`);
  printCpu(cpuUsed, loadBefore);
  if (figures.total > 0) {
    const per = (cores) => `${((cores * result.duration * 1000) / figures.total).toFixed(2)} ms`;
    line('cpu per answer', `api ${per(cpuUsed.api)}, postgres ${per(cpuUsed.postgres)}`);
  }
  printWaits(waitsSeen);
  if (drainedIn > 0.5)
    line('server busy after the run for', `${secs(drainedIn)} (requests still in flight)`);
  return figures;
}

/** Runs an open-loop load (bench/lib/open-loop.mjs) while measuring CPU and PostgreSQL waits. */
async function measureAtRate(meters, label, options) {
  // CPU and waits are sampled over the lead-in too: it runs at the same rate.
  const cpu = await meters.start();
  const waits = startWaitSampler(meters.pool);
  const loadBefore = loadAverage();
  const t0 = performance.now();
  const result = await openLoop({ ...options, leadInS: OPEN_LOOP_LEAD_IN_S });
  const waitsSeen = await waits.stop();
  const cpuUsed = await meters.stop(cpu, (performance.now() - t0) / 1000);
  await waitForQuiet(meters.pool);
  const ok = Object.entries(result.statuses)
    .filter(([status]) => status >= 200 && status < 300)
    .reduce((sum, [, n]) => sum + n, 0);
  console.log(`\n  -- ${label}`);
  line(
    'answered',
    `${int(result.total)} sent at ${perSec(options.rate)} over ${secs(options.durationS)}, all answered in ${secs(result.wallSeconds)} (status ${Object.entries(
      result.statuses,
    )
      .map(([status, n]) => `${status}: ${int(n)}`)
      .join(', ')})`,
  );
  for (const error of result.errors.slice(0, 3)) line('error sample', error);
  line(
    'latency p50 / p99 / max',
    `${ms(result.p50)} / ${ms(result.p99)} / ${ms(result.max)} (from when each was due)`,
  );
  line(
    'first second began',
    `${result.measuredFromClock.toISOString().slice(11, 23)} UTC (to match with server logs)`,
  );
  line('slowest answer, each second', result.slowestBySecond.map((value) => ms(value)).join(', '));
  line(
    'latest send, each second',
    `${result.latestSendBySecond.map((value) => ms(value)).join(', ')} (the bench's own lag)`,
  );
  printCpu(cpuUsed, loadBefore);
  printWaits(waitsSeen);
  return { ...result, notOk: result.total - ok };
}

// ---- small helpers ------------------------------------------------------------------------------

/** A fast refusal is no answer: a p99 counted over non-2xx answers is flagged. */
function notOkNote({ notOk }) {
  return notOk > 0 ? ` — but ${int(notOk)} answers were not 2xx` : '';
}

function post(agent, url, token) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { authorization: `Bearer ${token}`, 'content-length': '0' },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - t0, body }));
      },
    );
    req.setTimeout(120_000, () => req.destroy(new Error('timed out')));
    req.on('error', (error) =>
      resolve({ status: 0, ms: performance.now() - t0, body: String(error?.message ?? error) }),
    );
    req.end();
  });
}

// ---- diagnostics: what each query of the measured paths costs on the seeded data -------------

const BY_SUPPORTS = 'p.support_count DESC, p.id ASC';
const BY_RECENT = 'p.created_at DESC, p.id ASC';

/** A list page as ProposalsService sends it: the page's ids first, then its rows (columns abridged). */
function pageSql(where, order, offset = 0) {
  return `WITH page AS (SELECT p.id FROM proposals p WHERE ${where} ORDER BY ${order} LIMIT 20 OFFSET ${offset})
    SELECT p.*, a.display_name AS author_name,
      ARRAY(SELECT s.candidate_id FROM candidate_sources s WHERE s.proposal_id = p.id) AS candidate_ids
    FROM page JOIN proposals p USING (id) LEFT JOIN users a ON a.id = p.author_id ORDER BY ${order}`;
}

async function diagnose(pool, cycleId, stack) {
  heading('diagnostics: the queries behind each request, on the seeded data');
  const {
    rows: [sample],
  } = await pool.query(
    `SELECT id, title, description FROM proposals WHERE cycle_id = $1 ORDER BY created_at DESC LIMIT 1`,
    [cycleId],
  );
  const like = `%${SEARCH}%`;
  // The statements the list and submit paths send (as TypeORM builds them, columns abridged).
  const queries = [
    ['list: cycle exists (cycles.find)', 'SELECT * FROM cycles WHERE id = $1 LIMIT 1', [cycleId]],
    ['list: page sort=supports', pageSql('p.cycle_id = $1', BY_SUPPORTS), [cycleId]],
    ['list: page sort=recent', pageSql('p.cycle_id = $1', BY_RECENT), [cycleId]],
    ['list: page 500 sort=supports', pageSql('p.cycle_id = $1', BY_SUPPORTS, 9980), [cycleId]],
    [
      'list: total (TypeORM getCount)',
      `SELECT COUNT(DISTINCT(p.id)) AS cnt FROM proposals p LEFT JOIN users a ON a.id = p.author_id
       WHERE p.cycle_id = $1`,
      [cycleId],
    ],
    [
      'list: total as plain count(*)',
      'SELECT count(*) FROM proposals WHERE cycle_id = $1',
      [cycleId],
    ],
    [
      'list: candidatesOf (traces)',
      'SELECT proposal_id, candidate_id FROM candidate_sources WHERE proposal_id = ANY($1::uuid[])',
      [[sample.id]],
    ],
    [
      `list q=${SEARCH}: page`,
      pageSql('p.cycle_id = $1 AND (p.title ILIKE $2 OR p.description ILIKE $2)', BY_SUPPORTS),
      [cycleId, like],
    ],
    [
      `list q=${SEARCH}: total`,
      `SELECT COUNT(DISTINCT(p.id)) AS cnt FROM proposals p LEFT JOIN users a ON a.id = p.author_id
       WHERE p.cycle_id = $1 AND (p.title ILIKE $2 OR p.description ILIKE $2)`,
      [cycleId, like],
    ],
  ];
  const client = await pool.connect();
  try {
    console.log(
      `  median of up to 15 runs each (3 s at most), from the bench's own connection, after a warm-up run:`,
    );
    const timings = [];
    for (const [label, sql, params, threshold] of queries) {
      const runs = [];
      let rows = 0;
      const began = performance.now();
      for (let i = 0; i < 16 && (i < 2 || performance.now() - began < 3_000); i++) {
        await client.query('BEGIN');
        if (threshold) await client.query(`SET LOCAL pg_trgm.similarity_threshold = ${threshold}`);
        const t0 = performance.now();
        const result = await client.query(sql, params);
        if (i >= 1) runs.push(performance.now() - t0);
        rows = result.rowCount;
        await client.query('ROLLBACK');
      }
      runs.sort((a, b) => a - b);
      timings.push([label, percentile(runs, 50), rows]);
      line(label, `${ms(percentile(runs, 50))}  (${int(rows)} rows, ${runs.length} runs)`);
    }
    for (const index of [1, 3, 7]) {
      const [label, sql, params, threshold] = queries[index];
      console.log(`\n  EXPLAIN (ANALYZE, BUFFERS) — ${label}`);
      await client.query('BEGIN');
      if (threshold) await client.query(`SET LOCAL pg_trgm.similarity_threshold = ${threshold}`);
      const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      await client.query('ROLLBACK');
      const plan = rows.map((row) => row['QUERY PLAN']);
      const shown = plan.length > 24 ? [...plan.slice(0, 20), '…', ...plan.slice(-3)] : plan;
      for (const text of shown) console.log(`    ${text}`);
    }
    const {
      rows: [settings],
    } = await client.query(
      `SELECT current_setting('shared_buffers') AS sb, current_setting('work_mem') AS wm,
              current_setting('max_connections') AS mc, current_setting('synchronous_commit') AS sc`,
    );
    console.log(
      `\n  postgres: shared_buffers ${settings.sb}, work_mem ${settings.wm}, max_connections ${settings.mc}, synchronous_commit ${settings.sc}; app pool max 20; logs in ${stack.logDir}`,
    );
  } finally {
    client.release();
  }
}
