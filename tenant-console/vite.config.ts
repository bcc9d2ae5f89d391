import { vitePlugin as remix } from '@remix-run/dev';
import { defineConfig } from 'vite';

// Operator console (`/console/*` on tenant hosts) and staff pages (platform host), mounted by
// platform-api. Assets live under /console-assets so they never collide with the storefront's.
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
  build: { assetsDir: 'console-assets' },
});
