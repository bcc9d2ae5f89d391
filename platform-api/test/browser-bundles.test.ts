import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The apps' browser code takes the API's types from @agora/contracts through the api-client with
 * type-only imports (and plain-data subpaths), so zod never reaches a browser. `npm test` builds
 * the apps before this runs.
 */
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : [],
  );

// The console is not listed yet: its branding page gets zod through @agora/ui's theme.ts (which
// parses themes with contracts' `Theme`), to be split into a plain-data subpath.
describe.each(['storefront'])('the %s browser bundle', (app) => {
  it('contains no zod', () => {
    const client = new URL(`../../${app}/build/client`, import.meta.url).pathname;
    expect(existsSync(client), `${app} is not built: pnpm exec turbo run build`).toBe(true);
    const withZod = files(client).filter((f) => /\$ZodType|ZodError|zod\.dev/.test(readFileSync(f, 'utf8')));
    expect(withZod).toEqual([]);
  });
});
