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
const SEATS = 10;

interface BallotItem {
  id: string;
  title: string;
}

/** The radio group of the ballot's `index`th item (0-based), named by its numbered title. */
function marksOf(page: Page, index: number, item: BallotItem) {
  return page.getByRole('radiogroup', { name: `${index + 1}. ${item.title}`, exact: true });
}

type Mark = '赞成' | '不赞成' | '弃权';

/** The radio input of a mark: hidden under its label, read for its state. */
function mark(page: Page, index: number, item: BallotItem, label: Mark) {
  return marksOf(page, index, item).getByRole('radio', { name: label, exact: true });
}

/** Clicks a mark as a user does: on its visible button (the label). */
async function choose(page: Page, index: number, item: BallotItem, label: Mark): Promise<void> {
  await marksOf(page, index, item)
    .locator('label')
    .filter({ hasText: new RegExp(`^${label}$`) })
    .click();
  await expect.poll(() => mark(page, index, item, label).isChecked()).toBe(true);
}

/**
 * The demo's open 2020 ballot (12 candidates, 10 seats; deputies 21–60 have voted). The tests
 * run in this order: deputies 01–04 use the ballot page while it is open, then the
 * secretariat closes and counts it, then the public result and bulletin are read.
 */
describe('the 2020 ballot in the browser: voting, the count and the result', () => {
  let web: WebSession;
  let ballotId: string;
  let items: BallotItem[];
  let receipt: string;

  const castCount = async () => {
    const token = await web.api.signIn(SECRETARIAT, DEMO_PASSWORD);
    return (await web.api.get(`/api/ballots/${ballotId}`, { token })).body.castCount as number;
  };

  beforeAll(async () => {
    web = await WebSession.start();
    ballotId = web.demo.ballot!.id;
    const token = await web.api.signIn(SECRETARIAT, DEMO_PASSWORD);
    const ballot = await web.api.get(`/api/ballots/${ballotId}`, { token });
    expect(ballot.body).toMatchObject({ status: 'open', seats: SEATS });
    items = ballot.body.candidates;
    expect(items).toHaveLength(12);
  }, 120_000);
  afterAll(async () => {
    await web?.stop();
  });

  it('stops a deputy at 10 赞成, confirms the marks, casts and shows the receipt once', async ({
    onTestFailed,
  }) => {
    const { context, page, errors } = await web.page();
    onTestFailed(() => web.screenshot(page, 'failed-ballot-1'));
    await web.signIn(page, 'deputy01@putuo.demo');
    await page.goto('/deputy/ballots');
    await page.getByRole('heading', { level: 1, name: '代表投票' }).waitFor();
    await page.getByText('未投票').first().waitFor();
    await page.goto(`/ballots/${ballotId}/vote`);
    await page.getByText('已赞成 0 / 最多 10').waitFor();
    const before = await castCount();

    for (let index = 0; index < SEATS; index += 1) {
      await choose(page, index, items[index], '赞成');
    }
    await page.getByText('已赞成 10 / 最多 10').waitFor();
    await page.getByText('赞成已达上限 10 项').waitFor();
    const eleventh = mark(page, 10, items[10], '赞成');
    expect(await eleventh.isDisabled()).toBe(true);
    await marksOf(page, 10, items[10])
      .locator('label')
      .filter({ hasText: /^赞成$/ })
      .click({ force: true });
    expect(await eleventh.isChecked()).toBe(false);
    await page.getByText('已赞成 10 / 最多 10').waitFor();
    expect(await page.getByText('赞成已满 10 项，不能再赞成此项。', { exact: false }).count()).toBe(
      2,
    );
    await web.screenshot(page, 'ballot');
    await marksOf(page, 10, items[10]).scrollIntoViewIfNeeded();
    await web.screenshot(page, 'ballot-for-full', { fullPage: false });
    await choose(page, 10, items[10], '不赞成');

    await page.getByRole('button', { name: '核对并提交选票' }).click();
    const dialog = page.getByRole('dialog', { name: '请核对您的选择，提交后不可更改' });
    await dialog.getByText('已赞成 10 / 最多 10').waitFor();
    const rows = dialog.getByRole('listitem');
    expect(await rows.count()).toBe(12);
    expect(await rows.nth(0).textContent()).toBe(`1. ${items[0].title}赞成`);
    expect(await rows.nth(10).textContent()).toBe(`11. ${items[10].title}不赞成`);
    expect(await rows.nth(11).textContent()).toBe(`12. ${items[11].title}弃权（未选择）`);
    await web.screenshot(page, 'ballot-confirm');
    await dialog.getByRole('button', { name: '确认投票' }).click();

    await page.getByRole('heading', { name: '投票成功，您的选票已提交' }).waitFor();
    receipt = (await page.locator('.ballot-receipt-code').textContent())!.trim();
    expect(receipt).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4})+$/);
    await page.getByRole('link', { name: '前往计票公告' }).waitFor();
    await web.screenshot(page, 'receipt');
    expect(await castCount()).toBe(before + 1);

    await page.reload();
    await page.getByText('您已经投过票了').waitFor();
    expect(await page.getByText(receipt).count()).toBe(0);
    await page.goto('/deputy/ballots');
    await page.getByText('已投票').first().waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets a deputy set marks with the keyboard only and cast them', async ({ onTestFailed }) => {
    const { context, page, errors } = await web.page();
    onTestFailed(() => web.screenshot(page, 'failed-ballot-2'));
    await web.signIn(page, 'deputy02@putuo.demo');
    await page.goto(`/ballots/${ballotId}/vote`);
    await page.getByText('已赞成 0 / 最多 10').waitFor();
    const before = await castCount();

    // Tab from the top of the page until a mark has the focus: the first item's first mark.
    await page.getByRole('heading', { level: 1 }).click();
    for (let presses = 0; presses < 60; presses += 1) {
      await page.keyboard.press('Tab');
      if (
        await page.evaluate(() => (document.activeElement as HTMLInputElement).type === 'radio')
      ) {
        break;
      }
    }
    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement as HTMLInputElement;
        return { type: element.type, label: element.closest('label')?.textContent };
      });
    expect(await focused()).toEqual({ type: 'radio', label: '赞成' });
    await page.keyboard.press('Space');
    expect(await mark(page, 0, items[0], '赞成').isChecked()).toBe(true);
    await page.getByText('已赞成 1 / 最多 10').waitFor();
    await page.keyboard.press('ArrowRight');
    expect(await mark(page, 0, items[0], '不赞成').isChecked()).toBe(true);
    await page.getByText('已赞成 0 / 最多 10').waitFor();
    await page.keyboard.press('ArrowLeft');
    expect(await mark(page, 0, items[0], '赞成').isChecked()).toBe(true);
    await page.getByText('已赞成 1 / 最多 10').waitFor();

    // Tab leaves the group for the next item's marks.
    await page.keyboard.press('Tab');
    expect(await focused()).toEqual({ type: 'radio', label: '赞成' });
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await mark(page, 1, items[1], '弃权').isChecked()).toBe(true);
    expect(await page.locator('.ant-radio-button-wrapper-checked').count()).toBe(2);

    await page.getByRole('button', { name: '核对并提交选票' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: '请核对您的选择，提交后不可更改' });
    await dialog.getByText('已赞成 1 / 最多 10').waitFor();
    await dialog.getByRole('button', { name: '确认投票' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '投票成功，您的选票已提交' }).waitFor();
    expect(await castCount()).toBe(before + 1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fits the ballot page on a phone and has no serious accessibility violation', async () => {
    const phone = await web.page(PHONE);
    await web.signIn(phone.page, 'deputy03@putuo.demo');
    await phone.page.goto(`/ballots/${ballotId}/vote`);
    await phone.page.getByText('已赞成 0 / 最多 10').waitFor();
    await choose(phone.page, 0, items[0], '赞成');
    await choose(phone.page, 1, items[1], '不赞成');
    await phone.page.getByText('已赞成 1 / 最多 10').waitFor();
    expect(await laidOutWidth(phone.page)).toBeLessThanOrEqual(PHONE.width);
    expect(await phone.page.getByRole('button', { name: '核对并提交选票' }).isVisible()).toBe(true);
    await web.screenshot(phone.page, 'phone-ballot', { fullPage: false });
    expect(phone.errors).toEqual([]);
    await phone.context.close();

    const phoneHome = await web.page(PHONE);
    await phoneHome.page.goto('/');
    await phoneHome.page.getByRole('heading', { level: 1, name: '本年度民生实事' }).waitFor();
    await phoneHome.page.getByText('2020年普陀区民生实事项目').first().waitFor();
    expect(await laidOutWidth(phoneHome.page)).toBeLessThanOrEqual(PHONE.width);
    await web.screenshot(phoneHome.page, 'phone-home');
    await phoneHome.context.close();

    const { context, page, errors } = await web.page();
    await web.signIn(page, 'deputy04@putuo.demo');
    await page.goto(`/ballots/${ballotId}/vote`);
    await page.getByText('已赞成 0 / 最多 10').waitFor();
    await marksOf(page, 11, items[11]).waitFor();
    expect(await axeViolations(page), 'ballot page').toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets the secretariat close the ballot and count it, refusing a wrong key share first', async ({
    onTestFailed,
  }) => {
    const { context, page, errors } = await web.page();
    onTestFailed(() => web.screenshot(page, 'failed-ballot-3'));
    await web.signIn(page, SECRETARIAT);
    await page.goto(`/secretariat/ballots/${ballotId}`);
    await page.getByRole('heading', { level: 1, name: '投票控制室 · 票决' }).waitFor();
    await page.getByText('投票进行中').waitFor();
    await web.screenshot(page, 'control-room');

    expect(await axeViolations(page), 'control room').toEqual([]);
    const cast = await castCount();

    await page.getByRole('button', { name: '结束投票' }).click();
    const dialog = page.getByRole('dialog', { name: '结束投票？' });
    await dialog.getByText(`已投 ${cast} 票`).waitFor();
    await dialog.getByRole('button', { name: '确认结束' }).click();
    await page.getByText('开箱计票', { exact: true }).first().waitFor();
    expect((await web.api.get(`/api/ballots/${ballotId}/result`)).status).toBe(409);

    const shares = web.demo.ballot!.keyShares;
    await page.getByLabel('监票人分片 1').fill(shares[0]);
    await page.getByLabel('监票人分片 2').fill(web.demo.evaluation!.keyShares[0]);
    await page.getByRole('button', { name: '开箱计票' }).click();
    await page.getByText('未能开箱，票箱保持原状').waitFor();
    await page.getByText('第 2 份密钥分片属于另一场投票').waitFor();
    expect(await page.getByLabel('监票人分片 1').inputValue()).toBe(shares[0]);

    await page.getByLabel('监票人分片 2').fill(shares[2]);
    await page.getByRole('button', { name: '开箱计票' }).click();
    await page.getByText('结果有效').waitFor();
    await page.getByText('当选项目（按得票排序）：').waitFor();
    const result = await web.api.get(`/api/ballots/${ballotId}/result`);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ status: 'final', ballotsCast: cast });
    const selected = result.body.selected as string[];
    const titles = selected.map((id) => items.find((item) => item.id === id)!.title);
    const listed = await page
      .locator('.ant-card')
      .filter({ hasText: '当选项目（按得票排序）：' })
      .locator('ol > li')
      .allTextContents();
    expect(listed).toEqual(titles);
    await web.screenshot(page, 'control-room-counted');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the public result with its chart and table, and finds the deputy’s receipt on the bulletin', async () => {
    const result = (await web.api.get(`/api/ballots/${ballotId}/result`)).body;
    const { context, page, errors } = await web.page();
    await page.goto(`/ballots/${ballotId}/result`);
    await page.getByRole('heading', { level: 1, name: '计票结果' }).waitFor();
    const chart = page.getByRole('img', {
      name: '各候选项目的赞成、不赞成和弃权票条形图，下表列出相同数字',
    });
    await chart.locator('canvas').first().waitFor();
    const table = page.getByRole('table', { name: '得票明细' });
    const rows = table.locator('tbody tr.ant-table-row');
    await rows.nth(11).waitFor();
    expect(await rows.count()).toBe(12);
    const marked = await rows.filter({ hasText: '✓' }).allTextContents();
    expect(marked).toHaveLength(result.selected.length);
    for (const id of result.selected as string[]) {
      const title = items.find((item) => item.id === id)!.title;
      await rows
        .filter({ hasText: `✓ ${title}` })
        .first()
        .waitFor();
    }
    await page.getByText(`当选 ${result.selected.length} 项（应选 10 项）`).waitFor();
    await web.screenshot(page, 'result');
    expect(await axeViolations(page), 'result page').toEqual([]);

    await page.goto(`/ballots/${ballotId}/bulletin`);
    await page.getByRole('heading', { level: 1, name: '计票公告' }).waitFor();
    await page.getByLabel('回执码').fill(receipt.toLowerCase());
    await page.getByRole('button', { name: '核对' }).click();
    await page.getByText(/已找到：您的选票已计入/).waitFor();
    await page.getByLabel('回执码').fill('AAAA-BBBB-CCCC-DDDD-EEEE');
    await page.getByRole('button', { name: '核对' }).click();
    await page.getByText('未找到此回执').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
