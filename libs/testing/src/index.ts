export * from './redis-cleanup.js';
export * from './test-config.js';
