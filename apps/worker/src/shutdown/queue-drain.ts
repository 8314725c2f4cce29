import type { Queue } from 'bull';

/** What a drain needs of a Bull queue (a narrow type, so a test can hand in a fake). */
export type DrainableQueue = Pick<Queue, 'name' | 'pause' | 'close' | 'getActive'>;

export type DrainOutcome = { finished: true } | { finished: false; returnedJobIds: string[] };

/**
 * Stops taking jobs and waits up to `graceMs` for those in flight. A job still running then is
 * returned: its lock is released, so the stalled-job check of any worker puts it back in the
 * wait list (Bull's at-least-once delivery), and the queue is closed without waiting for it.
 */
export async function drainQueue(queue: DrainableQueue, graceMs: number): Promise<DrainOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const gracePassed = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), graceMs);
  });
  try {
    // A local pause waits for the jobs in flight; close() would too, but a close that hangs
    // cannot be restarted without waiting, whereas a pause can be followed by close(true).
    const finished = await Promise.race([
      queue.pause(true).then(() => 'paused' as const),
      gracePassed,
    ]);
    if (finished === 'paused') {
      await queue.close();
      return { finished: true };
    }
  } finally {
    clearTimeout(timer);
  }
  const returnedJobIds = await releaseOwnActiveJobs(queue);
  await queue.close(true);
  return { finished: false, returnedJobIds };
}

/** Releases the locks this queue instance holds; other workers' active jobs keep theirs. */
async function releaseOwnActiveJobs(queue: DrainableQueue): Promise<string[]> {
  const active = await queue.getActive();
  const released = await Promise.all(
    active.map((job) =>
      job.releaseLock().then(
        () => String(job.id),
        () => null, // not ours: Bull refuses to release another worker's lock
      ),
    ),
  );
  return released.filter((id): id is string => id !== null);
}
