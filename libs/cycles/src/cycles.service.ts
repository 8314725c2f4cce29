import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { pageOf, skipOf, type AuthUser, type Page, type PageRequest } from '@app/common';
import { EventType, OutboxService } from '@app/outbox';
import { isAllowedMove, type CyclePhase } from './cycle-phase.js';
import { Cycle } from './cycle.entity.js';
import {
  CycleNotFoundError,
  NotEnoughCandidatesError,
  PhaseMoveRefusedError,
  WrongPhaseError,
} from './cycles.errors.js';

export interface CycleCounts {
  proposals: number;
  supports: number;
  candidates: number;
}

export type CycleWithCounts = Cycle & { counts: CycleCounts };

const COUNTS_SQL = `SELECT c.id,
  (SELECT count(*) FROM proposals p WHERE p.cycle_id = c.id)::int AS proposals,
  (SELECT coalesce(sum(p.support_count), 0) FROM proposals p WHERE p.cycle_id = c.id)::int AS supports,
  (SELECT count(*) FROM candidates k WHERE k.cycle_id = c.id)::int AS candidates
  FROM cycles c WHERE c.id = ANY($1::uuid[])`;

/** Refuses an action outside the phase that allows it. */
export function requirePhase(
  cycle: Cycle,
  phase: CyclePhase,
  action: { zh: string; en: string },
): void {
  if (cycle.phase !== phase) {
    throw new WrongPhaseError(cycle.phase, action);
  }
}

@Injectable()
export class CyclesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async create(
    actor: AuthUser,
    input: {
      year: number;
      title: string;
      region?: string | null;
      seats: number;
      allowEqualBallot?: boolean;
    },
  ): Promise<Cycle> {
    return this.dataSource.transaction(async (manager) => {
      const cycle = await manager.save(
        manager.create(Cycle, {
          year: input.year,
          title: input.title.trim(),
          region: input.region?.trim() || null,
          seats: input.seats,
          allowEqualBallot: input.allowEqualBallot ?? false,
        }),
      );
      await this.audit.append(manager, {
        actorId: actor.id,
        action: 'cycle.created',
        entityType: 'cycle',
        entityId: cycle.id,
        details: { year: cycle.year, seats: cycle.seats, allowEqualBallot: cycle.allowEqualBallot },
      });
      return cycle;
    });
  }

  async list(request: PageRequest): Promise<Page<CycleWithCounts>> {
    const [cycles, total] = await this.dataSource.getRepository(Cycle).findAndCount({
      order: { year: 'DESC', createdAt: 'DESC' },
      skip: skipOf(request),
      take: request.pageSize,
    });
    return pageOf(await this.withCounts(cycles), total, request);
  }

  async get(id: string): Promise<CycleWithCounts> {
    const [cycle] = await this.withCounts([await this.find(id)]);
    return cycle;
  }

  async find(id: string, manager: EntityManager = this.dataSource.manager): Promise<Cycle> {
    const cycle = await manager.findOneBy(Cycle, { id });
    if (!cycle) {
      throw new CycleNotFoundError();
    }
    return cycle;
  }

  /** Locks the cycle row for the caller's transaction, so its phase cannot move meanwhile. */
  async lockForShare(manager: EntityManager, id: string): Promise<Cycle> {
    const cycle = await manager.findOne(Cycle, {
      where: { id },
      lock: { mode: 'pessimistic_read' },
    });
    if (!cycle) {
      throw new CycleNotFoundError();
    }
    return cycle;
  }

  /**
   * Moves the cycle to the next phase; balloting needs enough candidates for the seats.
   * `onEnter` runs in the same transaction (other libs' work on entering a phase, such as
   * making the projects): if it throws, the cycle stays where it was.
   */
  async movePhase(
    actor: AuthUser,
    id: string,
    target: CyclePhase,
    onEnter?: (manager: EntityManager, phase: CyclePhase) => Promise<void>,
  ): Promise<Cycle> {
    return this.dataSource.transaction(async (manager) => {
      const cycle = await manager.findOne(Cycle, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!cycle) {
        throw new CycleNotFoundError();
      }
      if (!isAllowedMove(cycle.phase, target)) {
        throw new PhaseMoveRefusedError(cycle.phase, target);
      }
      if (target === 'balloting') {
        // Candidates are written under a share lock on the cycle, so this count is final.
        const [{ count }] = await manager.query<{ count: number }[]>(
          'SELECT count(*)::int AS count FROM candidates WHERE cycle_id = $1',
          [id],
        );
        const needed = cycle.allowEqualBallot ? cycle.seats : cycle.seats + 1;
        if (count < needed) {
          throw new NotEnoughCandidatesError(count, needed);
        }
      }
      const from = cycle.phase;
      await onEnter?.(manager, target);
      cycle.phase = target;
      const saved = await manager.save(cycle);
      await this.audit.append(manager, {
        actorId: actor.id,
        action: 'cycle.phase_changed',
        entityType: 'cycle',
        entityId: id,
        details: { from, to: target },
      });
      await this.outbox.publish(manager, EventType.CyclePhaseChanged, {
        cycleId: id,
        phase: target,
      });
      return saved;
    });
  }

  private async withCounts(cycles: Cycle[]): Promise<CycleWithCounts[]> {
    if (cycles.length === 0) {
      return [];
    }
    const rows = await this.dataSource.query<({ id: string } & CycleCounts)[]>(COUNTS_SQL, [
      cycles.map((cycle) => cycle.id),
    ]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return cycles.map((cycle) => {
      const counts = byId.get(cycle.id);
      return Object.assign(cycle, {
        counts: {
          proposals: counts?.proposals ?? 0,
          supports: counts?.supports ?? 0,
          candidates: counts?.candidates ?? 0,
        },
      });
    });
  }
}
