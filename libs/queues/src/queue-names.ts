/** Every queue, and the jobs each carries. The worker refuses to start if one has no handler. */
export const AUDIT_QUEUE = 'audit';

export const AuditJob = {
  VerifyChain: 'verify-chain',
} as const;

export const DECLARED_JOBS: Readonly<Record<string, readonly string[]>> = {
  [AUDIT_QUEUE]: Object.values(AuditJob),
};

export const QUEUE_NAMES = Object.keys(DECLARED_JOBS);

/** Payloads carry ids only, never entities. */
export interface VerifyChainPayload {
  trigger: 'scheduled' | 'requested';
  requestedBy: string | null;
}
