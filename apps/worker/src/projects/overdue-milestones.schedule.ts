import { InjectQueue } from '@nestjs/bull';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bull';
import { AppConfig } from '@app/config';
import { PROJECTS_QUEUE, ProjectJob } from '@app/queues';
import { keepOneRepeat } from '../schedules/keep-one-repeat.js';

/** Stable, so restarts and several workers keep one repeat. */
export const OVERDUE_SCAN_ID = 'overdue-milestones';

@Injectable()
export class OverdueMilestonesSchedule implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(PROJECTS_QUEUE) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await keepOneRepeat(
      this.queue,
      ProjectJob.AnnounceOverdue,
      OVERDUE_SCAN_ID,
      this.config.projects.scanEveryMs,
    );
  }
}
