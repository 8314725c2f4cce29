import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { promisify } from 'node:util';
import { dropDatabase } from '@app/database';
import { testConfig } from '@app/testing';
import { axeViolations, PHONE, WebSession } from './support/web-session.js';

const run = promisify(execFile);
const FIRST_PAGE_JS_LIMIT = 300 * 1024;

// Browser steps wait for pages to render; a cold Chromium start alone can take seconds.
vi.setConfig({ testTimeout: 60_000 });

describe('the web app, served by the API', () => {
  let web: WebSession;

  beforeAll(async () => {
    web = await WebSession.start();
  }, 120_000);
  afterAll(async () => {
    await web?.stop();
  });

  it('answers the app for client routes, files with their caching, and JSON 404s under /api', async () => {
    const home = await fetch(`${web.baseUrl}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/text\/html/);
    expect(home.headers.get('cache-control')).toBe('no-cache');
    const deep = await fetch(`${web.baseUrl}/proposals/5d1c6f0e-6a41-4c59-9a56-0b9f8a1d9b11`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<div id="root"></div>');

    const unknownApi = await fetch(`${web.baseUrl}/api/no-such-thing`);
    expect(unknownApi.status).toBe(404);
    expect(await unknownApi.json()).toMatchObject({ statusCode: 404 });

    const script = (await readdir('dist/web/assets')).find((name) => name.endsWith('.js'))!;
    const asset = await fetch(`${web.baseUrl}/assets/${script}`, {
      headers: { 'accept-encoding': 'br' },
    });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-encoding')).toBe('br');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${web.baseUrl}/assets/missing-file.js`)).status).toBe(404);
  });

  it('shows the current cycle in Chinese first, and switches to English, remembered after a reload', async () => {
    const { context, page, errors } = await web.page();
    await page.goto('/');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.getByRole('heading', { level: 1, name: '本年度民生实事' }).waitFor();
    await page.getByText('2020年普陀区民生实事项目').first().waitFor();
    await web.screenshot(page, 'home-zh');

    await page.getByRole('button', { name: 'English' }).click();
    await page
      .getByRole('heading', { level: 1, name: "This year's livelihood projects" })
      .waitFor();
    await page.reload();
    await page
      .getByRole('heading', { level: 1, name: "This year's livelihood projects" })
      .waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('loads less than 300 KB of compressed JavaScript for the first page', async () => {
    const { context, page } = await web.page(PHONE);
    const scripts: Promise<number>[] = [];
    page.on('requestfinished', (request) => {
      if (request.resourceType() === 'script') {
        scripts.push(request.sizes().then((sizes) => sizes.responseBodySize));
      }
    });
    await page.goto('/', { waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 1 }).waitFor();
    const bytes = (await Promise.all(scripts)).reduce((sum, size) => sum + size, 0);
    console.log(
      `first page: ${scripts.length} scripts, ${(bytes / 1024).toFixed(1)} KB compressed`,
    );
    expect(scripts.length).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(FIRST_PAGE_JS_LIMIT);
    await context.close();
  });

  it('signs a resident in and out, and keeps what was typed when the password is wrong', async () => {
    const { context, page } = await web.page(PHONE);
    await page.goto('/sign-in');
    await page.getByLabel('邮箱或手机号').fill('resident01@putuo.demo');
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('账号或密码错误').waitFor();
    expect(await page.getByLabel('邮箱或手机号').inputValue()).toBe('resident01@putuo.demo');

    await web.signIn(page, 'resident01@putuo.demo');
    // On a phone, who is signed in and signing out are in the menu.
    await page.getByRole('button', { name: '菜单' }).click();
    await page.getByRole('dialog').getByText('居民').waitFor();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('link', { name: '登录' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('minsheng.session'))).toBeNull();
    await context.close();
  });

  it('has no serious or critical accessibility violation on the home and sign-in pages', async () => {
    const { context, page } = await web.page();
    for (const path of ['/', '/sign-in', '/register']) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await axeViolations(page), path).toEqual([]);
    }
    await context.close();
  });
});

describe('the web app’s API types', () => {
  it('match what the built API documents (npm run web:api-types regenerates them)', async () => {
    const config = testConfig();
    try {
      const { stdout } = await run('node', ['apps/web/scripts/api-types.mjs', '--check'], {
        env: {
          ...process.env,
          DATABASE_URL: config.database.url,
          QUEUE_PREFIX: config.redis.queuePrefix,
          LOG_LEVEL: 'silent',
        },
      });
      expect(stdout).toContain('match the API');
    } finally {
      await dropDatabase(config.database.url);
    }
  }, 60_000);
});
