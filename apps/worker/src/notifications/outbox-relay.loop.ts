import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { OutboxRelayService } from '@app/outbox';
import { NotificationJobs } from './notification-jobs.js';

const BATCH = 500;
const IDLE_MS = 200;
const AFTER_FAILURE_MS = 1_000;
/** Longer than this and Redis is taken to be away: give up the batch and try again later. */
const SEND_TIMEOUT_MS = 5_000;

/** Moves committed outbox events onto the queue, for as long as the worker runs. */
@Injectable()
export class OutboxRelayLoop implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayLoop.name);
  private running = false;
  private loop: Promise<void> | undefined;
  private failing = false;

  constructor(
    private readonly relay: OutboxRelayService,
    private readonly jobs: NotificationJobs,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      const relayed = await this.relayOnce();
      if (relayed < BATCH) {
        await sleep(relayed < 0 ? AFTER_FAILURE_MS : IDLE_MS);
      }
    }
  }

  /** The number of events relayed, or -1 after a failure. */
  private async relayOnce(): Promise<number> {
    try {
      const relayed = await this.relay.relayBatch(
        (events) => withTimeout(this.jobs.dispatchEvents(events.map((event) => event.id))),
        BATCH,
      );
      if (this.failing) {
        this.logger.log('出站事件中继已恢复 / Outbox relay recovered');
        this.failing = false;
      }
      return relayed;
    } catch (error) {
      if (!this.failing) {
        this.logger.warn(
          `出站事件中继暂停，稍后重试 / Outbox relay paused: ${(error as Error).message}`,
        );
        this.failing = true;
      }
      return -1;
    }
  }
}

function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error('the queue did not answer in time')),
      SEND_TIMEOUT_MS,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
