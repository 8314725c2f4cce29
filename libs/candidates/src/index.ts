export * from './candidate-source.entity.js';
export * from './candidate.entity.js';
