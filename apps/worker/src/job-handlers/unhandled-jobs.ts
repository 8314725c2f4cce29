/** One named job of one queue. */
export interface QueueJob {
  queue: string;
  job: string;
}

/** Every queue and the jobs it carries, as `DECLARED_JOBS` in `@app/queues` lists them. */
export type DeclaredJobs = Readonly<Record<string, readonly string[]>>;

const keyOf = ({ queue, job }: QueueJob): string => JSON.stringify([queue, job]);

function declaredPairs(declared: DeclaredJobs): QueueJob[] {
  return Object.entries(declared).flatMap(([queue, jobs]) => jobs.map((job) => ({ queue, job })));
}

/**
 * The declared jobs that no handler takes. Bull would fail such jobs one by one ("missing
 * process handler"), burning their attempts, so the worker refuses to start instead.
 */
export function findUnhandledJobs(
  declared: DeclaredJobs,
  handled: readonly QueueJob[],
): QueueJob[] {
  const handledKeys = new Set(handled.map(keyOf));
  return declaredPairs(declared).filter((pair) => !handledKeys.has(keyOf(pair)));
}

/** Handlers of jobs nobody declared: no producer can reach them, often a misspelt name. */
export function findUndeclaredHandlers(
  declared: DeclaredJobs,
  handled: readonly QueueJob[],
): QueueJob[] {
  const declaredKeys = new Set(declaredPairs(declared).map(keyOf));
  return handled.filter((pair) => !declaredKeys.has(keyOf(pair)));
}

export function describeQueueJobs(pairs: readonly QueueJob[]): string {
  return pairs.map(({ queue, job }) => `queue "${queue}" job "${job}"`).join(', ');
}

export class UnhandledJobsError extends Error {
  constructor(readonly unhandled: readonly QueueJob[]) {
    super(
      `以下任务没有处理器，工作进程拒绝启动 / No handler for ${describeQueueJobs(unhandled)}: ` +
        'the worker refuses to start',
    );
    this.name = 'UnhandledJobsError';
  }
}
