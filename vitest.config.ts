import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['./packages/testing/src/global-setup.ts'],
    include: [
      'packages/*/{src,test}/**/*.test.ts',
      'platform-api/{src,test}/**/*.test.ts',
      'provisioning/{src,test}/**/*.test.ts',
      'deploy/**/*.test.ts',
      // The console's pure helpers (form rows, queue queries); the pages themselves are covered in e2e/.
      'tenant-console/app/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**'],
    // The storefront's built server is imported by Node itself, as in production, not through
    // vite's transform (which re-prints code, so inline scripts would differ from the edge's).
    server: { deps: { external: [/\/storefront\/build(?:-bench)?\/server\//] } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: a few files in parallel, each with its own database.
    maxWorkers: 3,
  },
});
