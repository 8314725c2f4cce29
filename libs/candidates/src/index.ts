export * from './candidate-input.js';
export * from './candidate-rules.js';
export * from './candidate-source.entity.js';
export * from './candidate.entity.js';
export * from './candidates.errors.js';
export * from './candidates.module.js';
export * from './candidates.service.js';
export * from './reserve.service.js';
