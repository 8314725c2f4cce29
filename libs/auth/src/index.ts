export * from './auth.errors.js';
export * from './auth.module.js';
export * from './auth.service.js';
export * from './refresh-token.entity.js';
export * from './token-claims.js';
export * from './tokens.service.js';
