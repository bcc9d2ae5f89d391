import { loadConfig } from '@agora/config';
import { createRuntime, ensureStaffUser } from '@agora/core';
import { migratePlatform } from '@agora/db';
import { serve } from '@hono/node-server';
import { buildApi } from './app.js';

/** The API process on its own (production); `npm start` runs it together with the worker. */
const config = loadConfig();
const runtime = await createRuntime(config, { applicationName: 'agora-api' });
await migratePlatform(runtime.database);
if (config.staff) await ensureStaffUser(runtime.database, config.staff);
const api = await buildApi(runtime);
const server = serve({ fetch: api.app.fetch, port: config.port, hostname: config.listenHost }, (info) => {
  console.log(
    `[api] listening on ${config.listenHost ?? 'every interface'}, port ${info.port} (platform host: ${config.platformHost})`,
  );
});

const stop = () => {
  server.close(async () => {
    await api.close();
    await runtime.close();
    process.exit(0);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
