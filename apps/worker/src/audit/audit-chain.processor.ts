import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { AuditVerificationsService } from '@app/audit';
import { AUDIT_QUEUE, AuditJob, HandlesJob, QueueProcessor } from '@app/queues';
import { isVerifyChainPayload } from './verify-chain-payload.js';

export interface VerifyChainResult {
  verificationId: string;
  ok: boolean;
  entries: number;
  brokenAt: string | null;
}

@QueueProcessor(AUDIT_QUEUE)
export class AuditChainProcessor {
  private readonly logger = new Logger(AuditChainProcessor.name);

  constructor(private readonly verifications: AuditVerificationsService) {}

  /**
   * Verifies the chain and records the outcome. Safe to run twice (Bull delivers at least once):
   * verifying only reads the chain, and a repeated run adds one more, equally true, outcome.
   */
  @HandlesJob(AuditJob.VerifyChain)
  async verifyChain(job: Job<unknown>): Promise<VerifyChainResult> {
    if (!isVerifyChainPayload(job.data)) {
      // Retrying cannot fix a malformed payload.
      await job.discard();
      throw new Error(`Malformed ${AuditJob.VerifyChain} payload in job ${String(job.id)}`);
    }
    const { trigger, requestedBy } = job.data;
    const outcome = await this.verifications.verifyAndRecord(trigger, requestedBy);
    const summary = {
      jobId: job.id,
      trigger,
      verificationId: outcome.id,
      entries: outcome.entries,
      brokenAt: outcome.brokenAt,
    };
    if (outcome.ok) {
      this.logger.log(summary, '审计链完好 / Audit chain intact');
    } else {
      // Only ids and sequence numbers: the entries' details may name people.
      this.logger.error(summary, '审计链断裂 / Audit chain broken');
    }
    return {
      verificationId: outcome.id,
      ok: outcome.ok,
      entries: outcome.entries,
      brokenAt: outcome.brokenAt,
    };
  }
}
