export * from './domain-error.js';
export * from './page.js';
export * from './role.js';
export * from './database-errors.js';
export * from './csv/index.js';
export * from './threads/thread-entry.js';
export * from './threads/on-demand-thread.js';
