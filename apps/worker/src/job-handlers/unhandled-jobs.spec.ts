import { AUDIT_QUEUE, AuditJob, DECLARED_JOBS } from '@app/queues';
import {
  findUndeclaredHandlers,
  findUnhandledJobs,
  UnhandledJobsError,
  type QueueJob,
} from './unhandled-jobs.js';

const declared = { mail: ['send', 'bounce'], audit: ['verify-chain'] };

describe('findUnhandledJobs', () => {
  it('finds nothing when every declared job has a handler', () => {
    const handled: QueueJob[] = [
      { queue: 'audit', job: 'verify-chain' },
      { queue: 'mail', job: 'bounce' },
      { queue: 'mail', job: 'send' },
    ];
    expect(findUnhandledJobs(declared, handled)).toEqual([]);
  });

  it('names each declared job without a handler, with its queue', () => {
    const handled: QueueJob[] = [{ queue: 'mail', job: 'send' }];
    expect(findUnhandledJobs(declared, handled)).toEqual([
      { queue: 'mail', job: 'bounce' },
      { queue: 'audit', job: 'verify-chain' },
    ]);
  });

  it('does not count a handler of the same job name on another queue', () => {
    const handled: QueueJob[] = [
      { queue: 'mail', job: 'verify-chain' },
      { queue: 'mail', job: 'send' },
      { queue: 'mail', job: 'bounce' },
    ];
    expect(findUnhandledJobs(declared, handled)).toEqual([{ queue: 'audit', job: 'verify-chain' }]);
  });

  it('is not fooled by names that would collide if simply concatenated', () => {
    const handled: QueueJob[] = [{ queue: 'a:b', job: 'c' }];
    expect(findUnhandledJobs({ a: ['b:c'] }, handled)).toEqual([{ queue: 'a', job: 'b:c' }]);
  });

  it('has nothing to find when nothing is declared', () => {
    expect(findUnhandledJobs({}, [])).toEqual([]);
  });

  it('covers the jobs the code base declares today', () => {
    expect(findUnhandledJobs(DECLARED_JOBS, [])).toContainEqual({
      queue: AUDIT_QUEUE,
      job: AuditJob.VerifyChain,
    });
  });
});

describe('findUndeclaredHandlers', () => {
  it('lists handlers whose job no queue declares', () => {
    const handled: QueueJob[] = [
      { queue: 'mail', job: 'send' },
      { queue: 'mail', job: 'sned' },
      { queue: 'sms', job: 'send' },
    ];
    expect(findUndeclaredHandlers(declared, handled)).toEqual([
      { queue: 'mail', job: 'sned' },
      { queue: 'sms', job: 'send' },
    ]);
  });
});

describe('UnhandledJobsError', () => {
  it('names every queue and job, in Chinese and English', () => {
    const error = new UnhandledJobsError([
      { queue: 'mail', job: 'bounce' },
      { queue: 'audit', job: 'verify-chain' },
    ]);
    expect(error.message).toContain('没有处理器');
    expect(error.message).toContain('queue "mail" job "bounce"');
    expect(error.message).toContain('queue "audit" job "verify-chain"');
  });
});
