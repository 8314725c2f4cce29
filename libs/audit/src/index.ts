export * from './audit-chain.js';
export * from './audit-entry.entity.js';
export * from './audit-record.js';
export * from './audit-verification.entity.js';
export * from './audit-verifications.service.js';
export * from './audit.errors.js';
export * from './audit.module.js';
export * from './audit.service.js';
