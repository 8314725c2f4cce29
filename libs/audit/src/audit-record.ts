/** What a caller says happened; the chain adds seq, time and hashes. */
export interface AuditRecord {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  details?: Record<string, unknown>;
}
