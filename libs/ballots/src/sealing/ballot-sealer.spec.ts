import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { BallotSealer } from './ballot-sealer.js';
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

  it('seals on its own thread boxes that open with the ballot key, many at once', async () => {
    const plaintexts = Array.from({ length: 50 }, (_, i) => Buffer.from(`v1:${i}:FFAAX`));
    const sealed = await Promise.all(
      plaintexts.map((plaintext) => sealer.seal(ballotId, publicKey, Buffer.from(plaintext))),
    );
    expect(sealed.map((box) => openBallot(ballotId, privateKey, publicKey, box))).toEqual(
      plaintexts,
    );
    // A fresh one-off key each: no two boxes share an ephemeral public key.
    expect(new Set(sealed.map((box) => box.subarray(1, 33).toString('hex'))).size).toBe(50);
  });

  it('refuses a seal it cannot make and goes on sealing', async () => {
    await expect(sealer.seal(ballotId, Buffer.alloc(5), Buffer.from('v1'))).rejects.toThrow(
      /sealing failed: .*32 bytes/,
    );
    const box = await sealer.seal(ballotId, publicKey, Buffer.from('v1:ok'));
    expect(openBallot(ballotId, privateKey, publicKey, box).toString()).toBe('v1:ok');
  });

  it('refuses the seals still waiting when stopped, and starts anew after', async () => {
    const refused = expect(
      sealer.seal(ballotId, publicKey, Buffer.from('v1:late')),
    ).rejects.toThrow('the sealing thread was stopped');
    await sealer.onModuleDestroy();
    await refused;
    const box = await sealer.seal(ballotId, publicKey, Buffer.from('v1:again'));
    expect(openBallot(ballotId, privateKey, publicKey, box).toString()).toBe('v1:again');
  });
});
