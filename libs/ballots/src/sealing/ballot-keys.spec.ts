import { createPublicKey, randomUUID } from 'node:crypto';
import { createBallotKeys, parseShare, rebuildPrivateKey } from './ballot-keys.js';
import { openBallot, rawPublicKey, sealBallot } from './seal.js';
import { ShareError } from './sealing.errors.js';
import { encodeShare } from './share-format.js';

const SHARE = /^MS1-[0-9a-f]{8}-[1-9][0-9]{0,2}-[A-Za-z0-9_-]{44}-[0-9a-f]{6}$/;

function subsets<T>(items: T[], k: number): T[][] {
  if (k === 0) {
    return [[]];
  }
  return items.flatMap((item, i) =>
    subsets(items.slice(i + 1), k - 1).map((rest) => [item, ...rest]),
  );
}

async function shareErrorOf(promise: Promise<unknown>): Promise<ShareError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ShareError);
  return error as ShareError;
}

/** Swaps one body character for another valid one: a typo the check must catch. */
function mistype(share: string): string {
  const at = share.length - 20;
  const swapped = share[at] === 'A' ? 'B' : 'A';
  return share.slice(0, at) + swapped + share.slice(at + 1);
}

describe('ballot keys', () => {
  it('keep only the public key and hand out printable shares for this ballot', async () => {
    const ballotId = randomUUID();
    const keys = await createBallotKeys(ballotId, 5, 3);
    expect(keys.publicKey).toHaveLength(32);
    expect(keys.shares).toHaveLength(5);
    const tag = ballotId.replace(/-/g, '').slice(0, 8);
    for (const share of keys.shares) {
      expect(share).toMatch(SHARE);
      expect(share.split('-')[1]).toBe(tag);
      const parsed = parseShare(ballotId, share);
      expect(parsed.bytes[32]).toBe(parsed.x);
      expect(share.startsWith(`MS1-${tag}-${parsed.x}-`)).toBe(true);
    }
    expect(new Set(keys.shares.map((s) => parseShare(ballotId, s).x)).size).toBe(5);
    expect(() => parseShare(ballotId, 'MS1-not-a-share')).toThrow(
      '密钥分片有误（可能抄错） / The share is mistyped',
    );
  });

  it('refuse thresholds outside 2 ≤ k ≤ n ≤ 9', async () => {
    const ballotId = randomUUID();
    for (const [n, k] of [
      [3, 1],
      [3, 4],
      [10, 3],
      [5, 2.5],
    ]) {
      await expect(createBallotKeys(ballotId, n, k)).rejects.toBeInstanceOf(RangeError);
    }
    await expect(createBallotKeys(ballotId, 9, 9)).resolves.toHaveProperty('shares.length', 9);
  });

  it.each([
    [3, 2],
    [5, 3],
  ])(
    'rebuild from any %i-of-%i subset, in any order, a key that opens the ballots',
    async (n, k) => {
      const ballotId = randomUUID();
      const keys = await createBallotKeys(ballotId, n, k);
      const sealed = sealBallot(ballotId, keys.publicKey, Buffer.from('ballot'));
      const groups = subsets(keys.shares, k);
      expect(groups).toHaveLength(n === 3 ? 3 : 10);
      for (const group of groups) {
        for (const order of [group, [...group].reverse()]) {
          const key = await rebuildPrivateKey(ballotId, keys.publicKey, k, order);
          expect(rawPublicKey(createPublicKey(key))).toEqual(keys.publicKey);
          expect(openBallot(ballotId, key, keys.publicKey, sealed).toString()).toBe('ballot');
        }
      }
      const all = await rebuildPrivateKey(ballotId, keys.publicKey, k, keys.shares);
      expect(openBallot(ballotId, all, keys.publicKey, sealed).toString()).toBe('ballot');
    },
  );

  it('survive one bad slip among all nine, and refuse more than nine', async () => {
    const ballotId = randomUUID();
    const keys = await createBallotKeys(ballotId, 9, 4);
    const forged = parseShare(ballotId, keys.shares[4]);
    forged.bytes[7] ^= 0x55;
    const given = keys.shares.map((s, i) => (i === 4 ? encodeShare(ballotId, forged.bytes) : s));
    const key = await rebuildPrivateKey(ballotId, keys.publicKey, 4, given);
    expect(rawPublicKey(createPublicKey(key))).toEqual(keys.publicKey);
    await expect(
      rebuildPrivateKey(ballotId, keys.publicKey, 4, [...keys.shares, keys.shares[0]]),
    ).rejects.toBeInstanceOf(RangeError);
  });

  describe('at the count', () => {
    const ballotId = randomUUID();
    let keys: Awaited<ReturnType<typeof createBallotKeys>>;
    let impostor: Awaited<ReturnType<typeof createBallotKeys>>;
    beforeAll(async () => {
      keys = await createBallotKeys(ballotId, 5, 3);
      impostor = await createBallotKeys(ballotId, 5, 3);
    });

    it('refuse k−1 shares', async () => {
      const error = await shareErrorOf(
        rebuildPrivateKey(ballotId, keys.publicKey, 3, keys.shares.slice(0, 2)),
      );
      expect(error.reason).toBe('too_few');
      expect(error.shareNumber).toBeNull();
      expect(error.message).toBe(
        '至少需要 3 份密钥分片，只收到 2 份 / At least 3 key shares are needed, 2 were given',
      );
    });

    it('name a share from another ballot', async () => {
      const otherId = randomUUID();
      const other = await createBallotKeys(otherId, 3, 2);
      const error = await shareErrorOf(
        rebuildPrivateKey(ballotId, keys.publicKey, 3, [
          keys.shares[0],
          other.shares[0],
          keys.shares[1],
        ]),
      );
      expect(error.reason).toBe('other_ballot');
      expect(error.shareNumber).toBe(2);
      expect(error.message).toBe(
        '第 2 份密钥分片属于另一场投票 / Share 2 belongs to another ballot',
      );
    });

    it('name a mistyped share: a changed body character, a changed tag, a broken shape', async () => {
      const [a, b, c] = keys.shares;
      const typo = mistype(c);
      expect(typo).not.toBe(c);
      const wrongTag = c.replace(/^MS1-.{8}/, `MS1-${randomUUID().slice(0, 8)}`);
      for (const bad of [typo, wrongTag, c.slice(0, -1), c.replace('MS1', 'MS2'), '']) {
        const error = await shareErrorOf(
          rebuildPrivateKey(ballotId, keys.publicKey, 3, [a, b, bad]),
        );
        expect(error.reason).toBe('mistyped');
        expect(error.shareNumber).toBe(3);
      }
      const error = await shareErrorOf(
        rebuildPrivateKey(ballotId, keys.publicKey, 3, [a, b, typo]),
      );
      expect(error.message).toBe('第 3 份密钥分片有误（可能抄错） / Share 3 is mistyped');
    });

    it('read the body case-sensitively but forgive whitespace and hex case', async () => {
      const [a, b, c] = keys.shares;
      const at = c.length - 8 - 44 + c.slice(-8 - 44, -8).search(/[A-Za-z]/);
      const flipped = c[at] === c[at].toUpperCase() ? c[at].toLowerCase() : c[at].toUpperCase();
      const recased = c.slice(0, at) + flipped + c.slice(at + 1);
      await expect(
        rebuildPrivateKey(ballotId, keys.publicKey, 3, [a, b, recased]),
      ).rejects.toHaveProperty('reason', 'mistyped');
      const wrapped = `  ${c.slice(0, 30)}\n  ${c.slice(30)}\t`;
      const shouted = b
        .replace(/^MS1-.{8}/, (head) => head.toUpperCase())
        .replace(/-.{6}$/, (tail) => tail.toUpperCase());
      const key = await rebuildPrivateKey(ballotId, keys.publicKey, 3, [a, shouted, wrapped]);
      expect(rawPublicKey(createPublicKey(key))).toEqual(keys.publicKey);
    });

    it('name a duplicate share', async () => {
      const [a, b] = keys.shares;
      const error = await shareErrorOf(
        rebuildPrivateKey(ballotId, keys.publicKey, 3, [a, b, ` ${a} `]),
      );
      expect(error.reason).toBe('duplicate');
      expect(error.shareNumber).toBe(3);
      expect(error.message).toBe('第 3 份密钥分片与第 1 份重复 / Share 3 repeats share 1');
    });

    it('refuse well-formed shares of this ballot that belong to another key', async () => {
      const error = await shareErrorOf(
        rebuildPrivateKey(ballotId, keys.publicKey, 3, impostor.shares.slice(0, 3)),
      );
      expect(error.reason).toBe('wrong');
      expect(error.shareNumber).toBeNull();
      expect(error.message).toBe(
        '这些密钥分片打不开该票箱 / These key shares do not open this ballot box',
      );
      const good = keys.shares.slice(0, 2);
      const used = new Set(good.map((s) => parseShare(ballotId, s).x));
      const stranger = impostor.shares.find((s) => !used.has(parseShare(ballotId, s).x))!;
      await expect(
        rebuildPrivateKey(ballotId, keys.publicKey, 3, [...good, stranger]),
      ).rejects.toHaveProperty('reason', 'wrong');
    });

    it('still open with k good shares and one wrong one, wherever it sits', async () => {
      const good = keys.shares.slice(0, 3);
      // A slip whose check was recomputed after a byte changed: well formed, silently wrong.
      // Byte 1, not byte 0: X25519 ignores the low three bits of the scalar's first byte, so a
      // change that lands only there rebuilds the same key (it did, about one run in twenty).
      const forged = parseShare(ballotId, keys.shares[3]);
      forged.bytes[1] ^= 0xff;
      const corrupted = encodeShare(ballotId, forged.bytes);
      // Another ballot's slip at none of these places: given with the corrupted one, two wrong
      // slips, not one slip twice.
      const used = new Set([...good, corrupted].map((s) => parseShare(ballotId, s).x));
      const stranger = impostor.shares.find((s) => !used.has(parseShare(ballotId, s).x))!;
      for (const wrong of [stranger, corrupted]) {
        for (const given of [
          [wrong, ...good],
          [...good, wrong],
          [good[0], wrong, good[1], good[2]],
        ]) {
          const key = await rebuildPrivateKey(ballotId, keys.publicKey, 3, given);
          expect(rawPublicKey(createPublicKey(key))).toEqual(keys.publicKey);
        }
      }
      // Two wrong among four leaves no good 3-subset.
      await expect(
        rebuildPrivateKey(ballotId, keys.publicKey, 3, [good[0], good[1], stranger, corrupted]),
      ).rejects.toHaveProperty('reason', 'wrong');
    });
  });
});
