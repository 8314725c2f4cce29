import type { VerifyChainPayload } from '@app/queues';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Payloads come from Redis, not from the type checker: a malformed one is refused, not stored. */
export function isVerifyChainPayload(data: unknown): data is VerifyChainPayload {
  if (typeof data !== 'object' || data === null) {
    return false;
  }
  const { trigger, requestedBy } = data as Record<string, unknown>;
  return (
    (trigger === 'scheduled' && requestedBy === null) ||
    (trigger === 'requested' && typeof requestedBy === 'string' && UUID.test(requestedBy))
  );
}
