import { DataSource } from 'typeorm';
import { parseCsv } from '@app/common';
import { addDays, districtDate } from '@app/projects';
import type { HttpAnswer, TestApp } from './test-app.js';
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

/** The district's calendar day (Asia/Shanghai) `days` from today: the dates the API judges by. */
export function districtDay(days = 0): string {
  return addDays(districtDate(), days);
}

export interface OutboxRow {
  type: string;
  payload: Record<string, unknown>;
}

/** The outbox events of a type whose payload contains `match`, oldest first. */
export function outboxEvents(
  api: TestApp,
  type: string,
  match: Record<string, string> = {},
): Promise<OutboxRow[]> {
  return api.app
    .get(DataSource)
    .query<OutboxRow[]>(
      'SELECT type, payload FROM outbox_events WHERE type = $1 AND payload @> $2::jsonb ORDER BY id',
      [type, JSON.stringify(match)],
    );
}

/** Sets a row's `created_at` back by a Postgres interval ('15 days 1 minute'): the clock. */
export async function backdate(
  api: TestApp,
  table: 'inspections' | 'progress_updates',
  id: string,
  interval: string,
): Promise<void> {
  await api.app
    .get(DataSource)
    .query(`UPDATE ${table} SET created_at = now() - $2::interval WHERE id = $1`, [id, interval]);
}

/** The project endpoints, each call as a given user (or none); answers are returned unasserted. */
export class ProjectDesk {
  constructor(readonly api: TestApp) {}

  project(id: string, token?: string): Promise<HttpAnswer> {
    return this.api.get(`/api/projects/${id}`, { token });
  }

  /** One project as anyone sees it; asserts the 200. */
  async read(id: string): Promise<any> {
    const answer = await this.project(id);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body;
  }

  async list(cycleId: string): Promise<any[]> {
    const answer = await this.api.get(`/api/cycles/${cycleId}/projects?pageSize=100`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body.items;
  }

  progress(id: string, token: string, body: Record<string, unknown>): Promise<HttpAnswer> {
    return this.api.post(`/api/projects/${id}/progress`, body, { token });
  }

  addMilestone(id: string, token: string, body: Record<string, unknown>): Promise<HttpAnswer> {
    return this.api.post(`/api/projects/${id}/milestones`, body, { token });
  }

  /** A milestone added by `token`; asserts the 201 and returns it. */
  async milestone(id: string, token: string, title: string, dueDate: string): Promise<any> {
    const answer = await this.addMilestone(id, token, { title, dueDate });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body;
  }

  patchMilestone(id: string, token: string, body: Record<string, unknown>): Promise<HttpAnswer> {
    return this.api.patch(`/api/milestones/${id}`, body, { token });
  }

  assign(id: string, token: string, body: Record<string, unknown>): Promise<HttpAnswer> {
    return this.api.patch(`/api/projects/${id}`, body, { token });
  }

  supervisors(id: string, token: string, deputyIds: string[]): Promise<HttpAnswer> {
    return this.api.post(`/api/projects/${id}/supervisors`, { deputyIds }, { token });
  }

  inspect(id: string, token: string, body: Record<string, unknown>): Promise<HttpAnswer> {
    return this.api.post(`/api/projects/${id}/inspections`, body, { token });
  }

  respond(inspectionId: string, token: string, response: unknown): Promise<HttpAnswer> {
    return this.api.post(`/api/inspections/${inspectionId}/response`, { response }, { token });
  }
}

/** How the projects export writes each status (independent of the app's own table). */
export const STATUS_CELLS: Record<string, string> = {
  not_started: '未开始 not started',
  on_track: '正常推进 on track',
  at_risk: '有风险 at risk',
  delayed: '滞后 delayed',
  completed: '已完成 completed',
};

/** Asserts a CSV download (200, text/csv, UTF-8 BOM first) and parses it: [header, ...rows]. */
export function csvOf(answer: HttpAnswer): string[][] {
  expect(answer.status, String(answer.body)).toBe(200);
  expect(answer.headers['content-type']).toMatch(/^text\/csv/);
  expect((answer.body as string).startsWith('\uFEFF')).toBe(true);
  return parseCsv(answer.body as string);
}

/** The candidates a cycle's projects were made of, read from the database (sorted). */
export async function projectCandidates(api: TestApp, cycleId: string): Promise<string[]> {
  const rows = await api.app
    .get(DataSource)
    .query<{ candidate_id: string }[]>(
      'SELECT candidate_id FROM projects WHERE cycle_id = $1 ORDER BY candidate_id',
      [cycleId],
    );
  return rows.map((row) => row.candidate_id);
}

/** The `projects.created` audit entries of a cycle, as the secretariat reads them. */
export async function creationAudit(
  api: TestApp,
  secretariat: { token: string },
  cycleId: string,
): Promise<{ details: { candidates: string[]; projects: string[] } }[]> {
  const answer = await api.get(
    `/api/audit?action=projects.created&entityId=${cycleId}&pageSize=100`,
    { token: secretariat.token },
  );
  expect(answer.status).toBe(200);
  return answer.body.items;
}
