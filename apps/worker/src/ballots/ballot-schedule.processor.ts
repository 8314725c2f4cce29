import { Logger } from '@nestjs/common';
import { BallotScheduleService, type ScheduleRun } from '@app/ballots';
import { BALLOTS_QUEUE, BallotJob, HandlesJob, QueueProcessor } from '@app/queues';

@QueueProcessor(BALLOTS_QUEUE)
export class BallotScheduleProcessor {
  private readonly logger = new Logger(BallotScheduleProcessor.name);

  constructor(private readonly schedule: BallotScheduleService) {}

  /** Safe to run twice or on two workers at once: each change is guarded by the ballot status. */
  @HandlesJob(BallotJob.RunSchedule)
  async runSchedule(): Promise<ScheduleRun> {
    const run = await this.schedule.runDue();
    if (run.reminded.length > 0) {
      this.logger.log(
        { ballots: run.reminded },
        '已提醒未投票代表 / Reminded deputies who have not voted',
      );
    }
    return run;
  }
}
