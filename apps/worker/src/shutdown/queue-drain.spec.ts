import type { Job } from 'bull';
import { drainQueue, type DrainableQueue } from './queue-drain.js';

/** A queue whose in-flight job finishes when `finishJob` is called (or never). */
function fakeQueue(activeJobs: Array<{ id: string; ours: boolean }> = []) {
  let finishJob!: () => void;
  const jobFinished = new Promise<void>((resolve) => (finishJob = resolve));
  const calls: string[] = [];
  const queue: DrainableQueue = {
    name: 'fake',
    pause: vi.fn(async () => {
      calls.push('pause');
      await jobFinished;
    }),
    close: vi.fn((doNotWaitJobs?: boolean) => {
      calls.push(doNotWaitJobs ? 'close(no wait)' : 'close');
      return Promise.resolve();
    }),
    getActive: vi.fn(() =>
      Promise.resolve(
        activeJobs.map(
          ({ id, ours }) =>
            ({
              id,
              releaseLock: () => {
                calls.push(`release ${id}`);
                return ours
                  ? Promise.resolve()
                  : Promise.reject(new Error(`Could not release lock for job ${id}`));
              },
            }) as unknown as Job,
        ),
      ),
    ),
  };
  return { queue, finishJob, calls };
}

describe('drainQueue', () => {
  it('waits for the job in flight, then closes the queue', async () => {
    const { queue, finishJob, calls } = fakeQueue();
    const drained = drainQueue(queue, 1_000);
    setTimeout(finishJob, 20);
    await expect(drained).resolves.toEqual({ finished: true });
    expect(calls).toEqual(['pause', 'close']);
    expect(queue.pause).toHaveBeenCalledWith(true);
  });

  it('hands back its own still-running jobs after the grace period, and closes without waiting', async () => {
    const { queue, calls } = fakeQueue([
      { id: '7', ours: true },
      { id: '8', ours: false },
    ]);
    const started = Date.now();
    await expect(drainQueue(queue, 50)).resolves.toEqual({
      finished: false,
      returnedJobIds: ['7'],
    });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(calls).toEqual(['pause', 'release 7', 'release 8', 'close(no wait)']);
  });
});
