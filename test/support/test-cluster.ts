import { dropDatabase } from '@app/database';
import { deleteRedisKeys, testConfig } from '@app/testing';
import { TestApp } from './test-app.js';

/** Several API processes' worth of apps on one fresh database and one Redis prefix. */
export class TestCluster {
  private constructor(
    readonly apps: TestApp[],
    private readonly config: ReturnType<typeof testConfig>,
  ) {}

  /** Starts `count` apps at the same moment, racing to create and migrate the database. */
  static async start(count: number, overrides: Record<string, string> = {}): Promise<TestCluster> {
    const config = testConfig();
    const shared = {
      DATABASE_URL: config.database.url,
      QUEUE_PREFIX: config.redis.queuePrefix,
      ...overrides,
    };
    const apps = await Promise.all(Array.from({ length: count }, () => TestApp.start(shared)));
    return new TestCluster(apps, config);
  }

  get databaseUrl(): string {
    return this.config.database.url;
  }

  async stop(): Promise<void> {
    await Promise.all(this.apps.map((api) => api.app.close()));
    await dropDatabase(this.config.database.url);
    await deleteRedisKeys(this.config);
  }
}
