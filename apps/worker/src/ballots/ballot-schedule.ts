import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bull';
import { AppConfig } from '@app/config';
import { BALLOTS_QUEUE, BallotJob } from '@app/queues';

/** Stable, so restarts and several workers keep one repeat (Bull keys it by name, id, every). */
export const BALLOT_SCHEDULE_ID = 'ballot-schedule';

/** Keeps exactly one repeating run of the ballot schedule, at the configured interval. */
@Injectable()
export class BallotSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger(BallotSchedule.name);

  constructor(
    @InjectQueue(BALLOTS_QUEUE) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const every = this.config.ballots.scheduleEveryMs;
    for (const repeatable of await this.queue.getRepeatableJobs()) {
      if (repeatable.name === BallotJob.RunSchedule && Number(repeatable.every) !== every) {
        await this.queue.removeRepeatableByKey(repeatable.key);
      }
    }
    await this.queue.add(
      BallotJob.RunSchedule,
      {},
      { jobId: BALLOT_SCHEDULE_ID, repeat: { every }, removeOnComplete: 100, removeOnFail: 100 },
    );
    this.logger.log({ every }, '投票定时任务已排期 / Ballot schedule running');
  }
}
