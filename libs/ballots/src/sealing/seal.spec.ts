import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { openBallot, publicKeyFromRaw, rawPublicKey, sealBallot } from './seal.js';

const FAILED = 'sealed ballot failed authentication';

function ballotBox() {
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  return { privateKey, publicKey: rawPublicKey(publicKey) };
}

describe('sealed ballots', () => {
  const ballotId = randomUUID();
  const box = ballotBox();
  const plaintext = Buffer.from('{"choices":["candidate-42","candidate-7"]}', 'utf8');

  it('open back to the plaintext, including an empty one', () => {
    expect(
      openBallot(
        ballotId,
        box.privateKey,
        box.publicKey,
        sealBallot(ballotId, box.publicKey, plaintext),
      ),
    ).toEqual(plaintext);
    const empty = sealBallot(ballotId, box.publicKey, Buffer.alloc(0));
    expect(openBallot(ballotId, box.privateKey, box.publicKey, empty)).toEqual(Buffer.alloc(0));
  });

  it('have the documented layout and never show the plaintext', () => {
    const sealed = sealBallot(ballotId, box.publicKey, plaintext);
    expect(sealed.length).toBe(1 + 32 + 12 + 16 + plaintext.length);
    expect(sealed[0]).toBe(0x01);
    expect(sealed.includes(plaintext)).toBe(false);
    expect(sealed.includes(Buffer.from('candidate-42'))).toBe(false);
    const again = sealBallot(ballotId, box.publicKey, plaintext);
    expect(again.subarray(1, 33).equals(sealed.subarray(1, 33))).toBe(false);
    expect(again.subarray(61).equals(sealed.subarray(61))).toBe(false);
  });

  it("cannot be opened with another ballot's key", () => {
    const other = ballotBox();
    const sealed = sealBallot(ballotId, box.publicKey, plaintext);
    expect(() => openBallot(ballotId, other.privateKey, other.publicKey, sealed)).toThrow(FAILED);
    expect(() => openBallot(ballotId, other.privateKey, box.publicKey, sealed)).toThrow(FAILED);
  });

  it('cannot be opened under another ballot id', () => {
    const sealed = sealBallot(ballotId, box.publicKey, plaintext);
    expect(() => openBallot(randomUUID(), box.privateKey, box.publicKey, sealed)).toThrow(FAILED);
  });

  it('refuses every single flipped bit, a truncation and an extension', () => {
    const sealed = sealBallot(ballotId, box.publicKey, Buffer.from('yes'));
    for (let i = 0; i < sealed.length; i += 1) {
      const tampered = Buffer.from(sealed);
      tampered[i] ^= 0x01;
      expect(() => openBallot(ballotId, box.privateKey, box.publicKey, tampered)).toThrow(FAILED);
    }
    expect(() =>
      openBallot(ballotId, box.privateKey, box.publicKey, sealed.subarray(0, 60)),
    ).toThrow(FAILED);
    const longer = Buffer.concat([sealed, Buffer.of(0)]);
    expect(() => openBallot(ballotId, box.privateKey, box.publicKey, longer)).toThrow(FAILED);
  });

  it('refuses a low-order ephemeral key the same way', () => {
    const sealed = sealBallot(ballotId, box.publicKey, plaintext);
    sealed.fill(0, 1, 33);
    expect(() => openBallot(ballotId, box.privateKey, box.publicKey, sealed)).toThrow(FAILED);
  });

  it('builds key objects only from raw 32-byte public keys', () => {
    expect(rawPublicKey(publicKeyFromRaw(box.publicKey))).toEqual(box.publicKey);
    expect(() => publicKeyFromRaw(Buffer.alloc(31))).toThrow(RangeError);
    expect(() => sealBallot(ballotId, Buffer.alloc(33), plaintext)).toThrow(RangeError);
    expect(() =>
      openBallot(ballotId, publicKeyFromRaw(box.publicKey), box.publicKey, Buffer.alloc(80)),
    ).toThrow(TypeError);
  });
});
