import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { SealAnswer, SealRequest } from './sealing-thread.js';

interface Waiting {
  resolve: (sealed: Buffer) => void;
  reject: (error: Error) => void;
}

/**
 * Seals ballots on a thread of its own. A seal is a key generation, a Diffie–Hellman, HKDF and
 * AES-GCM: about a fifth of a cast's time on the event loop, which every other request of the
 * API waits behind. On its own thread it runs beside them, on another core.
 *
 * The thread is started on the first seal, so only processes that cast ballots have one. Should
 * it fail or exit, the casts waiting for it are refused (nothing of theirs was written: sealing
 * comes before the database) and the next seal starts a new thread.
 */
@Injectable()
export class BallotSealer implements OnModuleDestroy {
  private thread: Worker | null = null;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;

  seal(ballotId: string, publicKey: Buffer, plaintext: Buffer): Promise<Buffer> {
    const thread = this.thread ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      // Kept alive only while seals wait: an idle thread does not hold a process open.
      thread.ref();
      // Copied to arrays of their own: a Buffer is often a view of a shared 8 KiB slab, all of
      // which a message would copy.
      const request: SealRequest = {
        id,
        ballotId,
        publicKey: new Uint8Array(publicKey),
        plaintext: new Uint8Array(plaintext),
      };
      thread.postMessage(request);
    });
  }

  async onModuleDestroy(): Promise<void> {
    const thread = this.thread;
    this.thread = null;
    this.failAll(new Error('the sealing thread was stopped'));
    await thread?.terminate();
  }

  private start(): Worker {
    const thread = new Worker(...threadEntry());
    thread.on('message', (answer: SealAnswer) => {
      const waiting = this.waiting.get(answer.id);
      this.waiting.delete(answer.id);
      if (this.waiting.size === 0) {
        thread.unref();
      }
      if ('sealed' in answer) {
        const { sealed } = answer;
        waiting?.resolve(Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength));
      } else {
        waiting?.reject(new Error(`sealing failed: ${answer.error}`));
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
