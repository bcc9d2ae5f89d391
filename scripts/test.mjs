#!/usr/bin/env node
// `npm test`: install, lint, typecheck, build, every unit/integration test against real
// PostgreSQL and Redis, then the browser tests in real Chromium against the real server.
// Uses DATABASE_URL / REDIS_URL when set; otherwise an embedded PostgreSQL and the local Redis
// (or a private redis-server).
import { readFileSync } from 'node:fs';
import { provideChromium } from './chromium.mjs';
import { install, pnpm, step } from './pnpm.mjs';
import { provideTlsTools } from './tls-tools.mjs';

await install();
provideTlsTools();

const stages = [
  ['Lint and format check (biome)', ['exec', 'biome', 'check', '.']],
  ['Typecheck (tsc, strict: server code, storefront, console)', ['run', 'typecheck']],
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
const chromium = await provideChromium();
step(`Browser tests (Playwright, ${chromium ?? "Playwright's Chromium"}, against the real server)`);
const e2e = await pnpm(['exec', 'playwright', 'test', '-c', 'e2e/playwright.config.ts'], {
  env: chromium ? { CHROMIUM_PATH: chromium } : {},
});
if (e2e !== 0) {
  console.error(
    '\n✗ Browser tests failed (screenshots and traces: test-results/e2e, report: test-results/e2e-report)',
  );
  process.exit(e2e);
}

const read = (file) => JSON.parse(readFileSync(new URL(`../test-results/${file}`, import.meta.url), 'utf8'));
const unit = read('vitest.json');
const browser = read('e2e.json').stats;
step('All checks passed');
console.log(
  `Tests: ${unit.numPassedTests + browser.expected} passed, ${unit.numFailedTests + browser.unexpected} failed`,
);
