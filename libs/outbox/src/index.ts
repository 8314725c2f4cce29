export * from './outbox-event.entity.js';
export * from './outbox.module.js';
export * from './outbox.service.js';
export * from './event-types.js';
export * from './outbox-relay.service.js';
