import type { Page } from 'playwright-core';
import {
  axeViolations,
  DEMO_PASSWORD,
  laidOutWidth,
  PHONE,
  WebSession,
} from './support/web-session.js';

// Browser steps wait for pages to render; a cold Chromium start alone can take seconds.
vi.setConfig({ testTimeout: 90_000 });

const SECRETARIAT = 'mishu1@putuo.demo';
/** 区卫健局: screens proposals and drafts candidates of its own department. */
const OFFICIAL = 'official1@putuo.demo';
/** 区住建局, the lead department of the 2019 project 老旧小区综合改造 (at 80% in the demo). */
const HOUSING_OFFICIAL = 'official5@putuo.demo';
const RESIDENT = 'resident01@putuo.demo';

const EXISTING_TITLE = '改造东极镇渔农村供水管网';
const OWN_TITLE = '东极镇码头增设候船遮阳棚';

/** Picks an option of the Ant Design select labelled `label`. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-item-option', { hasText: option }).first().click();
}

/**
 * A new 2021 cycle in collecting, made through the API, becomes the current one. The tests
 * of this file run in order on it: residents propose and support while it collects (the last
 * step moves it to screening), then an official screens and builds a candidate. The
 * progress and accessibility tests read the demo's 2019 and 2020 cycles and stand alone.
 */
