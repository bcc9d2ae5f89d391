export { OutboxRelay, type OutboxRelayOptions } from './outbox-relay.js';
export { startWorkers, type WorkerHandle, type WorkerOptions } from './workers.js';
