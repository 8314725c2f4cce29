import { DomainError } from '@app/common';

export class AuditOutsideTransactionError extends DomainError {
  constructor() {
    super(
      'audit.outside_transaction',
      'unavailable',
      '审计记录必须与所记录的变更在同一事务中写入 / An audit entry must be written in the transaction of the change it records',
    );
  }
}
