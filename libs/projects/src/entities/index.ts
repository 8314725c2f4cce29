export * from './follower.entity.js';
export * from './inspection.entity.js';
export * from './milestone.entity.js';
export * from './progress-update.entity.js';
export * from './project.entity.js';
export * from './supervisor.entity.js';
