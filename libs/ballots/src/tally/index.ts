export * from './marks.js';
export * from './quorum.js';
export * from './selection-tally.js';
export * from './evaluation-tally.js';
