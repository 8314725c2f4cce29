import { Logger } from '@nestjs/common';
import { MilestonesService } from '@app/projects';
import { HandlesJob, PROJECTS_QUEUE, ProjectJob, QueueProcessor } from '@app/queues';

@QueueProcessor(PROJECTS_QUEUE)
export class OverdueMilestonesProcessor {
  private readonly logger = new Logger(OverdueMilestonesProcessor.name);

  constructor(private readonly milestones: MilestonesService) {}

  /** Safe to run twice or on two workers: a milestone is marked announced as it is announced. */
  @HandlesJob(ProjectJob.AnnounceOverdue)
  async announceOverdue(): Promise<{ announced: string[] }> {
    const announced = await this.milestones.announceOverdue();
    if (announced.length > 0) {
      this.logger.log({ milestones: announced }, '已通知逾期节点 / Announced overdue milestones');
    }
    return { announced };
  }
}
