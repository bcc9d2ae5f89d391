export * from './branding.js';
export * from './errors.js';
export * from './events.js';
export * from './ids.js';
export * from './tenants.js';
export * from './users.js';