describe('residents propose and officials screen, in the browser', () => {
  let web: WebSession;
  let secretariat: string;
  let cycleId: string;
  let existingId: string;
  let ownId: string;

  beforeAll(async () => {
    web = await WebSession.start();
    secretariat = await web.api.signIn(SECRETARIAT, DEMO_PASSWORD);
    const cycle = await web.api.post(
      '/api/cycles',
      { year: 2021, title: '2021年普陀区民生实事项目', region: '普陀区', seats: 3 },
      { token: secretariat },
    );
    expect(cycle.status).toBe(201);
    cycleId = cycle.body.id;
    const collecting = await web.api.post(
      `/api/cycles/${cycleId}/phase`,
      { phase: 'collecting' },
      { token: secretariat },
    );
    expect(collecting.status).toBe(200);
    const neighbour = await web.api.signIn('resident02@putuo.demo', DEMO_PASSWORD);
    const filed = await web.api.post(
      `/api/cycles/${cycleId}/proposals`,
      {
        title: EXISTING_TITLE,
        category: 'water',
        description: '东极镇夏天供水经常中断，希望改造管网。',
        location: '东极镇',
      },
      { token: neighbour },
    );
    expect(filed.status).toBe(201);
    existingId = filed.body.id;
  }, 120_000);
  afterAll(async () => {
    await web?.stop();
  });

  it('lets a resident on a phone support a similar proposal, file their own, and keep the form when the server refuses', async ({
    onTestFailed,
  }) => {
    const { context, page, errors } = await web.page(PHONE);
    onTestFailed(() => web.screenshot(page, 'failed-proposals-1'));
    await web.signIn(page, RESIDENT);
    // The new cycle, collecting, is the current one on the home page.
    await page.goto('/');
    await page.getByRole('link', { name: '2021年普陀区民生实事项目' }).waitFor();
    await page.goto('/propose');
    await page.getByRole('heading', { level: 1, name: '提出民生实事建议' }).waitFor();
    await page.getByText('2021年普陀区民生实事项目正在征集建议').waitFor();

    await page.getByLabel('建议标题').fill('东极镇供水管网改造');
    await page.getByText('已有 1 条相似的建议').waitFor();
    await page.getByRole('link', { name: new RegExp(EXISTING_TITLE) }).waitFor();
    await page.getByText('附议 0 次').waitFor();
    expect(await laidOutWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await web.screenshot(page, 'phone-propose-similar');
    await page.getByRole('button', { name: `附议：${EXISTING_TITLE}` }).click();
    await page.getByText('附议 1 次').waitFor();
    await page.getByRole('button', { name: '已附议' }).waitFor();
    expect(await page.getByRole('button', { name: '已附议' }).isDisabled()).toBe(true);
    expect((await web.api.get(`/api/proposals/${existingId}`)).body.supportCount).toBe(1);

    await page.getByLabel('建议标题').fill(OWN_TITLE);
    await choose(page, '类别', '交通出行');
    await page.getByLabel('建议内容').fill('码头候船的老人夏天没有遮阳的地方。');
    await page.getByLabel('地点').fill('东极镇');
    await page.getByRole('button', { name: '提交建议' }).click();
    await page.getByText('建议已提交', { exact: true }).waitFor();
    await page.getByRole('link', { name: /^查看.*建议$/ }).click();
    await page.getByRole('heading', { level: 1, name: OWN_TITLE }).waitFor();
    await page.getByText('建议已提交，等待政府部门审查。').waitFor();
    ownId = new URL(page.url()).pathname.split('/').pop()!;
    const own = await web.api.get(`/api/proposals/${ownId}`);
    expect(own.body).toMatchObject({
      title: OWN_TITLE,
      status: 'submitted',
      category: 'transport',
      cycleId,
    });

    await page.goto('/me/proposals');
    await page.getByRole('heading', { level: 1, name: '我的建议' }).waitFor();
    await page.getByText(OWN_TITLE).waitFor();

    // The collection ends while the resident types a second one: the server refuses it.
    await page.goto('/propose');
    await page.getByLabel('建议标题').fill('东极镇增设公交候车亭');
    await choose(page, '类别', '交通出行');
    await page.getByLabel('建议内容').fill('公交站没有候车亭，下雨天只能淋雨。');
    const screening = await web.api.post(
      `/api/cycles/${cycleId}/phase`,
      { phase: 'screening' },
      { token: secretariat },
    );
    expect(screening.status).toBe(200);
    const refused = page.waitForResponse(
      (response) =>
        response.request().method() === 'POST' &&
        response.url().endsWith(`/api/cycles/${cycleId}/proposals`),
    );
    await page.getByRole('button', { name: '提交建议' }).click();
    expect((await refused).status()).toBe(409);
    await page.getByRole('alert').filter({ hasText: '当前阶段为"筛选"' }).waitFor();
    expect(await page.getByLabel('建议标题').inputValue()).toBe('东极镇增设公交候车亭');
    expect(await page.getByLabel('建议内容').inputValue()).toBe(
      '公交站没有候车亭，下雨天只能淋雨。',
    );
    await page.getByText('交通出行').first().waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets an official accept one proposal, reject another with a required reason, and build a candidate; the public sees both', async ({
    onTestFailed,
  }) => {
    const { context, page, errors } = await web.page();
    onTestFailed(() => web.screenshot(page, 'failed-proposals-2'));
    await web.signIn(page, OFFICIAL);
    await page.goto(`/official/screening?cycle=${cycleId}`);
    await page.getByRole('heading', { level: 1, name: '建议筛选' }).waitFor();
    await page.getByText('待审查建议 2 条').waitFor();
    await web.screenshot(page, 'screening-queue');
    expect(await axeViolations(page), 'screening queue').toEqual([]);

    const existing = page.getByRole('article', { name: EXISTING_TITLE });
    await existing.getByRole('button', { name: '采纳', exact: true }).click();
    await page
      .getByRole('dialog')
      .filter({ hasText: '确定采纳这条建议吗？' })
      .getByRole('button', { name: '采纳', exact: true })
      .click();
    await existing.waitFor({ state: 'detached' });

    const own = page.getByRole('article', { name: OWN_TITLE });
    await own.getByRole('button', { name: '不予采纳', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `不予采纳：${OWN_TITLE}` });
    await dialog.getByRole('button', { name: '不予采纳', exact: true }).click();
    await dialog.getByText('请填写不予采纳的理由').waitFor();
    expect((await web.api.get(`/api/proposals/${ownId}`)).body.status).toBe('submitted');
    await dialog.getByLabel('不予采纳的理由').fill('码头设施已列入交通局2021年计划。');
    await dialog.getByRole('button', { name: '不予采纳', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('没有待审查的建议。').waitFor();
    expect((await web.api.get(`/api/proposals/${existingId}`)).body.status).toBe('accepted');
    expect((await web.api.get(`/api/proposals/${ownId}`)).body).toMatchObject({
      status: 'rejected',
      rejectReason: '码头设施已列入交通局2021年计划。',
    });

    await page.goto(`/official/candidates?cycle=${cycleId}`);
    await page.getByRole('heading', { level: 1, name: '候选项目编制' }).waitFor();
    await page.getByRole('checkbox', { name: EXISTING_TITLE }).check();
    await page.getByRole('button', { name: '用所选 1 条建议编制候选项目' }).click();
    const form = page.getByRole('dialog', { name: '新建候选项目' });
    expect(await form.getByLabel('项目名称').inputValue()).toBe(EXISTING_TITLE);
    await form.getByLabel('项目名称').fill('东极镇供水管网改造工程');
    await form.getByLabel('项目概要').fill('改造东极镇老旧供水管网，解决夏季停水。');
    await form.getByLabel('目标 1').fill('改造管网12公里');
    await form.getByLabel('预算（元）').fill('3600000');
    await form.getByRole('button', { name: '保存' }).click();
    await form.waitFor({ state: 'hidden' });
    await page.getByRole('article', { name: '东极镇供水管网改造工程' }).waitFor();
    const candidates = await web.api.get(`/api/cycles/${cycleId}/candidates`, {
      token: secretariat,
    });
    expect(candidates.body.items).toEqual([
      expect.objectContaining({
        title: '东极镇供水管网改造工程',
        budget: 3_600_000,
        sourceProposals: [expect.objectContaining({ id: existingId })],
      }),
    ]);
    const candidateId = candidates.body.items[0].id as string;
    await page.goto(`/proposals/${existingId}`);
    await page.getByText('已采纳：此建议进入候选项目的筛选。').waitFor();
    await page.getByRole('link', { name: '东极镇供水管网改造工程' }).waitFor();
    await web.screenshot(page, 'proposal-accepted');
    expect(errors).toEqual([]);
    await context.close();

    // Candidates are public from balloting on: a visitor sees the outcome and a link to it.
    const visitor = await web.page();
    await visitor.page.goto(`/proposals/${existingId}`);
    await visitor.page.getByRole('heading', { level: 1, name: EXISTING_TITLE }).waitFor();
    await visitor.page.getByText('已采纳：此建议进入候选项目的筛选。').waitFor();
    await visitor.page.getByText('形成的候选项目：').waitFor();
    await visitor.page
      .locator(`a[href="/cycles/${cycleId}/candidates#candidate-${candidateId}"]`)
      .waitFor();
    await visitor.page.goto(`/proposals/${ownId}`);
    await visitor.page.getByRole('heading', { level: 1, name: OWN_TITLE }).waitFor();
    await visitor.page.getByText('理由：码头设施已列入交通局2021年计划。').waitFor();
    expect(visitor.errors).toEqual([]);
    await visitor.context.close();
  });

  it('lets the lead department’s official post progress, and a signed-out visitor sees the new percent', async () => {
    const cycles = await web.api.get('/api/cycles?pageSize=100');
    const cycle2019 = cycles.body.items.find((cycle: { year: number }) => cycle.year === 2019);
    const projects = await web.api.get(`/api/cycles/${cycle2019.id}/projects?pageSize=100`);
    const project = projects.body.items.find(
      (item: { title: string }) => item.title === '老旧小区综合改造',
    );
    const before = project.percent as number;
    const after = before + 10;

    const { context, page, errors } = await web.page();
    await web.signIn(page, HOUSING_OFFICIAL);
    await page.goto('/official/projects');
    await page.getByRole('heading', { level: 1, name: '本部门项目' }).waitFor();
    const card = page.getByRole('article', { name: '老旧小区综合改造' });
    await card.getByRole('tab', { name: '进展' }).click();
    await card.getByText(`上次报告的进度为 ${before}%。`).waitFor();
    await card.getByLabel('完成进度（%）').fill(String(after));
    await card.getByLabel('进展说明').fill('第二批9个小区已完工，余下3个正在施工。');
    await card.getByRole('button', { name: '报告进展' }).click();
    await page.getByText(`已报告进展：${after}%`).waitFor();
    await card.getByText(`上次报告的进度为 ${after}%。`).waitFor();
    expect((await web.api.get(`/api/projects/${project.id}`)).body.percent).toBe(after);
    expect(errors).toEqual([]);
    await context.close();

    const visitor = await web.page();
    await visitor.page.goto(`/projects/${project.id}`);
    await visitor.page.getByRole('heading', { level: 1, name: '老旧小区综合改造' }).waitFor();
    await visitor.page.getByRole('progressbar').first().getByText(`${after}%`).waitFor();
    await visitor.page.getByText('第二批9个小区已完工，余下3个正在施工。').waitFor();
    await web.screenshot(visitor.page, 'project');
    expect(await axeViolations(visitor.page), 'project page').toEqual([]);
    expect(visitor.errors).toEqual([]);
    await visitor.context.close();
  });

  it('has no serious or critical accessibility violation on the proposal pages and the candidate list', async () => {
    const cycles = await web.api.get('/api/cycles?pageSize=100');
    const cycle2020 = cycles.body.items.find((cycle: { year: number }) => cycle.year === 2020);
    const proposals = await web.api.get(`/api/cycles/${cycle2020.id}/proposals?sort=supports`);
    const proposal = proposals.body.items[0];
    const candidates = await web.api.get(`/api/cycles/${cycle2020.id}/candidates`);

    const { context, page, errors } = await web.page();
    await page.goto(`/cycles/${cycle2020.id}/proposals`);
    await page.getByRole('heading', { level: 1, name: '群众建议' }).waitFor();
    await page.getByText(proposal.title).first().waitFor();
    await web.screenshot(page, 'proposals');
    expect(await axeViolations(page), 'proposals list').toEqual([]);

    await page.goto(`/proposals/${proposal.id}`);
    await page.getByRole('heading', { level: 1, name: proposal.title }).waitFor();
    await page.getByText('审查结果').waitFor();
    await web.screenshot(page, 'proposal');
    expect(await axeViolations(page), 'proposal page').toEqual([]);

    await page.goto(`/cycles/${cycle2020.id}/candidates`);
    await page.getByRole('heading', { level: 1, name: '候选项目' }).waitFor();
    await page.getByText(candidates.body.items[0].title).first().waitFor();
    await web.screenshot(page, 'candidates');
    expect(await axeViolations(page), 'candidate list').toEqual([]);

    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: '本年度民生实事' }).waitFor();
    await web.screenshot(page, 'home-new-cycle');
    expect(errors).toEqual([]);
    await context.close();

    // The propose page, as a resident with look-alikes showing (the 2021 cycle has moved on:
    // a second cycle in collecting is made for it).
    const cycle = await web.api.post(
      '/api/cycles',
      { year: 2022, title: '2022年普陀区民生实事项目', region: '普陀区', seats: 3 },
      { token: secretariat },
    );
    await web.api.post(
      `/api/cycles/${cycle.body.id}/phase`,
      { phase: 'collecting' },
      { token: secretariat },
    );
    const neighbour = await web.api.signIn('resident03@putuo.demo', DEMO_PASSWORD);
    await web.api.post(
      `/api/cycles/${cycle.body.id}/proposals`,
      { title: '沈家门菜场周边增设停车位', category: 'transport', description: '停车难。' },
      { token: neighbour },
    );
    const resident = await web.page();
    await web.signIn(resident.page, 'resident04@putuo.demo');
    await resident.page.goto('/propose');
    await resident.page.getByLabel('建议标题').fill('沈家门菜场停车位');
    await resident.page.getByText('已有 1 条相似的建议').waitFor();
    await web.screenshot(resident.page, 'propose-similar');
    expect(await axeViolations(resident.page), 'propose page').toEqual([]);
    expect(resident.errors).toEqual([]);
    await resident.context.close();
  });
});
