import { randomUUID } from 'node:crypto';
import { Role } from '@app/common';
import { parseCsv } from '@app/common';
import { implementingCycle, type ImplementingCycle } from './support/project-session.js';
import { TestApp } from './support/test-app.js';

type Rating = 'satisfied' | 'basically_satisfied' | 'unsatisfied' | 'abstain';

describe('满意度测评: the evaluation ballot over a cycle’s projects', () => {
  let api: TestApp;
  let secretariat: { id: string; token: string };
  let cycle: ImplementingCycle;
  let official: { token: string };

  beforeAll(async () => {
    api = await TestApp.start({ LOG_LEVEL: 'error' });
    secretariat = await api.userWith([Role.Secretariat]);
    const resident = await api.userWith([Role.Resident]);
    // 10 deputies: "more than half of all deputies" means 6.
    cycle = await implementingCycle(api, secretariat, resident, {
      candidates: 4,
      seats: 3,
      deputies: 10,
    });
    official = await api.userWith([Role.Official], { departmentId: cycle.leadDepartmentId });
  });
  afterAll(async () => {
    await api.stop();
  });

  const as = () => ({ token: secretariat.token });

  it('is refused before the cycle is evaluating', async () => {
    const early = await api.post(`/api/cycles/${cycle.id}/ballots`, { kind: 'evaluation' }, as());
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('cycle.wrong_phase');
  });

  it('rates each project against all deputies and opens a rectification item for an unsatisfied one', async () => {
    expect(
      (await api.post(`/api/cycles/${cycle.id}/phase`, { phase: 'evaluating' }, as())).status,
    ).toBe(200);
    // Only this cycle's projects, each once.
    const first = cycle.projectIds[0];
    for (const projectIds of [
      [first, first],
      [first, randomUUID()],
      cycle.candidateIds.slice(0, 1),
    ]) {
      const refused = await api.post(
        `/api/cycles/${cycle.id}/ballots`,
        { kind: 'evaluation', projectIds },
        as(),
      );
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('ballot.invalid_input');
    }
    const created = await api.post(`/api/cycles/${cycle.id}/ballots`, { kind: 'evaluation' }, as());
    expect(created.status).toBe(201);
    expect(created.body.candidates.map((item: { id: string }) => item.id)).toEqual(
      cycle.projectIds,
    );
    const ballotId = created.body.id as string;
    expect((await api.post(`/api/ballots/${ballotId}/open`, {}, as())).status).toBe(200);

    const [p1, p2, p3] = cycle.projectIds;
    // p1: 6 satisfied of 10 deputies → satisfied. p2: 3 satisfied + 3 basically → basically.
    // p3: 5 satisfied (not more than half) + 0 basically → unsatisfied. Deputy 10 abstains all.
    const sheet = (i: number): Record<string, Rating> => ({
      [p1]: i < 6 ? 'satisfied' : 'unsatisfied',
      [p2]: i < 3 ? 'satisfied' : i < 6 ? 'basically_satisfied' : 'unsatisfied',
      [p3]: i < 5 ? 'satisfied' : 'unsatisfied',
    });
    for (const [i, deputy] of cycle.deputies.slice(0, 9).entries()) {
      const marks = sheet(i);
      const cast = await api.post(
        `/api/ballots/${ballotId}/votes`,
        { choices: Object.entries(marks).map(([projectId, mark]) => ({ projectId, mark })) },
        { token: deputy.token },
      );
      expect(cast.status).toBe(201);
    }
    // A selection mark is no rating.
    const wrongMark = await api.post(
      `/api/ballots/${ballotId}/votes`,
      { choices: [{ projectId: p1, mark: 'for' }] },
      { token: cycle.deputies[9].token },
    );
    expect(wrongMark.status).toBe(422);
    expect(
      (
        await api.post(
          `/api/ballots/${ballotId}/votes`,
          { choices: [] },
          {
            token: cycle.deputies[9].token,
          },
        )
      ).status,
    ).toBe(201);

    expect((await api.post(`/api/ballots/${ballotId}/close`, {}, as())).status).toBe(200);
    const counted = await api.post(
      `/api/ballots/${ballotId}/count`,
      { shares: created.body.keyShares.slice(1) },
      as(),
    );
    expect(counted.status).toBe(200);
    expect(counted.body).toMatchObject({
      kind: 'evaluation',
      cycleId: cycle.id,
      status: 'final',
      deputyCount: 10,
      ballotsCast: 10,
      validBallots: 10,
    });
    const byProject = new Map(
      (counted.body.projects as { projectId: string }[]).map((row) => [row.projectId, row]),
    );
    expect(byProject.get(p1)).toEqual({
      projectId: p1,
      satisfied: 6,
      basicallySatisfied: 0,
      unsatisfied: 3,
      abstain: 1,
      satisfactionRate: 0.6667,
      rating: 'satisfied',
      rectificationRequired: false,
    });
    expect(byProject.get(p2)).toMatchObject({
      satisfied: 3,
      basicallySatisfied: 3,
      unsatisfied: 3,
      rating: 'basically_satisfied',
      rectificationRequired: false,
    });
    expect(byProject.get(p3)).toMatchObject({
      satisfied: 5,
      unsatisfied: 4,
      rating: 'unsatisfied',
      rectificationRequired: true,
    });
    expect((await api.get(`/api/ballots/${ballotId}/result`)).body).toEqual(counted.body);

    // The unsatisfied project owes a rectification, tracked like a milestone; the others none.
    const rectifications = async (projectId: string) =>
      ((await api.get(`/api/projects/${projectId}`)).body.milestones as { kind: string }[]).filter(
        (milestone) => milestone.kind === 'rectification',
      );
    expect(await rectifications(p1)).toEqual([]);
    const [item] = (await rectifications(p3)) as unknown as {
      id: string;
      done: boolean;
      dueDate: string;
    }[];
    expect(item).toMatchObject({ done: false });
    expect(item.dueDate > new Date().toISOString().slice(0, 10)).toBe(true);
    // A report belongs to a rectification item only.
    const plain = await api.post(
      `/api/projects/${p3}/milestones`,
      { title: '完成验收', dueDate: '2030-01-01' },
      official,
    );
    expect(plain.status).toBe(201);
    const misplaced = await api.patch(
      `/api/milestones/${plain.body.id}`,
      { report: '报告' },
      official,
    );
    expect(misplaced.status).toBe(422);
    expect(misplaced.body.code).toBe('project.invalid_input');
    // Done only with a report.
    const bare = await api.patch(`/api/milestones/${item.id}`, { done: true }, official);
    expect(bare.status).toBe(422);
    const reported = await api.patch(
      `/api/milestones/${item.id}`,
      { report: '已增设供水点并完成管网检修', done: true },
      official,
    );
    expect(reported.status).toBe(200);
    expect(reported.body).toMatchObject({ done: true, report: '已增设供水点并完成管网检修' });

    const events = await api.app
      .get((await import('typeorm')).DataSource)
      .query<{ payload: { projectId: string } }[]>(
        `SELECT payload FROM outbox_events WHERE type = 'rectification.required'`,
      );
    expect(events.map((event) => event.payload.projectId)).toEqual([p3]);

    // The bulletin recounts to the same ratings.
    const bulletin = await api.get(`/api/ballots/${ballotId}/bulletin`);
    expect(bulletin.body).toMatchObject({ kind: 'evaluation', cycleId: cycle.id });
    const tallied = new Map<string, Record<string, number>>();
    for (const ballot of bulletin.body.ballots as {
      choices: { projectId: string; mark: string }[];
    }[]) {
      for (const choice of ballot.choices) {
        const row = tallied.get(choice.projectId) ?? {};
        row[choice.mark] = (row[choice.mark] ?? 0) + 1;
        tallied.set(choice.projectId, row);
      }
    }
    expect(tallied.get(p3)).toEqual({ satisfied: 5, unsatisfied: 4, abstain: 1 });

    // And the CSV export says the same.
    const csv = await api.get(`/api/ballots/${ballotId}/result/export`);
    expect(csv.status).toBe(200);
    expect(String(csv.headers['content-type'])).toContain('text/csv');
    const rows = parseCsv(csv.body as string);
    const p3Row = rows.find((row) => row[0] === '候选项目3');
    expect(p3Row?.slice(1, 5)).toEqual(['5', '0', '4', '1']);
    expect(p3Row?.[6]).toContain('unsatisfied');
  });
});
