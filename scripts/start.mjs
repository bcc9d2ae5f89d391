#!/usr/bin/env node
// `npm start`: install, then run the platform (API server + workers) with embedded defaults.
import { install, pnpm, step } from './pnpm.mjs';

await install();
step('Starting Agora');
process.exit(await pnpm(['exec', 'tsx', 'scripts/serve.ts']));
