import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

/** A Redis server of the test's own on a spare port, which a fault test may stop and restart. */
export class SpareRedis {
  private readonly pidFile: string;

  constructor(readonly port: number) {
    this.pidFile = `/tmp/minsheng-test-redis-${port}.pid`;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    execFileSync('redis-server', [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'yes',
      '--pidfile',
      this.pidFile,
    ]);
    await this.waitUntil(true);
  }

  async stop(): Promise<void> {
    try {
      process.kill(Number(readFileSync(this.pidFile, 'utf8')), 'SIGKILL');
    } catch {
      return;
    }
    rmSync(this.pidFile, { force: true });
    await this.waitUntil(false);
  }

  private async waitUntil(up: boolean): Promise<void> {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const client = new Redis(this.url, {
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      client.on('error', () => undefined);
      const answered = await client
        .connect()
        .then(() => client.ping())
        .then(
          () => true,
          () => false,
        );
      client.disconnect();
      if (answered === up) {
        return;
      }
      await sleep(100);
    }
    throw new Error(`Redis on port ${this.port} did not come ${up ? 'up' : 'down'}`);
  }
}
