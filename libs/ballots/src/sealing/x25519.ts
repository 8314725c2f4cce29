import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

/** Raw X25519 keys are 32 bytes, behind fixed DER headers (RFC 8410). */
export const X25519_KEY_BYTES = 32;
const PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');

const SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

// Imported through JWK: nothing secret in a public key, and it measured ~8× faster than DER.
export function publicKeyFromRaw(raw: Uint8Array): KeyObject {
  assertRawKey(raw, 'public key');
  const x = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64url');
  return createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x }, format: 'jwk' });
}

// Exported through DER, never JWK: on Node 20, a JWK export of a key from generateKeyPairSync
// deadlocked the process when GC ran inside it (ExportJWKEdKey vs ~KeyGenJob, same mutex).
export function rawPublicKey(key: KeyObject): Buffer {
  assertX25519(key, 'public');
  const der = key.export({ format: 'der', type: 'spki' });
  if (
    der.length !== SPKI_PREFIX.length + X25519_KEY_BYTES ||
    !der.subarray(0, SPKI_PREFIX.length).equals(SPKI_PREFIX)
  ) {
    throw new TypeError('not an X25519 public key');
  }
  return Buffer.from(der.subarray(SPKI_PREFIX.length));
}

/** The DER buffer holding the scalar is zeroed before returning. */
export function privateKeyFromScalar(scalar: Uint8Array): KeyObject {
  assertRawKey(scalar, 'private scalar');
  // Buffer.alloc is never taken from the shared pool, so wiping it leaves no copy behind.
  const der = Buffer.alloc(PKCS8_PREFIX.length + X25519_KEY_BYTES);
  try {
    PKCS8_PREFIX.copy(der);
    der.set(scalar, PKCS8_PREFIX.length);
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } finally {
    der.fill(0);
  }
}

/**
 * The raw scalar as a plain Uint8Array (shamir-secret-sharing refuses Buffers). Read from
 * PKCS#8 DER rather than JWK so that no copy of the secret ends up in an unwipeable string.
 * The caller must wipe the result.
 */
export function rawPrivateScalar(key: KeyObject): Uint8Array {
  const der = key.export({ format: 'der', type: 'pkcs8' });
  try {
    if (
      der.length !== PKCS8_PREFIX.length + X25519_KEY_BYTES ||
      !der.subarray(0, PKCS8_PREFIX.length).equals(PKCS8_PREFIX)
    ) {
      throw new TypeError('not an X25519 private key');
    }
    return new Uint8Array(der.subarray(PKCS8_PREFIX.length));
  } finally {
    der.fill(0);
  }
}

export function assertX25519(key: KeyObject, type: 'public' | 'private'): void {
  if (key.asymmetricKeyType !== 'x25519' || key.type !== type) {
    throw new TypeError(`expected an X25519 ${type} key`);
  }
}

function assertRawKey(raw: Uint8Array, what: string): void {
  if (raw.length !== X25519_KEY_BYTES) {
    throw new RangeError(`an X25519 ${what} is ${X25519_KEY_BYTES} bytes, got ${raw.length}`);
  }
}
