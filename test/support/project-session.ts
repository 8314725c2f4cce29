import type { TestApp } from './test-app.js';
import { ballotingCycle, makeDeputies, type Deputy } from './ballot-session.js';

export interface ImplementingCycle {
  id: string;
  candidateIds: string[];
  /** The candidates the ballot selected, in candidate order. */
  selectedIds: string[];
  projectIds: string[];
  deputies: Deputy[];
  /** The lead department of every candidate (ballotingCycle uses one). */
  leadDepartmentId: string;
}

/**
 * A cycle driven through HTTP from draft to implementing: `candidates` candidates, a ballot in
 * which every deputy votes `for` the first `seats`, counted with two shares, then the move that
 * makes the projects.
 */
export async function implementingCycle(
  api: TestApp,
  secretariat: { token: string },
  resident: { token: string },
  options: { candidates: number; seats: number; deputies?: number },
): Promise<ImplementingCycle> {
  const as = { token: secretariat.token };
  const expectStatus = (
    answer: { status: number; body: unknown },
    status: number,
    what: string,
  ) => {
    if (answer.status !== status) {
      throw new Error(
        `${what}: expected ${status}, got ${answer.status} ${JSON.stringify(answer.body)}`,
      );
    }
  };
  const deputies = await makeDeputies(api, options.deputies ?? 5);
  const cycle = await ballotingCycle(api, secretariat, resident, {
    candidates: options.candidates,
    seats: options.seats,
  });
  const created = await api.post(`/api/cycles/${cycle.id}/ballots`, { kind: 'selection' }, as);
  expectStatus(created, 201, 'creating the ballot');
  const ballotId = created.body.id as string;
  expectStatus(await api.post(`/api/ballots/${ballotId}/open`, {}, as), 200, 'opening');
  const selectedIds = cycle.candidateIds.slice(0, options.seats);
  for (const deputy of deputies) {
    const cast = await api.post(
      `/api/ballots/${ballotId}/votes`,
      { choices: selectedIds.map((candidateId) => ({ candidateId, mark: 'for' })) },
      { token: deputy.token },
    );
    expectStatus(cast, 201, 'casting');
  }
  expectStatus(await api.post(`/api/ballots/${ballotId}/close`, {}, as), 200, 'closing');
  const counted = await api.post(
    `/api/ballots/${ballotId}/count`,
    { shares: (created.body.keyShares as string[]).slice(0, 2) },
    as,
  );
  expectStatus(counted, 200, 'counting');
  const moved = await api.post(`/api/cycles/${cycle.id}/phase`, { phase: 'implementing' }, as);
  expectStatus(moved, 200, 'moving to implementing');
  const projects = await api.get(`/api/cycles/${cycle.id}/projects?pageSize=100`);
  expectStatus(projects, 200, 'listing projects');
  const items = projects.body.items as { id: string; leadDepartment: { id: string } }[];
  return {
    id: cycle.id,
    candidateIds: cycle.candidateIds,
    selectedIds,
    projectIds: items.map((item) => item.id),
    deputies,
    leadDepartmentId: items[0]?.leadDepartment.id ?? '',
  };
}
