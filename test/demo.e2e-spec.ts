import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { DemoLoader, type DemoDistrict } from '../apps/api/src/demo/demo-loader.js';
import { DemoModule } from '../apps/api/src/demo/demo.module.js';
import { DEMO_PASSWORD } from '../apps/api/src/demo/putuo-2020.js';
import { TestApp } from './support/test-app.js';

describe('npm run demo: the Putuo district', () => {
  let api: TestApp;
  let first: DemoDistrict;
  let second: DemoDistrict;
  let db: DataSource;

  async function loadDemo(): Promise<DemoDistrict> {
    const context = await NestFactory.createApplicationContext(DemoModule.register(api.config), {
      logger: false,
    });
    try {
      return await context.get(DemoLoader).load();
    } finally {
      await context.close();
    }
  }

  beforeAll(async () => {
    api = await TestApp.start();
    db = api.app.get(DataSource);
    first = await loadDemo();
    second = await loadDemo();
  }, 120_000);
  afterAll(async () => {
    await api.stop();
  });

  const cycleOf = async (year: number) => {
    const answer = await api.get('/api/cycles?pageSize=100');
    return (answer.body.items as { id: string; year: number; phase: string }[]).find(
      (cycle) => cycle.year === year,
    )!;
  };

  it('loads 2020 at balloting with its 12 candidates and an open ballot that 40 of 60 deputies cast', async () => {
    const cycle = await cycleOf(2020);
    expect(cycle.phase).toBe('balloting');
    const candidates = await api.get(`/api/cycles/${cycle.id}/candidates?pageSize=100`);
    expect(candidates.body.total).toBe(12);
    expect(
      (candidates.body.items as { targets: string[] }[]).flatMap((candidate) => candidate.targets),
    ).toContain('新增就业3800人');
    const deputy = await api.signIn('deputy01@putuo.demo', DEMO_PASSWORD);
    const ballot = await api.get(`/api/ballots/${first.ballot!.id}`, { token: deputy });
    expect(ballot.body).toMatchObject({ status: 'open', deputyCount: 60, castCount: 40 });
    expect(
      (await api.get(`/api/ballots/${first.ballot!.id}/my-vote`, { token: deputy })).body,
    ).toMatchObject({ inElectorate: true, voted: false });
  });

  it('loads 2019 delivered and under evaluation: projects with progress, milestones, inspections', async () => {
    const cycle = await cycleOf(2019);
    expect(cycle.phase).toBe('evaluating');
    const projects = await api.get(`/api/cycles/${cycle.id}/projects?pageSize=100`);
    expect(projects.body.total).toBe(6);
    const items = projects.body.items as {
      id: string;
      percent: number;
      status: string;
      inspections: number;
      responsibleOfficial: { name: string } | null;
    }[];
    expect(items.every((project) => project.percent > 0 && project.inspections === 1)).toBe(true);
    expect(items.every((project) => project.responsibleOfficial !== null)).toBe(true);
    expect(new Set(items.map((project) => project.status))).toEqual(
      new Set(['completed', 'delayed', 'at_risk', 'on_track']),
    );
    const evaluation = await api.get(`/api/ballots/${first.evaluation!.id}`, {
      token: await api.signIn('deputy01@putuo.demo', DEMO_PASSWORD),
    });
    expect(evaluation.body).toMatchObject({ kind: 'evaluation', status: 'open', castCount: 20 });
  });

  it('adds nothing when run again, and shows the key shares only the first time', async () => {
    expect(second.ballot).toBeNull();
    expect(second.evaluation).toBeNull();
    expect(second.accounts).toEqual(first.accounts);
    const [{ cycles, users, ballots }] = await db.query<
      { cycles: number; users: number; ballots: number }[]
    >(
      `SELECT (SELECT count(*) FROM cycles)::int AS cycles, (SELECT count(*) FROM users)::int AS users,
              (SELECT count(*) FROM ballots)::int AS ballots`,
    );
    expect({ cycles, ballots }).toEqual({ cycles: 2, ballots: 3 });
    expect(users).toBe(1 + 2 + 8 + 60 + 30 + 1); // admin, secretariat, officials, deputies, residents, bootstrap admin
  });

  it('hands the shares over as a session would: any two open the 2020 box', async () => {
    const secretariat = { token: await api.signIn('mishu1@putuo.demo', DEMO_PASSWORD) };
    const id = first.ballot!.id;
    expect((await api.post(`/api/ballots/${id}/close`, {}, secretariat)).status).toBe(200);
    const counted = await api.post(
      `/api/ballots/${id}/count`,
      { shares: [first.ballot!.keyShares[2], first.ballot!.keyShares[0]] },
      secretariat,
    );
    expect(counted.status).toBe(200);
    // Counted with only the demo's 40 ballots: eight pass more than half of 60, two seats stay open.
    expect(counted.body).toMatchObject({
      ballotsCast: 40,
      deputyCount: 60,
      status: 'final',
      threshold: 31,
      seatsUnfilled: 2,
    });
    expect(counted.body.selected).toHaveLength(8);
  });
});
