import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Role } from '@app/common';
import { MilestonesService } from '@app/projects';
import {
  BallotDesk,
  ballotingCycle,
  electorate,
  expectRefusal,
  retireDeputies,
  type BallotingCycle,
  type Deputy,
} from './support/ballot-session.js';
import {
  creationAudit,
  csvOf,
  districtDay,
  implementingCycle,
  outboxEvents,
  projectCandidates,
  ProjectDesk,
  STATUS_CELLS,
  type ImplementingCycle,
} from './support/project-session.js';
import { TestApp } from './support/test-app.js';

type User = Awaited<ReturnType<TestApp['userWith']>>;

/** Projects made from the deputies' selection, and their delivery (政府办), through HTTP. */
describe('projects (政府办)', () => {
  let api: TestApp;
  let db: DataSource;
  let ballots: BallotDesk;
  let projects: ProjectDesk;
  let secretariat: User;
  let resident: User;

  beforeAll(async () => {
    api = await TestApp.start();
    db = api.app.get(DataSource);
    secretariat = await api.userWith([Role.Secretariat]);
    resident = await api.userWith([Role.Resident]);
    ballots = new BallotDesk(api, secretariat);
    projects = new ProjectDesk(api);
  });
  afterAll(async () => {
    await api?.stop();
  });

  describe('made once when the cycle starts implementing', () => {
    let cycle: BallotingCycle;
    let deputies: Deputy[];
    let parent: { id: string; keyShares: string[]; sharesRequired: number };

    const move = (phase: string) =>
      api.post(`/api/cycles/${cycle.id}/phase`, { phase }, { token: secretariat.token });
    const madeCandidates = () => projectCandidates(api, cycle.id);
    const audited = () => creationAudit(api, secretariat, cycle.id);
    const expectNothingMade = async () => {
      expect((await api.get(`/api/cycles/${cycle.id}`)).body.phase).toBe('balloting');
      expect(await madeCandidates()).toEqual([]);
      expect(await audited()).toEqual([]);
    };

    beforeAll(async () => {
      deputies = await electorate(api, 5);
      cycle = await ballotingCycle(api, secretariat, resident, { candidates: 4, seats: 3 });
      // Distinct budgets (before the first ballot freezes the list), so a mix-up would show.
      await db.query(
        `UPDATE candidates SET budget = 1000000 + 250000 * array_position($2::uuid[], id)
         WHERE cycle_id = $1`,
        [cycle.id, cycle.candidateIds],
      );
    });

    it('is refused (409) while the ballot is open, closed or its tie awaits a runoff', async () => {
      const [a, b, c, d] = cycle.candidateIds;
      parent = await ballots.opened(cycle.id, { kind: 'selection' });
      // a 5, b 4, c 3, d 3 of 5 deputies (threshold 3): a and b selected, c and d tie for seat 3.
      await ballots.castAll(parent.id, [
        [deputies[0], { [a]: 'for', [b]: 'for', [c]: 'for' }],
        [deputies[1], { [a]: 'for', [b]: 'for', [c]: 'for' }],
        [deputies[2], { [a]: 'for', [b]: 'for', [d]: 'for' }],
        [deputies[3], { [a]: 'for', [b]: 'for', [d]: 'for' }],
        [deputies[4], { [a]: 'for', [c]: 'for', [d]: 'for' }],
      ]);
      expectRefusal(await move('implementing'), 409, 'cycle.selection_not_settled');
      await expectNothingMade();

      expect((await ballots.close(parent.id)).status).toBe(200);
      expectRefusal(await move('implementing'), 409, 'cycle.selection_not_settled');
      await expectNothingMade();

      const counted = await ballots.count(parent.id, parent.keyShares.slice(0, 2));
      expect(counted.status).toBe(200);
      expect(counted.body).toMatchObject({
        status: 'runoff_required',
        selected: [a, b],
        runoff: { candidateIds: expect.arrayContaining([c, d]), seats: 1 },
      });
      expectRefusal(await move('implementing'), 409, 'cycle.selection_not_settled');
      await expectNothingMade();
    });

    it('exports the ballot result as CSV that parses back to the per-candidate counts', async () => {
      const result = (await ballots.result(parent.id)).body;
      const [header, ...rows] = csvOf(await api.get(`/api/ballots/${parent.id}/result/export`));
      expect(header.slice(0, 4)).toEqual([
        '候选项目 Candidate',
        '赞成 For',
        '不赞成 Against',
        '弃权 Abstain',
      ]);
      const byTitle = new Map(rows.map((row) => [row[0], row.slice(1, 4).map(Number)]));
      const titles = cycle.candidateIds.map((_, i) => `候选项目${i + 1}`);
      expect(titles.map((title) => byTitle.get(title))).toEqual(
        cycle.candidateIds.map((id) => {
          const row = result.candidates.find((c: { candidateId: string }) => c.candidateId === id);
          return [row.for, row.against, row.abstain];
        }),
      );
      // The tally the deputies cast above, independently of the JSON.
      expect(titles.map((title) => byTitle.get(title))).toEqual([
        [5, 0, 0],
        [4, 0, 1],
        [3, 0, 2],
        [3, 0, 2],
      ]);
      const summary = new Map(rows.slice(4).map((row) => [row[0], row[1]]));
      expect(Object.fromEntries(summary)).toMatchObject({
        '代表总数 Deputies': '5',
        '投票数 Ballots cast': '5',
        '当选票数 Threshold': '3',
        '应选 Seats': '3',
      });
    });

    it('makes one project per finally selected candidate, the runoff’s included', async () => {
      const [a, b, c, d] = cycle.candidateIds;
      const runoff = await ballots.opened(cycle.id, { kind: 'runoff', parentBallotId: parent.id });
      expectRefusal(await move('implementing'), 409, 'cycle.selection_not_settled');
      await expectNothingMade();
      await ballots.castAll(
        runoff.id,
        deputies.map((deputy, i) => [deputy, { [i < 4 ? c : d]: 'for' }]),
      );
      expect(await ballots.counted(runoff)).toMatchObject({ status: 'final', selected: [c] });

      // The move and its retry race: the phase machine lets exactly one through.
      const moves = await Promise.all([move('implementing'), move('implementing')]);
      expect(moves.map((answer) => answer.status).sort()).toEqual([200, 409]);
      expect(moves.find((answer) => answer.status === 409)!.body.code).toBe(
        'cycle.phase_move_refused',
      );
      expect((await api.get(`/api/cycles/${cycle.id}`)).body.phase).toBe('implementing');
      expect(await madeCandidates()).toEqual([a, b, c].sort());

      const list = await projects.list(cycle.id);
      expect(list.map((project) => project.candidateId)).toEqual([a, b, c]);
      for (const [i, project] of list.entries()) {
        const candidate = (await api.get(`/api/candidates/${project.candidateId}`)).body;
        expect(candidate.sourceProposals).toHaveLength(1);
        expect(project).toMatchObject({
          cycleId: cycle.id,
          title: `候选项目${i + 1}`,
          category: 'elderly_care',
          summary: candidate.summary,
          targets: [`目标${i + 1}`],
          budget: 1_000_000 + 250_000 * (i + 1),
          leadDepartment: candidate.leadDepartment,
          sourceProposalIds: [candidate.sourceProposals[0].id],
          responsibleOfficial: null,
          coDepartments: [],
          percent: null,
          status: 'not_started',
          milestones: [],
          followers: 0,
          inspections: 0,
          overdueResponses: 0,
        });
      }
      const audit = await audited();
      expect(audit).toHaveLength(1);
      expect([...audit[0].details.candidates].sort()).toEqual([a, b, c].sort());
      expect([...audit[0].details.projects].sort()).toEqual(list.map((p) => p.id).sort());
    });

    it('a later move to implementing is refused and makes nothing more', async () => {
      const before = await madeCandidates();
      expectRefusal(await move('implementing'), 409, 'cycle.phase_move_refused');
      expect(await madeCandidates()).toEqual(before);
      expect(await audited()).toHaveLength(1);
    });
  });

  describe('delivery: milestones, progress and status', () => {
    let cycle: ImplementingCycle;
    let lead: User;
    let other: User;
    let p0: string;
    let p1: string;
    let p2: string;
    let m: { id: string };

    const status = async (id: string) => (await projects.read(id)).status as string;

    beforeAll(async () => {
      await retireDeputies(api);
      cycle = await implementingCycle(api, secretariat, resident, { candidates: 4, seats: 3 });
      [p0, p1, p2] = cycle.projectIds;
      lead = await api.userWith([Role.Official], { departmentId: cycle.leadDepartmentId });
      other = await api.userWith([Role.Official]);
    });

    it('has the selected candidates as projects, readable without a token', async () => {
      const list = await projects.list(cycle.id);
      expect(list.map((project) => project.candidateId)).toEqual(cycle.selectedIds);
      const detail = await projects.project(p0);
      expect(detail.status).toBe(200);
      expect(detail.body).toMatchObject({
        id: p0,
        candidateId: cycle.selectedIds[0],
        progress: [],
        supervisors: [],
        inspectionLog: [],
      });
      expectRefusal(await projects.project(randomUUID()), 404, 'project.not_found');
      expect((await projects.project('not-a-uuid')).status).toBe(400);
      // A cycle that does not exist is not a cycle without projects.
      expectRefusal(await api.get(`/api/cycles/${randomUUID()}/projects`), 404, 'cycle.not_found');
    });

    it('lets only officials of the lead department post progress and keep milestones', async () => {
      const body = { percent: 10, note: '开工' };
      expectRefusal(
        await projects.progress(p0, other.token, body),
        403,
        'project.not_lead_department',
      );
      expect((await projects.progress(p0, resident.token, body)).status).toBe(403);
      expect((await projects.progress(p0, secretariat.token, body)).status).toBe(403);
      expect((await api.post(`/api/projects/${p0}/progress`, body)).status).toBe(401);
      const milestone = { title: '完成选址', dueDate: districtDay(30) };
      expectRefusal(
        await projects.addMilestone(p0, other.token, milestone),
        403,
        'project.not_lead_department',
      );
      expect((await projects.addMilestone(p0, resident.token, milestone)).status).toBe(403);

      m = await projects.milestone(p0, lead.token, ' 完成选址 ', districtDay(30));
      expect(m).toMatchObject({ projectId: p0, title: '完成选址', done: false, overdue: false });
      expectRefusal(
        await projects.patchMilestone(m.id, other.token, { done: true }),
        403,
        'project.not_lead_department',
      );
      expect((await projects.patchMilestone(m.id, resident.token, { done: true })).status).toBe(
        403,
      );

      const project = await projects.read(p0);
      expect(project.percent).toBeNull();
      expect(project.progress).toEqual([]);
      expect(project.milestones).toMatchObject([
        { id: m.id, done: false, dueDate: districtDay(30) },
      ]);
    });

    it('takes a whole percent from 0 to 100 only', async () => {
      for (const percent of [-1, 101, 2.5, '50', null]) {
        const answer = await projects.progress(p2, lead.token, { percent, note: '进展' });
        expect(answer.status, `percent ${percent}`).toBe(400);
        expect(Object.keys(answer.body.fields)).toEqual(['percent']);
      }
      expect((await projects.read(p2)).percent).toBeNull();
      for (const percent of [0, 100]) {
        const answer = await projects.progress(p2, lead.token, { percent, note: '进展' });
        expect(answer.status).toBe(201);
        expect(answer.body).toMatchObject({ projectId: p2, percent, authorId: lead.id });
      }
      expect(await projects.read(p2)).toMatchObject({ percent: 100, status: 'completed' });
    });

    it('lowers progress only with a reason, and records a project.progress event', async () => {
      const first = await projects.progress(p1, lead.token, { percent: 40, note: '管网铺设过半' });
      expect(first.status).toBe(201);
      const lower = { percent: 30, note: '返工' };
      expectRefusal(
        await projects.progress(p1, lead.token, lower),
        400,
        'project.progress_decrease_needs_reason',
      );
      expect((await projects.progress(p1, lead.token, { ...lower, reason: '   ' })).status).toBe(
        400,
      );
      expect((await projects.read(p1)).percent).toBe(40);

      const lowered = await projects.progress(p1, lead.token, { ...lower, reason: ' 验收不合格 ' });
      expect(lowered.status).toBe(201);
      expect(lowered.body).toMatchObject({ percent: 30, note: '返工', reason: '验收不合格' });
      const same = await projects.progress(p1, lead.token, { percent: 30, note: '整改中' });
      expect(same.status).toBe(201);

      const project = await projects.read(p1);
      expect(project.percent).toBe(30);
      expect(project.progress.map((u: { id: string }) => u.id)).toEqual([
        same.body.id,
        lowered.body.id,
        first.body.id,
      ]);
      const events = await outboxEvents(api, 'project.progress', { projectId: p1 });
      expect(events.map((event) => event.payload)).toEqual(
        [first, lowered, same].map((answer) => ({ projectId: p1, progressId: answer.body.id })),
      );
    });

    it('derives the status at each boundary date of the district calendar', async () => {
      const at = async (dueDate: string) => {
        const patched = await projects.patchMilestone(m.id, lead.token, { dueDate });
        expect(patched.status).toBe(200);
        return [dueDate, await status(p0), patched.body.overdue];
      };
      expect(await status(p0)).toBe('not_started');
      expect([
        await at(districtDay(-1)),
        await at(districtDay(0)),
        await at(districtDay(14)),
        await at(districtDay(15)),
      ]).toEqual([
        [districtDay(-1), 'delayed', true],
        [districtDay(0), 'at_risk', false],
        [districtDay(14), 'at_risk', false],
        [districtDay(15), 'not_started', false],
      ]);
      expect((await projects.progress(p0, lead.token, { percent: 10, note: '开工' })).status).toBe(
        201,
      );
      expect(await status(p0)).toBe('on_track');
    });

    it('flips the status as milestones are done, and completes at 100% with all done', async () => {
      const late = await projects.milestone(p0, lead.token, '完成招标', districtDay(-1));
      expect(late.overdue).toBe(true);
      expect(await status(p0)).toBe('delayed');
      const done = await projects.patchMilestone(late.id, lead.token, { done: true });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ done: true, overdue: false });
      expect(done.body.doneAt).not.toBeNull();
      expect(await status(p0)).toBe('on_track');
      expect((await projects.progress(p0, lead.token, { percent: 100, note: '竣工' })).status).toBe(
        201,
      );
      expect(await status(p0)).toBe('on_track'); // m is still open
      expect((await projects.patchMilestone(m.id, lead.token, { done: true })).status).toBe(200);
      expect(await status(p0)).toBe('completed');
      const undone = await projects.patchMilestone(late.id, lead.token, { done: false });
      expect(undone.body).toMatchObject({ done: false, doneAt: null, overdue: true });
      expect(await status(p0)).toBe('delayed');
      expect((await projects.patchMilestone(late.id, lead.token, { done: true })).status).toBe(200);
      expect(await status(p0)).toBe('completed');
    });

    it('announces each overdue milestone once, and a new past date once more', async () => {
      const milestones = api.app.get(MilestonesService);
      const x = await projects.milestone(p1, lead.token, '完成设计', districtDay(-3));
      const y = await projects.milestone(p1, lead.token, '完成审批', districtDay(-1));
      const z = await projects.milestone(p1, lead.token, '开工', districtDay(0));
      const w = await projects.milestone(p1, lead.token, '完成勘察', districtDay(-2));
      expect((await projects.patchMilestone(w.id, lead.token, { done: true })).status).toBe(200);
      expect(await status(p1)).toBe('delayed');

      // Two scans at once (two workers) still announce each milestone once.
      const scans = await Promise.all([milestones.announceOverdue(), milestones.announceOverdue()]);
      expect(scans.flat().sort()).toEqual([x.id, y.id].sort());
      expect(await milestones.announceOverdue()).toEqual([]);
      const announced = async (id: string) =>
        (await outboxEvents(api, 'milestone.overdue', { milestoneId: id })).map((e) => e.payload);
      expect(await announced(x.id)).toEqual([{ milestoneId: x.id, projectId: p1 }]);
      expect(await announced(y.id)).toEqual([{ milestoneId: y.id, projectId: p1 }]);
      expect(await announced(z.id)).toEqual([]);
      expect(await announced(w.id)).toEqual([]);

      const moved = await projects.patchMilestone(x.id, lead.token, { dueDate: districtDay(-5) });
      expect(moved.status).toBe(200);
      expect(await milestones.announceOverdue()).toEqual([x.id]);
      expect(await milestones.announceOverdue()).toEqual([]);
      expect(await announced(x.id)).toHaveLength(2);
    });

    it('counts followers: following twice is once, unfollowing takes one off', async () => {
      const second = await api.userWith([Role.Resident]);
      const follow = (token: string) =>
        api.post(`/api/projects/${p0}/follow`, undefined, { token });
      const unfollow = (token: string) =>
        api.request('DELETE', `/api/projects/${p0}/follow`, { token });
      expect(await follow(resident.token)).toMatchObject({
        status: 201,
        body: { following: true },
      });
      expect((await follow(resident.token)).status).toBe(201);
      expect((await projects.read(p0)).followers).toBe(1);
      expect((await follow(second.token)).status).toBe(201);
      expect((await projects.read(p0)).followers).toBe(2);
      expect(await unfollow(resident.token)).toMatchObject({
        status: 200,
        body: { following: false },
      });
      expect((await unfollow(resident.token)).status).toBe(200);
      expect((await projects.read(p0)).followers).toBe(1);
      expect((await api.post(`/api/projects/${p0}/follow`)).status).toBe(401);
      const unknown = await api.post(`/api/projects/${randomUUID()}/follow`, {}, resident);
      expect(unknown.status).toBe(404);
    });

    it('exports the projects as CSV that reads back like the JSON list', async () => {
      const url = `/api/cycles/${cycle.id}/projects/export`;
      await projects.milestone(p2, lead.token, '回访', districtDay(5));
      expect((await api.get(url)).status).toBe(401);
      expect((await api.get(url, { token: resident.token })).status).toBe(403);
      const answer = await api.get(url, secretariat);
      const [header, ...rows] = csvOf(answer);
      expect([header[0], header[5], header[6]]).toEqual([
        '项目 Project',
        '进度（%）Progress (%)',
        '状态 Status',
      ]);
      const list = await projects.list(cycle.id);
      expect(list.map((project) => [project.percent, project.status])).toEqual([
        [100, 'completed'],
        [30, 'delayed'],
        [100, 'at_risk'],
      ]);
      expect(rows.map((row) => [row[0], row[1], row[4], row[5], row[6]])).toEqual(
        list.map((project) => [
          project.title,
          project.leadDepartment.name,
          String(project.budget),
          project.percent === null ? '' : String(project.percent),
          STATUS_CELLS[project.status],
        ]),
      );
      expect(rows.map((row) => row.slice(7, 10).map(Number))).toEqual(
        list.map((project) => [
          project.milestones.filter((x: { done: boolean }) => x.done).length,
          project.milestones.length,
          project.milestones.filter((x: { overdue: boolean }) => x.overdue).length,
        ]),
      );
      expect((await api.get(url, { token: lead.token })).body).toBe(answer.body);
    });
  });
});
