import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Role } from '@app/common';
import { MilestonesService } from '@app/projects';
import { createWorkerApp } from '../apps/worker/src/create-worker-app.js';
import { Mailbox } from './support/mailbox.js';
import { pollUntil } from './support/notification-faults.js';
import { implementingCycle } from './support/project-session.js';
import { TestApp } from './support/test-app.js';

describe('project notifications: progress, inspections, answers, overdue milestones', () => {
  let api: TestApp;
  let worker: INestApplicationContext;
  let mailbox: Mailbox;
  let db: DataSource;

  beforeAll(async () => {
    mailbox = await Mailbox.start();
    api = await TestApp.start({ SMTP_URL: mailbox.url });
    worker = await createWorkerApp(api.config);
    db = api.app.get(DataSource);
  });
  afterAll(async () => {
    await worker.close();
    await api.stop();
    await mailbox.stop();
  });

  /** Who holds an inbox notification of this kind about this project. */
  async function recipients(kind: string, projectId: string): Promise<string[]> {
    const rows = await db.query<{ user_id: string }[]>(
      'SELECT user_id FROM notifications WHERE kind = $1 AND link = $2 ORDER BY user_id',
      [kind, `/projects/${projectId}`],
    );
    return rows.map((row) => row.user_id);
  }

  const waitFor = (kind: string, projectId: string, count: number) =>
    pollUntil(
      () => recipients(kind, projectId),
      (seen) => seen.length >= count,
      15_000,
    );

  it('tells each event to the people it concerns, and nobody else', async () => {
    const secretariat = await api.userWith([Role.Secretariat]);
    const resident = await api.userWith([Role.Resident]);
    const cycle = await implementingCycle(api, secretariat, resident, { candidates: 3, seats: 2 });
    const [projectId, otherProjectId] = cycle.projectIds;
    const official = await api.userWith([Role.Official], { departmentId: cycle.leadDepartmentId });
    const outsider = await api.userWith([Role.Official]);
    const follower = await api.userWith([Role.Resident]);
    const [supervisor, bystander] = cycle.deputies;
    const sorted = (...ids: string[]) => [...ids].sort();

    expect((await api.post(`/api/projects/${projectId}/follow`, {}, follower)).status).toBe(201);
    expect(
      (
        await api.post(
          `/api/projects/${projectId}/supervisors`,
          { deputyIds: [supervisor.id] },
          secretariat,
        )
      ).status,
    ).toBe(201);

    // Progress: the followers and the supervisors.
    const progress = await api.post(
      `/api/projects/${projectId}/progress`,
      { percent: 40, note: '管网铺设过半' },
      official,
    );
    expect(progress.status).toBe(201);
    expect(await waitFor('project.progress', projectId, 2)).toEqual(
      sorted(follower.id, supervisor.id),
    );

    // An inspection: the lead department's officials (the ballot's one and this one).
    const inspection = await api.post(
      `/api/projects/${projectId}/inspections`,
      { visitedOn: '2020-06-01', findings: '施工围挡不规范', rating: 3 },
      { token: supervisor.token },
    );
    expect(inspection.status).toBe(201);
    const logged = await waitFor('inspection.logged', projectId, 1);
    expect(logged).toContain(official.id);
    expect(logged).not.toContain(outsider.id);
    expect(logged).not.toContain(follower.id);

    // The answer: the supervising deputies.
    const answer = await api.post(
      `/api/inspections/${inspection.body.id}/response`,
      { response: '已整改围挡' },
      official,
    );
    expect(answer.status).toBe(201);
    expect(await waitFor('inspection.answered', projectId, 1)).toEqual([supervisor.id]);

    // An overdue milestone: announced once to the lead department and the supervisors.
    const milestone = await api.post(
      `/api/projects/${projectId}/milestones`,
      { title: '完成招标', dueDate: '2020-01-01' },
      official,
    );
    expect(milestone.status).toBe(201);
    const milestones = api.app.get(MilestonesService);
    expect(await milestones.announceOverdue()).toEqual([milestone.body.id]);
    expect(await milestones.announceOverdue()).toEqual([]);
    const overdue = await waitFor('milestone.overdue', projectId, 2);
    expect(overdue).toContain(official.id);
    expect(overdue).toContain(supervisor.id);
    expect(overdue).not.toContain(bystander.id);
    expect(new Set(overdue).size).toBe(overdue.length);

    // A rectification (as an unsatisfied evaluation opens it): the lead department and supervisors.
    await db.transaction((manager) =>
      milestones.requireRectification(manager, randomUUID(), [projectId]),
    );
    const rectify = await waitFor('rectification.required', projectId, 2);
    expect(rectify).toContain(official.id);
    expect(rectify).toContain(supervisor.id);
    expect(rectify).not.toContain(follower.id);

    // Nothing about the other project reached anyone.
    for (const kind of [
      'project.progress',
      'inspection.logged',
      'inspection.answered',
      'rectification.required',
    ]) {
      expect(await recipients(kind, otherProjectId)).toEqual([]);
    }
  });
});
