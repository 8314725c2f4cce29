import { generateKeyPairSync, timingSafeEqual, createPublicKey, type KeyObject } from 'node:crypto';
import { combine, split } from 'shamir-secret-sharing';
import { DuplicateShareError, TooFewSharesError, WrongSharesError } from './sealing.errors.js';
import { encodeShare, parseShare, type ParsedShare } from './share-format.js';
import {
  privateKeyFromScalar,
  rawPrivateScalar,
  rawPublicKey,
  X25519_KEY_BYTES,
} from './x25519.js';

export { parseShare, type ParsedShare } from './share-format.js';

/** Small enough that trying every k-subset at the count stays instant (at most 126). */
export const MAX_SCRUTINEERS = 9;

export interface BallotKeyMaterial {
  /** Raw 32-byte X25519 public key: the only key material the server keeps. */
  publicKey: Buffer;
  /** One printable share per scrutineer; returned once and never stored. */
  shares: string[];
}

export async function createBallotKeys(
  ballotId: string,
  scrutineers: number,
  sharesRequired: number,
): Promise<BallotKeyMaterial> {
  assertThreshold(scrutineers, sharesRequired);
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  const scalar = rawPrivateScalar(privateKey);
  let pieces: Uint8Array[] = [];
  try {
    pieces = await split(scalar, scrutineers, sharesRequired);
    const shares = pieces.map((piece) => encodeShare(ballotId, piece));
    // After this returns the private key exists nowhere, so a box that could never be opened
    // must be caught now rather than at the count.
    await assertEveryGroupOpens(ballotId, scalar, sharesRequired, shares);
    return { publicKey: rawPublicKey(publicKey), shares };
  } finally {
    scalar.fill(0);
    for (const piece of pieces) {
      piece.fill(0);
    }
  }
}

/**
 * Rebuilds the ballot's private key from the scrutineers' shares, in memory only. The result is
 * checked against the stored public key, so a wrong key can never silently decrypt garbage.
 */
export async function rebuildPrivateKey(
  ballotId: string,
  publicKey: Buffer,
  sharesRequired: number,
  shareTexts: readonly string[],
): Promise<KeyObject> {
  assertThreshold(MAX_SCRUTINEERS, sharesRequired);
  if (publicKey.length !== X25519_KEY_BYTES) {
    throw new RangeError(`an X25519 public key is ${X25519_KEY_BYTES} bytes`);
  }
  if (shareTexts.length > MAX_SCRUTINEERS) {
    throw new RangeError(`at most ${MAX_SCRUTINEERS} shares exist for a ballot`);
  }
  const parsed: ParsedShare[] = [];
  try {
    const firstSeen = new Map<number, number>();
    shareTexts.forEach((text, i) => {
      const share = parseShare(ballotId, text, i + 1);
      parsed.push(share);
      const first = firstSeen.get(share.x);
      if (first !== undefined) {
        throw new DuplicateShareError(i + 1, first);
      }
      firstSeen.set(share.x, i + 1);
    });
    if (parsed.length < sharesRequired) {
      throw new TooFewSharesError(sharesRequired, parsed.length);
    }
    for (const group of groupsToTry(parsed, sharesRequired)) {
      const key = await openingKey(group, publicKey);
      if (key) {
        return key;
      }
    }
    throw new WrongSharesError();
  } finally {
    for (const share of parsed) {
      share.bytes.fill(0);
    }
  }
}

async function openingKey(group: ParsedShare[], publicKey: Buffer): Promise<KeyObject | null> {
  const scalar = await combine(group.map((share) => share.bytes));
  try {
    const candidate = privateKeyFromScalar(scalar);
    return timingSafeEqual(rawPublicKey(createPublicKey(candidate)), publicKey) ? candidate : null;
  } finally {
    scalar.fill(0);
  }
}

/** All shares together first (the usual case), then every k-subset so one bad slip is survivable. */
function* groupsToTry<T>(items: T[], k: number): Generator<T[]> {
  yield items;
  if (items.length > k) {
    yield* subsets(items, k, 0);
  }
}

function* subsets<T>(items: T[], k: number, from: number): Generator<T[]> {
  if (k === 0) {
    yield [];
    return;
  }
  for (let i = from; i <= items.length - k; i += 1) {
    for (const rest of subsets(items, k - 1, i + 1)) {
      yield [items[i], ...rest];
    }
  }
}

/** Every k-subset of the printed texts must give back the scalar: checks the slips, not just the bytes. */
async function assertEveryGroupOpens(
  ballotId: string,
  scalar: Uint8Array,
  sharesRequired: number,
  shares: string[],
): Promise<void> {
  for (const group of subsets(shares, sharesRequired, 0)) {
    const parsed = group.map((text) => parseShare(ballotId, text));
    const rebuilt = await combine(parsed.map((share) => share.bytes));
    const same = timingSafeEqual(rebuilt, scalar);
    rebuilt.fill(0);
    parsed.forEach((share) => share.bytes.fill(0));
    if (!same) {
      throw new Error('secret sharing self-check failed; no key was issued');
    }
  }
}

function assertThreshold(scrutineers: number, sharesRequired: number): void {
  if (
    !Number.isInteger(scrutineers) ||
    !Number.isInteger(sharesRequired) ||
    sharesRequired < 2 ||
    sharesRequired > scrutineers ||
    scrutineers > MAX_SCRUTINEERS
  ) {
    throw new RangeError(
      `need 2 ≤ shares required ≤ scrutineers ≤ ${MAX_SCRUTINEERS}, got ${sharesRequired} of ${scrutineers}`,
    );
  }
}
