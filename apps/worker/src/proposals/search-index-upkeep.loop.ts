import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { SearchIndexUpkeep } from '@app/proposals';

/**
 * Between merges. At 1,000 submits a second a second's pending entries are about 1.6 MB, well
 * under the 8 MB at which an insert would merge them itself.
 */
const EVERY_MS = 1_000;

/** Merges the proposal search indexes' pending entries, for as long as the worker runs. */
@Injectable()
export class SearchIndexUpkeepLoop implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SearchIndexUpkeepLoop.name);
  private readonly stopping = new AbortController();
  private loop: Promise<void> | undefined;
  private failing = false;

  constructor(private readonly upkeep: SearchIndexUpkeep) {}

  onApplicationBootstrap(): void {
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    const { signal } = this.stopping;
    while (!signal.aborted) {
      await this.mergeOnce();
      await sleep(EVERY_MS, undefined, { signal }).catch(() => undefined);
    }
  }

  private async mergeOnce(): Promise<void> {
    try {
      await this.upkeep.mergePendingLists();
      if (this.failing) {
        this.logger.log('搜索索引维护已恢复 / Search index upkeep recovered');
        this.failing = false;
      }
    } catch (error) {
      if (!this.failing) {
        this.logger.warn(
          `搜索索引维护暂停，稍后重试 / Search index upkeep paused: ${(error as Error).message}`,
        );
        this.failing = true;
      }
    }
  }
}
