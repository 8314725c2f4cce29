export * from './ballot.entity.js';
export * from './ballot-receipt.entity.js';
export * from './counted-ballot.entity.js';
export * from './electorate-member.entity.js';
export * from './paper-tally.entity.js';
export * from './participation.entity.js';
export * from './sealed-ballot.entity.js';
