import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { JobInformation, Queue } from 'bull';
import { AppConfig } from '@app/config';
import { AUDIT_QUEUE, AuditJob, type VerifyChainPayload } from '@app/queues';

/**
 * Part of the repeat key. Bull keys a repeatable job by name, job id and cron, so every worker
 * that starts with the same cron writes the same key and the same next-run job id: restarting or
 * running several workers never schedules the verification twice.
 */
export const SCHEDULED_VERIFICATION_ID = 'scheduled-verify-chain';

/** The repeatable VerifyChain jobs that are not the wanted one (an older cron, say). */
export function staleVerificationSchedules(
  repeatables: readonly JobInformation[],
  cron: string,
): JobInformation[] {
  return repeatables.filter(
    (repeatable) =>
      repeatable.name === AuditJob.VerifyChain &&
      (repeatable.cron !== cron || repeatable.id !== SCHEDULED_VERIFICATION_ID),
  );
}

/** Keeps exactly one periodic audit chain verification, on the configured cron. */
@Injectable()
export class AuditChainSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuditChainSchedule.name);

  constructor(
    @InjectQueue(AUDIT_QUEUE) private readonly queue: Queue<VerifyChainPayload>,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.schedule(this.config.audit.verifyCron);
  }

  async schedule(cron: string): Promise<void> {
    const stale = staleVerificationSchedules(await this.queue.getRepeatableJobs(), cron);
    for (const repeatable of stale) {
      await this.queue.removeRepeatableByKey(repeatable.key);
      this.logger.log({ cron: repeatable.cron }, 'Removed a stale audit verification schedule');
    }
    await this.queue.add(
      AuditJob.VerifyChain,
      { trigger: 'scheduled', requestedBy: null },
      { jobId: SCHEDULED_VERIFICATION_ID, repeat: { cron } },
    );
    this.logger.log({ cron }, '审计链定期校验已排期 / Audit chain verification scheduled');
  }
}
