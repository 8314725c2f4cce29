import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { KeyObject } from 'node:crypto';
import { OnDemandThread, threadEntry } from '@app/common';
import type { CastToSeal, ThreadAnswer, ThreadRequest } from './sealing-thread.js';

/** A cast as the sealing thread hands it back: the receipt, shown once, and the sealed box. */
export interface SealedCast {
  receipt: string;
  receiptHash: string;
  sealed: Buffer;
}

interface Waiting<T> {
  resolve: (value: T) => void;
  reject: (error: Error) => void;
}

/** A box of the ballot did not open: tampered with, or sealed to another key. */
export class BoxNotOpenedError extends Error {}

const bytes = (array: Uint8Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);

/**
 * Seals casts, and opens a ballot's boxes at its count, on a thread of its own. A seal (a
 * receipt, a key generation, a Diffie–Hellman, HKDF and AES-GCM) was about a third of a cast's
 * time on the event loop, which every other request of the API waits behind; opening 3,000 boxes
 * held it for a third of a second. On their own thread they run beside the requests, on another
 * core. The casts of one turn of the event loop go over in one message.
 *
 * The thread is started when first needed, so only processes that cast or count have one, and
 * it holds its process open only while work waits. Should it fail or exit, what waits for it is
 * refused (nothing of it was written: sealing comes before the database, and a count writes
 * only once every box is open) and the next call starts a new thread.
 */
@Injectable()
export class BallotSealer implements OnModuleDestroy {
  private readonly thread = new OnDemandThread<ThreadRequest, ThreadAnswer>({
    name: 'the sealing thread',
    entry: () => threadEntry(import.meta.url, 'sealing-thread'),
    onAnswer: (answer) => this.settle(answer),
    onLost: (error) => this.failAll(error),
    busy: () => this.seals.size > 0 || this.openings.size > 0,
  });
  private readonly seals = new Map<number, Waiting<SealedCast>>();
  private readonly openings = new Map<number, Waiting<Buffer[]>>();
  private outgoing: CastToSeal[] = [];
  private nextId = 0;

  /** Seals the marks (one letter per item, see encodeMarks) with a fresh receipt. */
  sealCast(ballotId: string, publicKey: Buffer, letters: string): Promise<SealedCast> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.seals.set(id, { resolve, reject });
      // Copied to an array of its own: a Buffer is often a view of a shared 8 KiB slab, all of
      // which a message would copy.
      this.outgoing.push({ id, ballotId, publicKey: new Uint8Array(publicKey), letters });
      if (this.outgoing.length === 1) {
        setImmediate(() => this.sendSeals());
      }
    });
  }

  /**
   * Opens every box of a ballot with its rebuilt private key, which goes to the thread in memory
   * only; the plaintexts come back in the order of the boxes. Any box that does not open fails
   * them all.
   */
  openAll(
    ballotId: string,
    privateKey: KeyObject,
    publicKey: Buffer,
    sealed: Buffer[],
  ): Promise<Buffer[]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.openings.set(id, { resolve, reject });
      this.thread.post({
        open: {
          id,
          ballotId,
          privateKey,
          publicKey: new Uint8Array(publicKey),
          sealed: sealed.map((box) => new Uint8Array(box)),
        },
      });
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.outgoing = [];
    this.failAll(new Error('the sealing thread was stopped'));
    await this.thread.stop();
  }

  private sendSeals(): void {
    const casts = this.outgoing;
    this.outgoing = [];
    if (casts.length > 0) {
      this.thread.post({ seal: casts });
    }
  }

  private settle(answer: ThreadAnswer): void {
    if ('sealed' in answer) {
      for (const sealed of answer.sealed) {
        const waiting = this.seals.get(sealed.id);
        this.seals.delete(sealed.id);
        if ('error' in sealed) {
          waiting?.reject(new Error(`sealing failed: ${sealed.error}`));
        } else {
          const { receipt, receiptHash } = sealed;
          waiting?.resolve({ receipt, receiptHash, sealed: bytes(sealed.sealed) });
        }
      }
      return;
    }
    const { opened } = answer;
    const waiting = this.openings.get(opened.id);
    this.openings.delete(opened.id);
    if ('error' in opened) {
      waiting?.reject(new BoxNotOpenedError(`opening failed: ${opened.error}`));
    } else {
      waiting?.resolve(opened.plaintexts.map(bytes));
    }
  }

  private failAll(error: Error): void {
    for (const waiting of [...this.seals.values(), ...this.openings.values()]) {
      waiting.reject(error);
    }
    this.seals.clear();
    this.openings.clear();
  }
}
