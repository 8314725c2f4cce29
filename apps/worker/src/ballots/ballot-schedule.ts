import { InjectQueue } from '@nestjs/bull';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bull';
import { AppConfig } from '@app/config';
import { BALLOTS_QUEUE, BallotJob } from '@app/queues';
import { keepOneRepeat } from '../schedules/keep-one-repeat.js';

/** Stable, so restarts and several workers keep one repeat (Bull keys it by name, id, every). */
export const BALLOT_SCHEDULE_ID = 'ballot-schedule';

/** Keeps exactly one repeating run of the ballot schedule, at the configured interval. */
@Injectable()
export class BallotSchedule implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(BALLOTS_QUEUE) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await keepOneRepeat(
      this.queue,
      BallotJob.RunSchedule,
      BALLOT_SCHEDULE_ID,
      this.config.ballots.scheduleEveryMs,
    );
  }
}
