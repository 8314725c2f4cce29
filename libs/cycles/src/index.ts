export * from './cycle-phase.js';
export * from './cycle.entity.js';
export * from './cycles.errors.js';
export * from './cycles.module.js';
export * from './cycles.service.js';
