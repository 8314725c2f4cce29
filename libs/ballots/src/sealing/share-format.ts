import { createHash } from 'node:crypto';
import { MistypedShareError, OtherBallotShareError } from './sealing.errors.js';

/** A share is the 32-byte scalar's Shamir image plus its x coordinate as the last byte. */
const SHARE_BYTES = 33;
// The body is fixed-length, so its own dashes (base64url) cannot be confused with separators.
// The /i flag only widens the prefix and hex fields: the body class already holds both cases.
const SHAPE = /^MS1-([0-9a-f]{8})-([1-9][0-9]{0,2})-([A-Za-z0-9_-]{44})-([0-9a-f]{6})$/i;

export interface ParsedShare {
  /** The Shamir x coordinate, 1–255, as printed on the slip. */
  readonly x: number;
  /** The share as shamir-secret-sharing wants it (x last). Wipe after use. */
  readonly bytes: Uint8Array;
}

/** The first 8 hex characters of the ballot uuid: enough to catch a slip from another ballot. */
export function ballotTag(ballotId: string): string {
  const tag = ballotId.replace(/-/g, '').slice(0, 8).toLowerCase();
  if (!/^[0-9a-f]{8}$/.test(tag)) {
    throw new RangeError('a ballot id must be a uuid');
  }
  return tag;
}

export function encodeShare(ballotId: string, share: Uint8Array): string {
  if (share.length !== SHARE_BYTES) {
    throw new RangeError(`a share is ${SHARE_BYTES} bytes, got ${share.length}`);
  }
  const text = `MS1-${ballotTag(ballotId)}-${share[SHARE_BYTES - 1]}-${Buffer.from(share).toString('base64url')}`;
  return `${text}-${check(text)}`;
}

/**
 * Reads a share typed or pasted back from its slip. Whitespace anywhere is dropped (a pasted
 * slip may wrap); the prefix and hex fields are read case-insensitively, the body is not.
 */
export function parseShare(
  ballotId: string,
  text: string,
  shareNumber: number | null = null,
): ParsedShare {
  const tag = ballotTag(ballotId);
  const match = SHAPE.exec(text.replace(/\s+/g, ''));
  if (!match) {
    throw new MistypedShareError(shareNumber);
  }
  const [, tagText, xText, body, checkText] = match;
  const shareTag = tagText.toLowerCase();
  if (check(`MS1-${shareTag}-${xText}-${body}`) !== checkText.toLowerCase()) {
    throw new MistypedShareError(shareNumber);
  }
  const decoded = Buffer.from(body, 'base64url');
  const bytes = new Uint8Array(decoded);
  decoded.fill(0);
  const x = Number(xText);
  if (bytes.length !== SHARE_BYTES || bytes[SHARE_BYTES - 1] !== x) {
    bytes.fill(0);
    throw new MistypedShareError(shareNumber);
  }
  // The check passed, so a different tag is a real slip from another ballot, not a typo.
  if (shareTag !== tag) {
    bytes.fill(0);
    throw new OtherBallotShareError(shareNumber);
  }
  return { x, bytes };
}

function check(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 6);
}
