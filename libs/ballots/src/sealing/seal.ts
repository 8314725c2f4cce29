import {
  createCipheriv,
  createDecipheriv,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { assertX25519, publicKeyFromRaw, X25519_KEY_BYTES } from './x25519.js';

export { publicKeyFromRaw, rawPublicKey } from './x25519.js';

const VERSION = 0x01;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + X25519_KEY_BYTES + IV_BYTES + TAG_BYTES;
const FAILED = 'sealed ballot failed authentication';

/**
 * Seals a ballot to the ballot box's public key (ECIES: ephemeral X25519, HKDF-SHA256,
 * AES-256-GCM). Only the holder of k shares can open it. Anyone holding the public key can seal,
 * so this gives secrecy, not proof of who cast the ballot.
 * Layout: 0x01 ‖ ephemeral public (32) ‖ iv (12) ‖ tag (16) ‖ ciphertext.
 * The ciphertext is as long as the plaintext: encode ballots at one fixed length.
 */
export function sealBallot(ballotId: string, publicKey: Buffer, plaintext: Buffer): Buffer {
  const recipient = recipientKey(publicKey);
  const oneOff = freshKey();
  const ephemeralPublic = oneOff.publicKey;
  const key = boxKey(ballotId, oneOff.privateKey, recipient, ephemeralPublic, publicKey);
  try {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(ballotId, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([
      Buffer.of(VERSION),
      ephemeralPublic,
      iv,
      cipher.getAuthTag(),
      ciphertext,
    ]);
  } finally {
    key.fill(0);
  }
}

/** Opens a sealed ballot; any tampering, wrong key or wrong ballot id fails the same way. */
export function openBallot(
  ballotId: string,
  privateKey: KeyObject,
  recipientPublicKey: Buffer,
  sealed: Buffer,
): Buffer {
  assertX25519(privateKey, 'private');
  if (sealed.length < HEADER_BYTES || sealed[0] !== VERSION) {
    throw new Error(FAILED);
  }
  const ephemeralPublic = sealed.subarray(1, 1 + X25519_KEY_BYTES);
  const iv = sealed.subarray(1 + X25519_KEY_BYTES, 1 + X25519_KEY_BYTES + IV_BYTES);
  const tag = sealed.subarray(HEADER_BYTES - TAG_BYTES, HEADER_BYTES);
  let key: Buffer | null = null;
  try {
    // A crafted ephemeral key (e.g. a low-order point) makes diffieHellman throw: same answer.
    key = boxKey(
      ballotId,
      privateKey,
      publicKeyFromRaw(ephemeralPublic),
      ephemeralPublic,
      recipientPublicKey,
    );
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(ballotId, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES)), decipher.final()]);
  } catch {
    throw new Error(FAILED);
  } finally {
    key?.fill(0);
  }
}

/** The salt binds both public keys and the info binds the ballot, so no box moves between ballots. */
function boxKey(
  ballotId: string,
  privateKey: KeyObject,
  peer: KeyObject,
  ephemeralPublic: Buffer,
  recipientPublic: Buffer,
): Buffer {
  const shared = diffieHellman({ privateKey, publicKey: peer });
  try {
    const salt = Buffer.concat([ephemeralPublic, recipientPublic]);
    const info = Buffer.from(`minsheng/ballot/v1/${ballotId}`, 'utf8');
    return Buffer.from(hkdfSync('sha256', shared, salt, info, 32));
  } finally {
    shared.fill(0);
  }
}

/** X25519's base point (u = 9): a private key's Diffie–Hellman with it is its public key. */
const BASE_POINT = publicKeyFromRaw(Buffer.concat([Buffer.of(9), Buffer.alloc(31)]));

/**
 * A one-off key pair, its public half raw. Computed as X25519(private, 9) (RFC 7748 § 6.1):
 * half the time of a DER export, and no JWK export of a generated key (see x25519.ts).
 */
function freshKey(): { privateKey: KeyObject; publicKey: Buffer } {
  const { privateKey } = generateKeyPairSync('x25519');
  return { privateKey, publicKey: diffieHellman({ privateKey, publicKey: BASE_POINT }) };
}

/** A ballot's public key never changes: import it once per process, not once per cast. */
const recipients = new Map<string, KeyObject>();

function recipientKey(publicKey: Buffer): KeyObject {
  const id = publicKey.toString('hex');
  let key = recipients.get(id);
  if (!key) {
    if (recipients.size >= 1_000) {
      recipients.clear();
    }
    key = publicKeyFromRaw(publicKey);
    recipients.set(id, key);
  }
  return key;
}
