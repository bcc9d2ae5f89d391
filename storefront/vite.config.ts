import { vitePlugin as remix } from '@remix-run/dev';
import { defineConfig } from 'vite';

// Built once (`pnpm build`); platform-api mounts build/server and serves build/client.
export default defineConfig({
  plugins: [
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
  ],
  build: { assetsDir: 'assets' },
});
