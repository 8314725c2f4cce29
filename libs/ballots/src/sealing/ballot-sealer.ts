import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { CastToSeal, SealedAnswer } from './sealing-thread.js';

/** A cast as the sealing thread hands it back: the receipt, shown once, and the sealed box. */
export interface SealedCast {
  receipt: string;
  receiptHash: string;
  sealed: Buffer;
}

interface Waiting {
  resolve: (sealed: SealedCast) => void;
  reject: (error: Error) => void;
}

/**
 * Seals casts on a thread of its own: a receipt, a key generation, a Diffie–Hellman, HKDF and
 * AES-GCM were about a third of a cast's time on the event loop, which every other request of
 * the API waits behind. On its own thread they run beside them, on another core. The casts of
 * one turn of the event loop go over in one message, and come back in one.
 *
 * The thread is started on the first cast, so only processes that cast ballots have one, and it
 * holds its process open only while casts wait. Should it fail or exit, the casts waiting for
 * it are refused (nothing of theirs was written: sealing comes before the database) and the
 * next cast starts a new thread.
 */
@Injectable()
export class BallotSealer implements OnModuleDestroy {
  private thread: Worker | null = null;
  private readonly waiting = new Map<number, Waiting>();
  private outgoing: CastToSeal[] = [];
  private nextId = 0;

  /** Seals the marks (one letter per item, see encodeMarks) with a fresh receipt. */
  sealCast(ballotId: string, publicKey: Buffer, letters: string): Promise<SealedCast> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      // Copied to an array of its own: a Buffer is often a view of a shared 8 KiB slab, all of
      // which a message would copy.
      this.outgoing.push({ id, ballotId, publicKey: new Uint8Array(publicKey), letters });
      if (this.outgoing.length === 1) {
        setImmediate(() => this.send());
      }
    });
  }

  async onModuleDestroy(): Promise<void> {
    const thread = this.thread;
    this.thread = null;
    this.outgoing = [];
    this.failAll(new Error('the sealing thread was stopped'));
    await thread?.terminate();
  }

  private send(): void {
    const casts = this.outgoing;
    this.outgoing = [];
    if (casts.length === 0) {
      return;
    }
    const thread = this.thread ?? this.start();
    thread.ref();
    thread.postMessage(casts);
  }

  private start(): Worker {
    const thread = new Worker(...threadEntry());
    thread.on('message', (answers: SealedAnswer[]) => {
      for (const answer of answers) {
        const waiting = this.waiting.get(answer.id);
        this.waiting.delete(answer.id);
        if ('sealed' in answer) {
          const { receipt, receiptHash, sealed } = answer;
          waiting?.resolve({
            receipt,
            receiptHash,
            sealed: Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength),
          });
        } else {
          waiting?.reject(new Error(`sealing failed: ${answer.error}`));
        }
      }
      if (this.waiting.size === 0) {
        thread.unref();
      }
    });
    const lost = (error: Error) => {
      if (this.thread === thread) {
        this.thread = null;
        this.failAll(error);
      }
    };
    thread.on('error', lost);
    thread.on('exit', (code) => lost(new Error(`the sealing thread exited with code ${code}`)));
    this.thread = thread;
    return thread;
  }

  private failAll(error: Error): void {
    for (const waiting of this.waiting.values()) {
      waiting.reject(error);
    }
    this.waiting.clear();
  }
}

/**
 * The thread's module: compiled JavaScript beside this file in a build; run from the TypeScript
 * sources (the tests), the same file loaded through tsx.
 */
function threadEntry(): [URL | string, WorkerOptions] {
  if (!import.meta.url.endsWith('.ts')) {
    return [new URL('./sealing-thread.js', import.meta.url), {}];
  }
  const source = new URL('./sealing-thread.ts', import.meta.url).href;
  const load = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(source)}, ${JSON.stringify(import.meta.url)}))`;
  return [load, { eval: true }];
}
