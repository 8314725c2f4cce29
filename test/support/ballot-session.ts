import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TokensService } from '@app/auth';
import { Role } from '@app/common';
import type { HttpAnswer, TestApp } from './test-app.js';

export interface Deputy {
  id: string;
  token: string;
}

export interface BallotingCycle {
  id: string;
  candidateIds: string[];
}

/**
 * Deputies written straight into the database and given access tokens by the token service:
 * a session needs hundreds, and hashing hundreds of passwords would only test argon2.
 * Everything a deputy does afterwards goes through HTTP.
 */
export async function makeDeputies(api: TestApp, count: number): Promise<Deputy[]> {
  const dataSource = api.app.get(DataSource);
  const tokens = api.app.get(TokensService);
  const tag = Math.random().toString(36).slice(2, 8);
  const rows = await dataSource.query<{ id: string }[]>(
    `INSERT INTO users (email, password_hash, display_name, roles)
     SELECT 'deputy-' || $1 || '-' || i || '@minsheng.test', '!', '代表' || i, '{deputy}'
     FROM generate_series(1, $2::int) AS i
     RETURNING id`,
    [tag, count],
  );
  return Promise.all(
    rows.map(async ({ id }) => ({
      id,
      token: await tokens.signAccess({ id, roles: [Role.Deputy], departmentId: null }),
    })),
  );
}

/**
 * A cycle driven through HTTP to balloting with `candidates` candidates, each from its own
 * accepted proposal. `secretariat` must hold the secretariat role.
 */
