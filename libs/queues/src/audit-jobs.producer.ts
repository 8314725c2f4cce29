import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { DomainError } from '@app/common';
import { AUDIT_QUEUE, AuditJob, type VerifyChainPayload } from './queue-names.js';

/** How long a request waits for Redis before it answers 503 instead of hanging. */
const ENQUEUE_TIMEOUT_MS = 2_000;

export class QueueUnavailableError extends DomainError {
  constructor() {
    super(
      'queue.unavailable',
      'unavailable',
      '任务队列暂不可用，请稍后再试 / The job queue is unavailable, try again later',
    );
  }
}

@Injectable()
export class AuditJobsProducer {
  constructor(@InjectQueue(AUDIT_QUEUE) private readonly queue: Queue<VerifyChainPayload>) {}

  /** Asks the worker to verify the audit chain now; returns the job id. */
  async requestVerification(requestedBy: string): Promise<string> {
    const jobId = randomUUID();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new QueueUnavailableError()), ENQUEUE_TIMEOUT_MS);
    });
    try {
      await Promise.race([
        this.queue.add(AuditJob.VerifyChain, { trigger: 'requested', requestedBy }, { jobId }),
        timeout,
      ]);
      return jobId;
    } finally {
      clearTimeout(timer);
    }
  }
}
