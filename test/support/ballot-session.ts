import { DataSource } from 'typeorm';
import { TokensService } from '@app/auth';
import { Role } from '@app/common';
import type { TestApp } from './test-app.js';

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
