import { Worker, type WorkerOptions } from 'node:worker_threads';

export interface OnDemandThreadSpec<Answer> {
  /** For error messages: "the sealing thread". */
  name: string;
  /** The module and options to start it with (see threadEntry). */
  entry: () => [URL | string, WorkerOptions];
  onAnswer: (answer: Answer) => void;
  /** The thread failed or exited: what waits for it will never be answered. */
  onLost: (error: Error) => void;
  /** Whether anything waits for an answer: the thread holds the process open only then. */
  busy: () => boolean;
}

/**
 * A worker thread started when first needed and started anew after a failure or exit, which
 * holds its process open only while something waits for it.
 */
export class OnDemandThread<Request, Answer> {
  private thread: Worker | null = null;

  constructor(private readonly spec: OnDemandThreadSpec<Answer>) {}

  get running(): boolean {
    return this.thread !== null;
  }

  post(request: Request): void {
    const thread = this.thread ?? this.start();
    if (this.spec.busy()) {
      thread.ref();
    }
    thread.postMessage(request);
  }

  /**
   * Stops the thread (it is not lost: onLost is not called). A `farewell` is posted first and the
   * thread has `graceMs` to finish by itself (to close its connections, say).
   */
  async stop(farewell?: Request, graceMs = 1_000): Promise<void> {
    const thread = this.thread;
    this.thread = null;
    if (!thread) {
      return;
    }
    if (farewell !== undefined) {
      const exited = new Promise((resolve) => thread.once('exit', resolve));
      thread.postMessage(farewell);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise((resolve) => (timer = setTimeout(resolve, graceMs)));
      await Promise.race([exited, late]);
      clearTimeout(timer);
    }
    await thread.terminate();
  }

  /** Stops the thread as a failure would (for tests of what waits for it). */
  async kill(): Promise<void> {
    await this.thread?.terminate();
  }

  private start(): Worker {
    const [entry, options] = this.spec.entry();
    const thread = new Worker(entry, options);
    thread.on('message', (answer: Answer) => {
      this.spec.onAnswer(answer);
      if (!this.spec.busy()) {
        thread.unref();
      }
    });
    const lost = (error: Error) => {
      if (this.thread === thread) {
        this.thread = null;
        this.spec.onLost(error);
      }
    };
    thread.on('error', lost);
    thread.on('exit', (code) => lost(new Error(`${this.spec.name} exited with code ${code}`)));
    this.thread = thread;
    return thread;
  }
}
