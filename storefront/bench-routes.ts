/**
 * Routes that exist only for the benchmarks (bench/storefront*.bench.ts): a static page with no
 * data, the baseline the storefront pages are compared against. They are added only in the
 * vite mode `bench` (`pnpm build:bench`, into build-bench/), so a production build never
 * serves them.
 */
export const BENCH_ROUTES = [{ path: 'bare', file: 'bench/bare.tsx' }] as const;

type DefineRoutes = (
  callback: (route: (path: string, file: string, options: { id: string }) => void) => void,
) => unknown;

export function benchBuild(mode: string) {
  if (mode !== 'bench') return null;
  return {
    buildDirectory: 'build-bench',
    routes: async (defineRoutes: DefineRoutes) =>
      defineRoutes((route) => {
        for (const r of BENCH_ROUTES) route(r.path, r.file, { id: `bench/${r.path}` });
      }) as never,
  };
}
