import { generateKeyPair, type KeyObject } from 'node:crypto';

export interface EphemeralKey {
  privateKey: KeyObject;
  /** Raw 32-byte X25519 public key. */
  publicKey: Buffer;
}

/** Fixed SPKI header before the 32 raw bytes of an X25519 public key (RFC 8410). */
const SPKI_HEADER_BYTES = 12;

/** Asked for the public half only as DER, Node hands the private half as a KeyObject. */
const generatePair = generateKeyPair as unknown as (
  type: 'x25519',
  options: { publicKeyEncoding: { type: 'spki'; format: 'der' } },
  callback: (error: Error | null, publicKey: Buffer, privateKey: KeyObject) => void,
) => void;

function generate(): Promise<EphemeralKey> {
  return new Promise((resolve, reject) => {
    generatePair(
      'x25519',
      { publicKeyEncoding: { type: 'spki', format: 'der' } },
      (error, publicKey, privateKey) => {
        if (error) {
          reject(error);
        } else {
          resolve({ privateKey, publicKey: Buffer.from(publicKey.subarray(SPKI_HEADER_BYTES)) });
        }
      },
    );
  });
}

/**
 * One-off X25519 key pairs made ahead in libuv's thread pool, so that sealing a cast costs the
 * event loop one Diffie–Hellman instead of a key generation and a DER export as well (about
 * 80 µs of a 130 µs seal). Each pair is handed out once and dropped. They never leave memory;
 * one opens only its own box, which no one but the count can read anyway.
 */
export class EphemeralKeyPool {
  private readonly ready: EphemeralKey[] = [];
  private making = 0;

  constructor(private readonly size = 256) {}

  /**
   * A fresh pair; made on the spot when none is ready (the first cast of a process, or a
   * burst). Only processes that seal fill a pool: the worker and the demo loader never do.
   */
  take(): EphemeralKey | null {
    const key = this.ready.pop() ?? null;
    this.refill();
    return key;
  }

  private refill(): void {
    const wanted = this.size - this.ready.length - this.making;
    for (let i = 0; i < Math.min(wanted, 16); i++) {
      this.making++;
      generate()
        .then((key) => {
          this.ready.push(key);
        })
        .catch(() => undefined)
        .finally(() => {
          this.making--;
          if (this.ready.length + this.making < this.size) {
            this.refill();
          }
        });
    }
  }
}
