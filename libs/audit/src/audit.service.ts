import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, MoreThan, type FindOptionsWhere } from 'typeorm';
import { pageOf, skipOf, type Page, type PageRequest } from '@app/common';
import { ChainVerifier, GENESIS_HASH, linkHash, type ChainCheck } from './audit-chain.js';
import { AuditEntry } from './audit-entry.entity.js';
import { AuditOutsideTransactionError } from './audit.errors.js';
import type { AuditRecord } from './audit-record.js';

/** Serialises appends so that each entry links to the one committed before it. */
const AUDIT_CHAIN_LOCK = 7_270_443_502;
const VERIFY_BATCH = 2_000;

export interface AuditQuery extends PageRequest {
  action?: string;
  actorId?: string;
  entityType?: string;
  entityId?: string;
}

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends an entry inside the caller's transaction, so the entry exists exactly when the
   * change it records does. Appends are serialised by a transaction-scoped advisory lock.
   */
  async append(manager: EntityManager, record: AuditRecord): Promise<AuditEntry> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new AuditOutsideTransactionError();
    }
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const [last] = await manager.find(AuditEntry, {
      select: { seq: true, hash: true },
      order: { seq: 'DESC' },
      take: 1,
    });
    const entry = manager.create(AuditEntry, {
      seq: String(last ? BigInt(last.seq) + 1n : 1n),
      occurredAt: new Date(),
      actorId: record.actorId,
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId ?? null,
      details: record.details ?? {},
      prevHash: last?.hash ?? GENESIS_HASH,
    });
    entry.hash = linkHash(entry.prevHash, entry);
    return manager.save(entry);
  }

  /** Appends an entry in a transaction of its own, for events that change nothing else. */
  async record(record: AuditRecord): Promise<AuditEntry> {
    return this.dataSource.transaction((manager) => this.append(manager, record));
  }

  async list(query: AuditQuery): Promise<Page<AuditEntry>> {
    const where: FindOptionsWhere<AuditEntry> = {};
    if (query.action) {
      where.action = query.action;
    }
    if (query.actorId) {
      where.actorId = query.actorId;
    }
    if (query.entityType) {
      where.entityType = query.entityType;
    }
    if (query.entityId) {
      where.entityId = query.entityId;
    }
    const [items, total] = await this.dataSource.getRepository(AuditEntry).findAndCount({
      where,
      order: { seq: 'DESC' },
      skip: skipOf(query),
      take: query.pageSize,
    });
    return pageOf(items, total, query);
  }

  /** Recomputes the whole chain in batches and reports the first broken link. */
  async verify(): Promise<ChainCheck> {
    const verifier = new ChainVerifier();
    const repository = this.dataSource.getRepository(AuditEntry);
    let after = '0';
    for (;;) {
      const batch = await repository.find({
        where: { seq: MoreThan(after) },
        order: { seq: 'ASC' },
        take: VERIFY_BATCH,
      });
      if (batch.length === 0 || !verifier.feed(batch)) {
        return verifier.result();
      }
      after = batch[batch.length - 1].seq;
    }
  }
}
