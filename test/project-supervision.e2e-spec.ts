import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Role } from '@app/common';
import { expectRefusal, makeDeputies, type Deputy } from './support/ballot-session.js';
import {
  backdate,
  csvOf,
  districtDay,
  implementingCycle,
  outboxEvents,
  ProjectDesk,
  type ImplementingCycle,
} from './support/project-session.js';
import { TestApp } from './support/test-app.js';

type User = Awaited<ReturnType<TestApp['userWith']>>;

/**
 * Who answers for a project (责任人, 配合单位) and who watches it (代表监督小组): supervising
 * deputies inspect, the lead department answers, through HTTP.
 */
describe('project assignment and supervision (责任人、配合单位、代表监督小组)', () => {
  let api: TestApp;
  let desk: ProjectDesk;
  let secretariat: User;
  let resident: User;
  let lead: User;
  let other: User;
  let cycle: ImplementingCycle;
  let deputies: Deputy[];
  let p0: string;
  let p1: string;

  const visit = (body: Record<string, unknown> = {}) => ({
    visitedOn: districtDay(0),
    findings: '现场查看了施工进度',
    rating: 4,
    ...body,
  });
  const ids = (list: { id: string }[]) => list.map((item) => item.id).sort();
  /** An inspection logged by a supervising deputy; asserts the 201. */
  const inspected = async (projectId: string, deputy: Deputy, body = visit()) => {
    const answer = await desk.inspect(projectId, deputy.token, body);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body as { id: string; overdue: boolean };
  };

  beforeAll(async () => {
    api = await TestApp.start();
    secretariat = await api.userWith([Role.Secretariat]);
    resident = await api.userWith([Role.Resident]);
    cycle = await implementingCycle(api, secretariat, resident, { candidates: 3, seats: 2 });
    deputies = cycle.deputies;
    [p0, p1] = cycle.projectIds;
    lead = await api.userWith([Role.Official], { departmentId: cycle.leadDepartmentId });
    other = await api.userWith([Role.Official]);
    desk = new ProjectDesk(api);
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('names a responsible official of the lead department and existing co-departments', async () => {
    const made = async (name: string) =>
      (await api.post('/api/departments', { name }, { token: secretariat.token })).body.id;
    const [transport, finance] = [await made('B-区交通局'), await made('A-区财政局')];
    const leadResident = await api.userWith([Role.Resident], {
      departmentId: cycle.leadDepartmentId,
    });
    const retired = await api.userWith([Role.Official], { departmentId: cycle.leadDepartmentId });
    await api.app
      .get(DataSource)
      .query('UPDATE users SET active = false WHERE id = $1', [retired.id]);
    for (const id of [other.id, leadResident.id, retired.id, randomUUID()]) {
      const answer = await desk.assign(p0, secretariat.token, { responsibleOfficialId: id });
      expectRefusal(answer, 422, 'project.invalid_input');
    }
    for (const ids of [[cycle.leadDepartmentId], [finance, randomUUID()]]) {
      const answer = await desk.assign(p0, lead.token, { coDepartmentIds: ids });
      expectRefusal(answer, 422, 'project.invalid_input');
    }
    const assignment = { responsibleOfficialId: lead.id, coDepartmentIds: [transport] };
    expectRefusal(
      await desk.assign(p0, other.token, assignment),
      403,
      'project.not_lead_department',
    );
    expect((await desk.assign(p0, resident.token, assignment)).status).toBe(403);
    expect(await desk.read(p0)).toMatchObject({
      responsibleOfficial: null,
      coDepartments: [],
    });

    const byLead = await desk.assign(p0, lead.token, {
      responsibleOfficialId: lead.id,
      coDepartmentIds: [transport, finance, transport],
    });
    expect(byLead.status).toBe(200);
    expect(byLead.body).toMatchObject({
      responsibleOfficial: { id: lead.id, name: '测试official' },
      coDepartments: [
        { id: finance, name: 'A-区财政局' },
        { id: transport, name: 'B-区交通局' },
      ],
    });
    const cleared = await desk.assign(p0, secretariat.token, { responsibleOfficialId: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.responsibleOfficial).toBeNull();
    expect(cleared.body.coDepartments).toHaveLength(2);
  });

  it('lets only the secretariat assign supervisors, and only active deputies', async () => {
    const [d0, d1] = deputies;
    for (const user of [lead, resident, d0]) {
      expect((await desk.supervisors(p0, user.token, [d0.id])).status).toBe(403);
    }
    expect((await api.post(`/api/projects/${p0}/supervisors`, { deputyIds: [d0.id] })).status).toBe(
      401,
    );
    const [retired] = await makeDeputies(api, 1);
    await api.app
      .get(DataSource)
      .query('UPDATE users SET active = false WHERE id = $1', [retired.id]);
    for (const refused of [resident.id, lead.id, retired.id, randomUUID()]) {
      const answer = await desk.supervisors(p0, secretariat.token, [d0.id, refused]);
      expectRefusal(answer, 422, 'project.invalid_input');
    }
    expect((await desk.supervisors(p0, secretariat.token, ['not-a-uuid'])).status).toBe(400);
    expect((await desk.supervisors(randomUUID(), secretariat.token, [d0.id])).status).toBe(404);
    expect((await desk.read(p0)).supervisors).toEqual([]);

    const assigned = await desk.supervisors(p0, secretariat.token, [d1.id, d0.id, d1.id]);
    expect(assigned.status).toBe(201);
    expect(ids(assigned.body)).toEqual(ids([d0, d1]));
    expect(
      assigned.body.every((s: { displayName: string }) => s.displayName.startsWith('代表')),
    ).toBe(true);
    expect(ids((await desk.read(p0)).supervisors)).toEqual(ids([d0, d1]));
  });

  it('replaces the group with each new list', async () => {
    const [d0, d1, d2, d3] = deputies;
    const replaced = await desk.supervisors(p0, secretariat.token, [d1.id, d2.id]);
    expect(replaced.status).toBe(201);
    expect(ids(replaced.body)).toEqual(ids([d1, d2]));
    expect(ids((await desk.read(p0)).supervisors)).toEqual(ids([d1, d2]));
    expectRefusal(await desk.inspect(p0, d0.token, visit()), 403, 'project.not_supervisor');

    expect((await desk.supervisors(p1, secretariat.token, [d3.id])).status).toBe(201);
    const emptied = await desk.supervisors(p1, secretariat.token, []);
    expect(emptied).toMatchObject({ status: 201, body: [] });
    expectRefusal(await desk.inspect(p1, d3.token, visit()), 403, 'project.not_supervisor');
  });

  it('lets only supervising deputies inspect, on a past or present date, rated 1 to 5', async () => {
    const [, d1, d2, d3] = deputies;
    expectRefusal(await desk.inspect(p0, d3.token, visit()), 403, 'project.not_supervisor');
    expect((await desk.inspect(p0, resident.token, visit())).status).toBe(403);
    expect((await desk.inspect(p0, lead.token, visit())).status).toBe(403);
    expect((await api.post(`/api/projects/${p0}/inspections`, visit())).status).toBe(401);
    expectRefusal(
      await desk.inspect(p0, d1.token, visit({ visitedOn: districtDay(1) })),
      422,
      'project.invalid_input',
    );
    for (const rating of [0, 6, 2.5]) {
      const answer = await desk.inspect(p0, d1.token, visit({ rating }));
      expect(answer.status, `rating ${rating}`).toBe(400);
      expect(Object.keys(answer.body.fields)).toEqual(['rating']);
    }
    expect((await desk.inspect(p0, d1.token, visit({ visitedOn: '2026-02-30' }))).status).toBe(400);
    expect((await desk.read(p0)).inspections).toBe(0);

    const today = await desk.inspect(p0, d1.token, visit({ findings: '  管网已铺设三公里  ' }));
    expect(today.status).toBe(201);
    expect(today.body).toMatchObject({
      projectId: p0,
      deputy: { id: d1.id },
      visitedOn: districtDay(0),
      findings: '管网已铺设三公里',
      rating: 4,
      response: null,
      respondedAt: null,
      overdue: false,
    });
    const earlier = await inspected(p0, d2, visit({ visitedOn: districtDay(-10), rating: 2 }));

    const project = await desk.read(p0);
    expect(project.inspections).toBe(2);
    expect(project.overdueResponses).toBe(0);
    expect(project.inspectionLog.map((i: { id: string }) => i.id)).toEqual([
      earlier.id,
      today.body.id,
    ]);
    const logged = await outboxEvents(api, 'inspection.logged', { projectId: p0 });
    expect(logged.map((event) => event.payload)).toEqual([
      { inspectionId: today.body.id, projectId: p0 },
      { inspectionId: earlier.id, projectId: p0 },
    ]);
  });

  it('takes one answer from the lead department per inspection', async () => {
    const [, d1] = deputies;
    const inspection = await inspected(p0, d1);
    const respond = (user: { token: string }, text = '已安排整改') =>
      desk.respond(inspection.id, user.token, text);
    expectRefusal(await respond(other), 403, 'project.not_lead_department');
    for (const user of [resident, secretariat, d1]) {
      expect((await respond(user)).status).toBe(403);
    }
    expect((await respond(lead, '   ')).status).toBe(400);
    expectRefusal(
      await desk.respond(randomUUID(), lead.token, '答复'),
      404,
      'inspection.not_found',
    );

    const answered = await respond(lead, ' 已于本周完成整改 ');
    expect(answered.status).toBe(201);
    expect(answered.body).toMatchObject({
      id: inspection.id,
      response: '已于本周完成整改',
      overdue: false,
    });
    expect(answered.body.respondedAt).not.toBeNull();

    const colleague = await api.userWith([Role.Official], { departmentId: cycle.leadDepartmentId });
    expectRefusal(await respond(colleague, '再次答复'), 409, 'inspection.already_answered');
    const log = (await desk.read(p0)).inspectionLog as { id: string; response: string }[];
    expect(log.find((i) => i.id === inspection.id)?.response).toBe('已于本周完成整改');
    const events = await outboxEvents(api, 'inspection.answered', { inspectionId: inspection.id });
    expect(events.map((event) => event.payload)).toEqual([
      { inspectionId: inspection.id, projectId: p0 },
    ]);

    // Two answers at once: the row lock lets one through.
    const raced = await inspected(p0, d1);
    const both = await Promise.all([
      desk.respond(raced.id, lead.token, '答复甲'),
      desk.respond(raced.id, colleague.token, '答复乙'),
    ]);
    expect(both.map((answer) => answer.status).sort()).toEqual([201, 409]);
    const winner = both.find((answer) => answer.status === 201)!.body.response;
    const stored = (await desk.read(p0)).inspectionLog.find(
      (i: { id: string }) => i.id === raced.id,
    );
    expect(stored.response).toBe(winner);
    expect(await outboxEvents(api, 'inspection.answered', { inspectionId: raced.id })).toHaveLength(
      1,
    );
  });

  it('shows an inspection unanswered for more than 15 days as overdue, counted on the project', async () => {
    const [, , , , d4] = deputies;
    expect((await desk.supervisors(p1, secretariat.token, [d4.id])).status).toBe(201);
    const late = await inspected(p1, d4);
    const recent = await inspected(p1, d4);
    const answered = await inspected(p1, d4);
    expect((await desk.respond(answered.id, lead.token, '已答复')).status).toBe(201);
    await backdate(api, 'inspections', late.id, '15 days 1 minute');
    await backdate(api, 'inspections', recent.id, '14 days 23 hours');
    await backdate(api, 'inspections', answered.id, '30 days');

    const project = await desk.read(p1);
    const overdue = Object.fromEntries(
      (project.inspectionLog as { id: string; overdue: boolean }[]).map((i) => [i.id, i.overdue]),
    );
    expect(overdue).toEqual({ [late.id]: true, [recent.id]: false, [answered.id]: false });
    expect(project).toMatchObject({ inspections: 3, overdueResponses: 1 });
    const listed = (await desk.list(cycle.id)).map((p) => [p.id, p.overdueResponses]);
    expect(listed).toEqual([
      [p0, 0],
      [p1, 1],
    ]);
    const [header, ...rows] = csvOf(
      await api.get(`/api/cycles/${cycle.id}/projects/export`, secretariat),
    );
    const columns = [
      '责任人 Responsible official',
      '配合单位 Co-departments',
      '超期未答复 Answers overdue',
    ];
    expect(rows.map((row) => columns.map((name) => row[header.indexOf(name)]))).toEqual([
      ['', 'A-区财政局、B-区交通局', '0'],
      ['', '', '1'],
    ]);

    // A late answer is still taken, and the project owes nothing more.
    const lateAnswer = await desk.respond(late.id, lead.token, '迟复：已整改');
    expect(lateAnswer.status).toBe(201);
    expect(lateAnswer.body.overdue).toBe(false);
    expect((await desk.read(p1)).overdueResponses).toBe(0);
  });
});
