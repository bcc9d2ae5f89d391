#!/usr/bin/env node
// `npm start`: install, then run the platform (API server + workers) with embedded defaults.
import { install, pnpm, step } from './pnpm.mjs';

await install();
step('Building the storefront and console (cached after the first time)');
const built = await pnpm(['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']);
if (built !== 0) process.exit(built);
step('Starting Agora');
process.exit(await pnpm(['exec', 'tsx', 'scripts/serve.ts']));
