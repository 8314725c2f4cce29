export * from './data-source-options.js';
export * from './database.module.js';
export * from './ensure-database.js';
export * from './migrate.js';
export * from './entities.js';
export * from './migrations/index.js';
