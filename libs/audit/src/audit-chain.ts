import { createHash } from 'node:crypto';
import { stringify } from 'safe-stable-stringify';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an entry that its hash covers. */
export interface ChainedFields {
  seq: string;
  occurredAt: Date;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  details: Record<string, unknown>;
}

export interface ChainLink extends ChainedFields {
  prevHash: string;
  hash: string;
}

/** SHA-256 over the previous hash and a canonical (key-sorted) JSON of the entry. */
export function linkHash(prevHash: string, fields: ChainedFields): string {
  const canonical = stringify({
    seq: fields.seq,
    occurredAt: fields.occurredAt.toISOString(),
    actorId: fields.actorId,
    action: fields.action,
    entityType: fields.entityType,
    entityId: fields.entityId,
    details: fields.details,
  }) as string;
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

export interface ChainCheck {
  ok: boolean;
  entries: number;
  /** The seq of the first entry that does not follow from the one before it. */
  brokenAt?: string;
}

/**
 * Walks a chain in seq order, batch by batch, and reports the first broken link: an entry whose
 * hash does not match its fields, that does not point at its predecessor, or that follows a gap.
 */
export class ChainVerifier {
  private expectedSeq = 1n;
  private prevHash = GENESIS_HASH;
  private checked = 0;
  private brokenAt: string | undefined;

  /** Returns false once a broken link has been found: there is no need to read further. */
  feed(links: Iterable<ChainLink>): boolean {
    for (const link of links) {
      if (this.brokenAt !== undefined) {
        return false;
      }
      this.checked += 1;
      const intact =
        BigInt(link.seq) === this.expectedSeq &&
        link.prevHash === this.prevHash &&
        linkHash(link.prevHash, link) === link.hash;
      if (!intact) {
        this.brokenAt = link.seq;
        return false;
      }
      this.expectedSeq += 1n;
      this.prevHash = link.hash;
    }
    return this.brokenAt === undefined;
  }

  result(): ChainCheck {
    return this.brokenAt === undefined
      ? { ok: true, entries: this.checked }
      : { ok: false, entries: this.checked, brokenAt: this.brokenAt };
  }
}
