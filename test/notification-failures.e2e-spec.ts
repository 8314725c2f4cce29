import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { INestApplicationContext } from '@nestjs/common';
import { Role } from '@app/common';
import { createWorkerApp } from '../apps/worker/src/create-worker-app.js';
import { Mailbox } from './support/mailbox.js';
import { TestApp } from './support/test-app.js';

/** Reads until `done` holds or 15 s have passed, and returns the last value read. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) {
      return value;
    }
    await sleep(50);
  }
}

/** Time for a duplicate or a stray message to show up, were there one. */
const SETTLE_MS = 500;
const SECRET = 'x'.repeat(32);
const MAX_ATTEMPTS = 3;

interface GatewayRequest {
  headers: IncomingHttpHeaders;
  rawBody: string;
  json: any;
  /** What the gateway answered */
  status: number;
}

/** A district's SMS/webhook gateway on a loopback port; it can be told to answer 500. */
class Gateway {
  readonly received: GatewayRequest[] = [];
  /** How many of the next requests get a 500 */
  failNext = 0;
  private readonly server: Server;

  private constructor() {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        const status = this.failNext > 0 ? 500 : 200;
        this.failNext -= status === 500 ? 1 : 0;
        this.received.push({
          headers: request.headers,
          rawBody,
          json: JSON.parse(rawBody),
          status,
        });
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ ok: status === 200 }));
      });
    });
  }

  static async start(): Promise<Gateway> {
    const gateway = new Gateway();
    await new Promise<void>((resolve) => gateway.server.listen(0, '127.0.0.1', resolve));
    return gateway;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/notify`;
  }

  about(title: string): GatewayRequest[] {
    return this.received.filter((request) => request.json.title?.zh === title);
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('notification delivery failures', () => {
  let api: TestApp;
  let worker: INestApplicationContext;
  let mailbox: Mailbox;
  let gateway: Gateway;
  let secretariat: { id: string; token: string };

  beforeAll(async () => {
    mailbox = await Mailbox.start();
    gateway = await Gateway.start();
    api = await TestApp.start({
      SMTP_URL: mailbox.url,
      DELIVERY_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      DELIVERY_BACKOFF_MS: '50',
      NOTIFY_WEBHOOK_URL: gateway.url,
      NOTIFY_WEBHOOK_SECRET: SECRET,
    });
    worker = await createWorkerApp(api.config);
    secretariat = await api.userWith([Role.Secretariat]);
  });
  afterAll(async () => {
    mailbox.refusing = false;
    await worker.close();
    await api.stop();
    await mailbox.stop();
    await gateway.stop();
  });

  const deliveries = (query = '') =>
    api.get(`/api/notifications/deliveries?pageSize=100${query}`, { token: secretariat.token });

  /** Waits until a delivery matching `match` (and `done`, if given) is listed, and returns it. */
  async function delivery(
    match: (delivery: any) => boolean,
    done: (delivery: any) => boolean = () => true,
  ) {
    const answer = await until(
      () => deliveries(),
      (page) => page.body.items.some((item: any) => match(item) && done(item)),
    );
    const found = answer.body.items.find(match);
    expect(found).toBeDefined();
    return found;
  }

  const retry = (deliveryId: string) =>
    api.post(`/api/notifications/deliveries/${deliveryId}/retry`, undefined, {
      token: secretariat.token,
    });

  async function announceToResidents() {
    const title = `Gateway notice ${randomUUID().slice(0, 8)}`;
    const answer = await api.post(
      '/api/announcements',
      { title, body: '社区卫生服务中心周末照常开放。', audience: [Role.Resident] },
      { token: secretariat.token },
    );
    expect(answer.status).toBe(201);
    return title;
  }

  describe('over SMTP', () => {
    it('retries a refused welcome email, then shows it failed with the reason', async () => {
      mailbox.refusing = true;
      const email = `refused-${randomUUID().slice(0, 8)}@minsheng.test`;
      const registered = await api.post('/api/auth/register', {
        email,
        password: 'password-123',
        displayName: '被拒收的居民',
      });
      expect(registered.status).toBe(201);
      const userId = registered.body.user.id as string;

      const failed = await until(
        () => deliveries('&status=failed'),
        (page) => page.body.items.some((item: any) => item.userId === userId),
      );
      expect(failed.status).toBe(200);
      const welcome = failed.body.items.find((item: any) => item.userId === userId);
      expect(welcome).toEqual({
        id: expect.any(String),
        eventId: expect.any(String),
        userId,
        channel: 'email',
        status: 'failed',
        attempts: MAX_ATTEMPTS,
        lastError: expect.stringContaining('550'),
        sentAt: null,
        updatedAt: expect.any(String),
      });
      expect(welcome.lastError).toContain('mailbox unavailable');
      expect(failed.body.items.every((item: any) => item.status === 'failed')).toBe(true);
      const ofEvent = await deliveries(`&eventId=${welcome.eventId}`);
      expect(ofEvent.body).toMatchObject({ total: 1, items: [{ id: welcome.id }] });

      // No attempt after the last one, and the inbox received regardless.
      await sleep(SETTLE_MS);
      expect((await delivery((item) => item.id === welcome.id)).attempts).toBe(MAX_ATTEMPTS);
      expect(mailbox.to(email)).toEqual([]);
      const inbox = await api.get('/api/notifications', { token: registered.body.accessToken });
      expect(inbox.body.items.map((item: any) => item.kind)).toEqual(['account.created']);

      mailbox.refusing = false;
      const retried = await retry(welcome.id);
      expect(retried.status).toBe(202);
      expect(retried.body).toMatchObject({ id: welcome.id, status: 'pending', userId });

      const sent = await delivery(
        (item) => item.id === welcome.id,
        (item) => item.status === 'sent',
      );
      expect(sent).toMatchObject({ status: 'sent', lastError: null, sentAt: expect.any(String) });
      await until(
        () => Promise.resolve(mailbox.to(email).length),
        (count) => count > 0,
      );
      await sleep(SETTLE_MS);
      expect(mailbox.to(email)).toHaveLength(1);
      expect(mailbox.to(email)[0].raw).toContain('Welcome to Minsheng');

      const again = await retry(welcome.id);
      expect(again.status).toBe(409);
      await sleep(SETTLE_MS);
      expect(mailbox.to(email)).toHaveLength(1);
    });
  });

  describe('to the webhook gateway', () => {
    let resident: { id: string; email: string; token: string };

    beforeAll(async () => {
      resident = await api.userWith([Role.Resident]);
      const chosen = await api.request('PUT', '/api/notifications/preferences', {
        token: resident.token,
        body: { preferences: [{ kind: 'announcement', email: true, webhook: true }] },
      });
      expect(chosen.status).toBe(200);
    });

    /** Checks the signature over the raw body and the recency of the timestamp. */
    function expectSigned(request: GatewayRequest) {
      const timestamp = request.headers['x-minsheng-timestamp'] as string;
      expect(timestamp).toMatch(/^\d+$/);
      expect(Math.abs(Date.now() / 1000 - Number(timestamp))).toBeLessThan(60);
      const expected = `sha256=${createHmac('sha256', SECRET)
        .update(`${timestamp}.${request.rawBody}`)
        .digest('hex')}`;
      expect(request.headers['x-minsheng-signature']).toBe(expected);
      expect(request.headers['content-type']).toContain('application/json');
    }

    it('POSTs a signed payload with the recipient and both languages, once', async () => {
      const title = await announceToResidents();
      await until(
        () => Promise.resolve(gateway.about(title).length),
        (count) => count > 0,
      );
      await sleep(SETTLE_MS);
      // Only the resident who chose the webhook; the others get inbox and email only.
      const requests = gateway.about(title);
      expect(requests).toHaveLength(1);
      const [request] = requests;
      expectSigned(request);
      expect(request.json).toEqual({
        deliveryId: expect.any(String),
        recipient: { userId: resident.id, email: resident.email, phone: null },
        title: { zh: title, en: title },
        body: { zh: '社区卫生服务中心周末照常开放。', en: '社区卫生服务中心周末照常开放。' },
        link: null,
      });

      const sent = await delivery(
        (item) => item.id === request.json.deliveryId,
        (item) => item.status === 'sent',
      );
      expect(sent).toMatchObject({
        userId: resident.id,
        channel: 'webhook',
        status: 'sent',
        attempts: 1,
      });
    });

    it('retries after the gateway answers 500 and delivers on a later attempt', async () => {
      gateway.failNext = MAX_ATTEMPTS - 1;
      const title = await announceToResidents();
      await until(
        () => Promise.resolve(gateway.about(title).length),
        (count) => count >= MAX_ATTEMPTS,
      );
      await sleep(SETTLE_MS);
      const requests = gateway.about(title);
      expect(requests.map((request) => request.status)).toEqual([500, 500, 200]);
      expect(new Set(requests.map((request) => request.json.deliveryId)).size).toBe(1);
      requests.forEach(expectSigned);

      const sent = await delivery(
        (item) => item.id === requests[0].json.deliveryId,
        (item) => item.status === 'sent',
      );
      expect(sent).toMatchObject({ status: 'sent', attempts: MAX_ATTEMPTS, lastError: null });
    });

    it('marks a delivery failed when the gateway keeps answering 500, and retries it', async () => {
      gateway.failNext = Number.POSITIVE_INFINITY;
      const title = await announceToResidents();
      await until(
        () => Promise.resolve(gateway.about(title).length),
        (count) => count >= MAX_ATTEMPTS,
      );
      const deliveryId = gateway.about(title)[0].json.deliveryId as string;
      const failed = await delivery(
        (item) => item.id === deliveryId,
        (item) => item.status === 'failed',
      );
      expect(failed).toMatchObject({
        channel: 'webhook',
        status: 'failed',
        attempts: MAX_ATTEMPTS,
        lastError: 'the gateway answered 500',
      });
      await sleep(SETTLE_MS);
      expect(gateway.about(title)).toHaveLength(MAX_ATTEMPTS);

      gateway.failNext = 0;
      const retried = await retry(deliveryId);
      expect(retried.status).toBe(202);
      expect(retried.body).toMatchObject({ id: deliveryId, status: 'pending' });
      await delivery(
        (item) => item.id === deliveryId,
        (item) => item.status === 'sent',
      );
      await sleep(SETTLE_MS);
      const requests = gateway.about(title);
      expect(requests.map((request) => request.status)).toEqual([500, 500, 500, 200]);
      expectSigned(requests[MAX_ATTEMPTS]);
    });
  });
});
