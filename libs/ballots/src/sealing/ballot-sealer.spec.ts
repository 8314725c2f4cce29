import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { BallotSealer, BoxNotOpenedError } from './ballot-sealer.js';
import { receiptHash } from './receipt.js';
import { openBallot, rawPublicKey } from './seal.js';

describe('the sealing thread', () => {
  const ballotId = randomUUID();
  const { privateKey, publicKey: key } = generateKeyPairSync('x25519');
  const publicKey = rawPublicKey(key);
  let sealer: BallotSealer;

  beforeEach(() => {
    sealer = new BallotSealer();
  });
  afterEach(async () => {
    await sealer.onModuleDestroy();
  });

  const opened = (sealed: Buffer) => openBallot(ballotId, privateKey, publicKey, sealed).toString();

  it('seals many casts at once, each with its own receipt, into boxes the ballot key opens', async () => {
    const letters = Array.from({ length: 50 }, (_, i) => 'FAX'[i % 3].repeat(12));
    const casts = await Promise.all(
      letters.map((marks) => sealer.sealCast(ballotId, publicKey, marks)),
    );
    casts.forEach((cast, i) => {
      expect(cast.receipt).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){4}[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(cast.receiptHash).toBe(receiptHash(cast.receipt));
      expect(opened(cast.sealed)).toBe(`v1:${letters[i]}:${cast.receiptHash}`);
    });
    expect(new Set(casts.map((cast) => cast.receipt)).size).toBe(50);
    // A fresh one-off key each: no two boxes share an ephemeral public key.
    expect(new Set(casts.map((cast) => cast.sealed.subarray(1, 33).toString('hex'))).size).toBe(50);
  });

  it('refuses a cast it cannot seal and goes on sealing', async () => {
    await expect(sealer.sealCast(ballotId, Buffer.alloc(5), 'FFX')).rejects.toThrow(
      /sealing failed: .*32 bytes/,
    );
    const cast = await sealer.sealCast(ballotId, publicKey, 'FFX');
    expect(opened(cast.sealed)).toBe(`v1:FFX:${cast.receiptHash}`);
  });

  it('refuses the casts still waiting when stopped, and starts anew after', async () => {
    const refused = expect(sealer.sealCast(ballotId, publicKey, 'AAX')).rejects.toThrow(
      'the sealing thread was stopped',
    );
    await sealer.onModuleDestroy();
    await refused;
    const cast = await sealer.sealCast(ballotId, publicKey, 'XXF');
    expect(opened(cast.sealed)).toBe(`v1:XXF:${cast.receiptHash}`);
  });

  it('opens a ballot’s boxes with its key, in the order given, and refuses all for one bad box', async () => {
    const letters = ['FFA', 'XAF', 'AAA', 'FXF'];
    const casts = await Promise.all(
      letters.map((marks) => sealer.sealCast(ballotId, publicKey, marks)),
    );
    const boxes = casts.map((cast) => cast.sealed);
    const plaintexts = await sealer.openAll(ballotId, privateKey, publicKey, boxes);
    expect(plaintexts.map(String)).toEqual(
      casts.map((cast, i) => `v1:${letters[i]}:${cast.receiptHash}`),
    );

    const tampered = Buffer.from(boxes[2]);
    tampered[tampered.length - 1] ^= 1;
    await expect(
      sealer.openAll(ballotId, privateKey, publicKey, [boxes[0], tampered, boxes[1]]),
    ).rejects.toBeInstanceOf(BoxNotOpenedError);
    await expect(sealer.openAll(randomUUID(), privateKey, publicKey, boxes)).rejects.toBeInstanceOf(
      BoxNotOpenedError,
    );
  });
});
