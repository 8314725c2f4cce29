import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DemoLoader, type DemoDistrict } from '../../apps/api/src/demo/demo-loader.js';
import { DemoModule } from '../../apps/api/src/demo/demo.module.js';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/putuo-2020.js';
import { TestApp } from './test-app.js';

export { DEMO_PASSWORD };

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = resolve('test-results/screenshots');
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

/**
 * The built web app (dist/web) served by the API on a fresh database with the demo district
 * loaded, listening on a free port, and Debian's Chromium driven by playwright-core.
 */
export class WebSession {
  private constructor(
    readonly api: TestApp,
    readonly baseUrl: string,
    readonly demo: DemoDistrict,
    private readonly browser: Browser,
  ) {}

  static async start(): Promise<WebSession> {
    if (!existsSync(resolve('dist/web/index.html'))) {
      throw new Error('dist/web is missing: the browser tests need `npm run build` first');
    }
    if (!existsSync(CHROMIUM)) {
      throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium`);
    }
    const api = await TestApp.start();
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    const address = api.app.getHttpServer().address() as { port: number };
    const context = await NestFactory.createApplicationContext(DemoModule.register(api.config), {
      logger: false,
    });
    let demo: DemoDistrict;
    try {
      demo = await context.get(DemoLoader).load();
    } finally {
      await context.close();
    }
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
    return new WebSession(api, `http://127.0.0.1:${address.port}`, demo, browser);
  }

  /** A fresh browser profile (no session, no language chosen) and a page in it. */
  async page(
    viewport = DESKTOP,
  ): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await this.browser.newContext({ viewport, baseURL: this.baseUrl });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) {
        errors.push(message.text());
      }
    });
    return { context, page, errors };
  }

  /** Signs in through the sign-in page and waits until the header shows the user. */
  async signIn(page: Page, login: string, password = DEMO_PASSWORD): Promise<void> {
    await page.goto('/sign-in');
    await page.getByLabel('邮箱或手机号').fill(login);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();

    await page.waitForURL((url) => url.pathname !== '/sign-in');
  }

  /** The whole page, or with `fullPage: false` what the screen shows (sticky bars in place). */
  async screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: resolve(SCREENSHOT_DIR, `${name}.png`), fullPage });
  }

  async stop(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.api.stop();
  }
}

const require = createRequire(import.meta.url);

/** The page's whole width as laid out: wider than its viewport means it scrolls sideways. */
export function laidOutWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/** Serious and critical accessibility violations axe-core finds on the page as it is now. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<any> } }).axe;
    return axe.run(document);
  });
  return (results.violations as { id: string; impact: string; nodes: { target: string[] }[] }[])
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}
