import { vitePlugin as remix } from '@remix-run/dev';
import { defineConfig } from 'vite';

// Built once (`pnpm build`); platform-api mounts build/server and serves build/client.
export default defineConfig({
  plugins: [
    remix({
      // Lazy route discovery is off: both apps share one host, and its /__manifest requests would
      // reach the storefront from the console. The full manifest is small.
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
      },
    }),
  ],
  build: { assetsDir: 'assets' },
});