export async function ballotingCycle(
  api: TestApp,
  secretariat: { token: string },
  resident: { token: string },
  options: { candidates: number; seats: number; allowEqualBallot?: boolean },
): Promise<BallotingCycle> {
  const as = { token: secretariat.token };
  const ok = <T extends { status: number; body: any }>(answer: T, status: number): T => {
    if (answer.status !== status) {
      throw new Error(`expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
    }
    return answer;
  };
  const cycle = ok(
    await api.post(
      '/api/cycles',
      {
        year: 2020,
        title: '2020年普陀区民生实事',
        region: '普陀区',
        seats: options.seats,
        allowEqualBallot: options.allowEqualBallot ?? false,
      },
      as,
    ),
    201,
  ).body;
  const move = async (phase: string) =>
    ok(await api.post(`/api/cycles/${cycle.id}/phase`, { phase }, as), 200);
  await move('collecting');
  const proposals: string[] = [];
  for (let i = 0; i < options.candidates; i++) {
    const answer = ok(
      await api.post(
        `/api/cycles/${cycle.id}/proposals`,
        {
          title: `建议${i + 1}：新建第${i + 1}处居家养老服务中心`,
          category: 'elderly_care',
          description: `第${i + 1}号建议的说明。`,
        },
        { token: resident.token },
      ),
      201,
    );
    proposals.push(answer.body.id as string);
  }
  await move('screening');
  const department = ok(
    await api.post(
      '/api/departments',
      { name: `区民政局-${Math.random().toString(36).slice(2, 8)}` },
      as,
    ),
    201,
  ).body;
  const candidateIds: string[] = [];
  for (const [i, proposalId] of proposals.entries()) {
    ok(await api.post(`/api/proposals/${proposalId}/review`, { decision: 'accept' }, as), 200);
    const candidate = ok(
      await api.post(
        `/api/cycles/${cycle.id}/candidates`,
        {
          title: `候选项目${i + 1}`,
          category: 'elderly_care',
          summary: `第${i + 1}个候选项目`,
          targets: [`目标${i + 1}`],
          budget: 1_000_000,
          leadDepartmentId: department.id,
          sourceProposalIds: [proposalId],
        },
        as,
      ),
      201,
    );
    candidateIds.push(candidate.body.id as string);
  }
  await move('balloting');
  return { id: cycle.id as string, candidateIds };
}

export type Mark = 'for' | 'against' | 'abstain';
/** A deputy's marks by candidate id; a candidate left out is an abstention. */
export type Marks = Record<string, Mark>;

export interface MarkCounts {
  for: number;
  against: number;
  abstain: number;
}

/**
 * Deactivates every active deputy, so the electorate of the next ballot created is exactly the
 * deputies made afterwards. Their access tokens keep working for ballots they already belong to.
 */
export async function retireDeputies(api: TestApp): Promise<void> {
  await api.app
    .get(DataSource)
    .query(`UPDATE users SET active = false WHERE active AND 'deputy' = ANY (roles)`);
}

/** Exactly `count` active deputies: the electorate of the ballots created next. */
export async function electorate(api: TestApp, count: number): Promise<Deputy[]> {
  await retireDeputies(api);
  return makeDeputies(api, count);
}

export function choicesOf(marks: Marks): { candidateId: string; mark: Mark }[] {
  return Object.entries(marks).map(([candidateId, mark]) => ({ candidateId, mark }));
}

/** Lowercase hex SHA-256, as the bulletin lists receipts. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Asserts an error answer's status and machine-readable code together (one readable diff). */
export function expectRefusal(answer: HttpAnswer, status: number, code?: string): void {
  expect({ status: answer.status, code: answer.body?.code }).toEqual({ status, code });
}

/**
 * Recounts a bulletin as any citizen could: every published electronic ballot (a candidate it
 * leaves out is an abstention) plus the confirmed paper counts, per candidate.
 */
export function recount(
  bulletin: {
    ballots: { choices: { candidateId: string; mark: Mark }[] }[];
    paper: { counts: ({ candidateId: string } & MarkCounts)[] } | null;
  },
  candidateIds: readonly string[],
): Record<string, MarkCounts> {
  const counts = Object.fromEntries(
    candidateIds.map((id) => [id, { for: 0, against: 0, abstain: 0 }]),
  );
  for (const ballot of bulletin.ballots) {
    const marked = new Map(ballot.choices.map((choice) => [choice.candidateId, choice.mark]));
    for (const id of candidateIds) {
      counts[id][marked.get(id) ?? 'abstain'] += 1;
    }
  }
  for (const tally of bulletin.paper ? [bulletin.paper] : []) {
    for (const row of tally.counts) {
      counts[row.candidateId].for += row.for;
      counts[row.candidateId].against += row.against;
      counts[row.candidateId].abstain += row.abstain;
    }
  }
  return counts;
}

/** The per-candidate counts of a result, keyed like `recount`. */
export function countsOfResult(result: {
  candidates: ({ candidateId: string } & MarkCounts)[];
}): Record<string, MarkCounts> {
  return Object.fromEntries(
    result.candidates.map((c) => [
      c.candidateId,
      { for: c.for, against: c.against, abstain: c.abstain },
    ]),
  );
}

/** The ballot endpoints, driven by one secretariat user; every helper named `…ed` asserts. */
export class BallotDesk {
  constructor(
    readonly api: TestApp,
    readonly secretariat: { token: string },
  ) {}

  private get as() {
    return { token: this.secretariat.token };
  }

  create(cycleId: string, body: Record<string, unknown>): Promise<HttpAnswer> {
    return this.api.post(`/api/cycles/${cycleId}/ballots`, body, this.as);
  }

  async created(cycleId: string, body: Record<string, unknown>): Promise<any> {
    const answer = await this.create(cycleId, body);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body;
  }

  /** Created and opened: the created ballot, with its key shares. */
  async opened(cycleId: string, body: Record<string, unknown>): Promise<any> {
    const ballot = await this.created(cycleId, body);
    expect((await this.open(ballot.id)).status).toBe(200);
    return ballot;
  }

  open(id: string): Promise<HttpAnswer> {
    return this.api.post(`/api/ballots/${id}/open`, undefined, this.as);
  }

  close(id: string): Promise<HttpAnswer> {
    return this.api.post(`/api/ballots/${id}/close`, undefined, this.as);
  }

  count(id: string, shares: string[]): Promise<HttpAnswer> {
    return this.api.post(`/api/ballots/${id}/count`, { shares }, this.as);
  }

  /** Closed and counted with the first k shares: the result. */
  async counted(ballot: { id: string; keyShares: string[]; sharesRequired: number }) {
    const closed = await this.close(ballot.id);
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const counted = await this.count(ballot.id, ballot.keyShares.slice(0, ballot.sharesRequired));
    expect(counted.status, JSON.stringify(counted.body)).toBe(200);
    return counted.body;
  }

  get(id: string, token = this.secretariat.token): Promise<HttpAnswer> {
    return this.api.get(`/api/ballots/${id}`, { token });
  }

  cast(id: string, deputy: { token: string }, marks: Marks): Promise<HttpAnswer> {
    return this.api.post(
      `/api/ballots/${id}/votes`,
      { choices: choicesOf(marks) },
      { token: deputy.token },
    );
  }

  /** Every vote cast at once; asserts each is accepted and returns the receipts in order. */
  async castAll(id: string, votes: [Deputy, Marks][]): Promise<string[]> {
    const answers = await Promise.all(votes.map(([deputy, marks]) => this.cast(id, deputy, marks)));
    for (const answer of answers) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    }
    return answers.map((answer) => answer.body.receipt as string);
  }

  myVote(id: string, deputy: { token: string }): Promise<HttpAnswer> {
    return this.api.get(`/api/ballots/${id}/my-vote`, { token: deputy.token });
  }

  result(id: string, token?: string): Promise<HttpAnswer> {
    return this.api.get(`/api/ballots/${id}/result`, { token });
  }

  bulletin(id: string, token?: string): Promise<HttpAnswer> {
    return this.api.get(`/api/ballots/${id}/bulletin`, { token });
  }

  paperVoters(id: string, deputyIds: string[]): Promise<HttpAnswer> {
    return this.api.post(`/api/ballots/${id}/paper-voters`, { deputyIds }, this.as);
  }

  paperTally(id: string, body: Record<string, unknown>): Promise<HttpAnswer> {
    return this.api.post(`/api/ballots/${id}/paper-tallies`, body, this.as);
  }

  confirm(id: string, tallyId: string, by: { token: string }): Promise<HttpAnswer> {
    return this.api.post(`/api/ballots/${id}/paper-tallies/${tallyId}/confirm`, undefined, {
      token: by.token,
    });
  }

  /** The audit entries of one entity, newest first. */
  async audit(
    entityId: string,
  ): Promise<{ action: string; actorId: string | null; details: any }[]> {
    const answer = await this.api.get(`/api/audit?entityId=${entityId}&pageSize=100`, this.as);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body.items;
  }
}
