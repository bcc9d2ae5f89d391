export { startWorkers, type WorkerHandle, type WorkerOptions } from './workers.js';
