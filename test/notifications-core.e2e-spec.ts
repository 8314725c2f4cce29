import type { INestApplicationContext } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { Role } from '@app/common';
import { OutboxService } from '@app/outbox';
import { createWorkerApp } from '../apps/worker/src/create-worker-app.js';
import { Mailbox } from './support/mailbox.js';
import { TestApp } from './support/test-app.js';

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

describe('notifications through the outbox', () => {
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

  it('a committed registration reaches the inbox and the mailbox exactly once', async () => {
    const answer = await api.post('/api/auth/register', {
      email: 'welcome@minsheng.test',
      password: 'password-123',
      displayName: '新居民',
    });
    expect(answer.status).toBe(201);
    await mailbox.waitFor(1);
    const inbox = await until(
      () =>
        db.query('SELECT kind, title_zh FROM notifications WHERE user_id = $1', [
          answer.body.user.id,
        ]),
      (rows: unknown[]) => rows.length > 0,
    );
    expect(inbox).toEqual([{ kind: 'account.created', title_zh: '欢迎使用民生实事' }]);
    await sleep(500);
    expect(mailbox.to('welcome@minsheng.test')).toHaveLength(1);
    expect(mailbox.to('welcome@minsheng.test')[0].raw).toContain('Welcome to Minsheng');
  });

  it('an event in a rolled-back transaction sends nothing', async () => {
    const user = await api.userWith([Role.Resident]);
    await until(
      () => Promise.resolve(mailbox.to(user.email).length),
      (count) => count === 1,
    );
    await db
      .transaction(async (manager) => {
        await api.app.get(OutboxService).publish(manager, 'account.created', { userId: user.id });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await sleep(1_000);
    const rows = await db.query('SELECT count(*)::int AS n FROM notifications WHERE user_id = $1', [
      user.id,
    ]);
    // One welcome from the account's own creation, none from the rolled-back event.
    expect(rows[0].n).toBe(1);
    expect(mailbox.to(user.email)).toHaveLength(1);
  });
});
