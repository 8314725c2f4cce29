import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EventType, OutboxService } from '@app/outbox';
import { BallotsService } from './ballots.service.js';
import { WrongBallotStatusError } from './ballots.errors.js';
import { Ballot } from './entities/ballot.entity.js';

/** Deputies who have not voted hear this long before `closesAt`. */
export const REMINDER_BEFORE_MS = 60 * 60 * 1000;

export interface ScheduleRun {
  opened: string[];
  closed: string[];
  reminded: string[];
}

/**
 * Opens and closes ballots at their times and reminds deputies who have not voted. Every step
 * is a guarded status change, so running it twice, or on two workers at once, does each once.
 */
@Injectable()
export class BallotScheduleService {
  private readonly logger = new Logger(BallotScheduleService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ballots: BallotsService,
    private readonly outbox: OutboxService,
  ) {}

  async runDue(now: Date = new Date()): Promise<ScheduleRun> {
    const due = await this.ballots.due(now);
    const opened = await this.each(due.toOpen, (id) => this.ballots.open(null, id));
    const closed = await this.each(due.toClose, (id) => this.ballots.close(null, id));
    const reminded = await this.remind(now);
    return { opened, closed, reminded };
  }

  private async each(ids: string[], move: (id: string) => Promise<unknown>): Promise<string[]> {
    const moved: string[] = [];
    for (const id of ids) {
      try {
        await move(id);
        moved.push(id);
      } catch (error) {
        // Someone (the secretariat, another worker) moved it first: nothing left to do.
        if (!(error instanceof WrongBallotStatusError)) {
          throw error;
        }
      }
    }
    if (moved.length > 0) {
      this.logger.log(
        { ballots: moved },
        '投票已按时开始或截止 / Ballots opened or closed on time',
      );
    }
    return moved;
  }

  private async remind(now: Date): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const reminded = await manager
        .createQueryBuilder()
        .update(Ballot)
        .set({ remindedAt: now })
        .where("status = 'open' AND reminded_at IS NULL AND closes_at <= :soon", {
          soon: new Date(now.getTime() + REMINDER_BEFORE_MS),
        })
        .returning(['id'])
        .execute();
      const ids = (reminded.raw as { id: string }[]).map((row) => row.id);
      for (const id of ids) {
        await this.outbox.publish(manager, EventType.BallotClosingSoon, { ballotId: id });
      }
      return ids;
    });
  }
}
