#!/usr/bin/env node
// `npm test`: install, lint, typecheck, then every test against real PostgreSQL and Redis.
// Uses DATABASE_URL / REDIS_URL when set; otherwise an embedded PostgreSQL and the local Redis
// (or a private redis-server).
import { readFileSync } from 'node:fs';
import { install, pnpm, step } from './pnpm.mjs';

await install();

const stages = [
  ['Lint and format check (biome)', ['exec', 'biome', 'check', '.']],
  ['Typecheck (tsc, strict, whole repository)', ['exec', 'tsc', '-p', '.']],
  ['Build what tests need (turbo)', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']],
  [
    'Unit and integration tests (vitest, real PostgreSQL and Redis)',
    [
      'exec',
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-results/vitest.json',
    ],
  ],
];
for (const [title, args] of stages) {
  step(title);
  const code = await pnpm(args);
  if (code !== 0) {
    console.error(`\n✗ ${title} failed`);
    process.exit(code);
  }
}
const report = JSON.parse(readFileSync(new URL('../test-results/vitest.json', import.meta.url), 'utf8'));
step('All checks passed');
console.log(`Tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
