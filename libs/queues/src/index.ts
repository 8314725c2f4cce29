export * from './audit-jobs.producer.js';
export * from './queue-handler.decorators.js';
export * from './queue-names.js';
export * from './queues.module.js';
