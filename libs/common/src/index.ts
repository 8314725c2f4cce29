export * from './domain-error.js';
export * from './page.js';
export * from './role.js';
