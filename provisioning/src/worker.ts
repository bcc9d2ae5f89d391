import { writeFileSync } from 'node:fs';
import { loadConfig } from '@agora/config';
import { createRuntime } from '@agora/core';
import { migratePlatform } from '@agora/db';
import { startWorkers } from './workers.js';

/** The worker process: `pnpm --filter @agora/provisioning worker` or via `npm start`. */
const config = loadConfig();
const runtime = await createRuntime(config, { applicationName: 'agora-worker' });
await migratePlatform(runtime.database);
const log = (line: string) => console.log(`[worker] ${line}`);
const handle = await startWorkers(runtime, { log });
log(`processing queues with prefix ${config.queuePrefix}`);
if (!config.email.smtpUrl)
  log('SMTP_URL is not set: emails are only stored in platform.emails (the dev mailbox), not sent');

// Liveness for container health checks: the file's age says whether the event loop is alive.
const heartbeat = process.env.AGORA_HEARTBEAT_FILE;
if (heartbeat) setInterval(() => writeFileSync(heartbeat, String(Date.now())), 10_000).unref();

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  log(`${signal}: finishing current jobs`);
  await handle.close();
  await runtime.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
