# Production image: the built server (API + storefront + console) and worker, run by plain node.
# The build stage has the whole workspace; the runtime stage has only platform-api/dist, which is
# self-contained (bundles, migrations, Remix client assets, the few packages with native code).
# See docs/decisions/0032-production-build.md.
FROM node:20-bookworm-slim AS build
WORKDIR /src
ENV TURBO_TELEMETRY_DISABLED=1
COPY . .
RUN npx --yes pnpm@10.34.8 install --frozen-lockfile \
 && npx --yes pnpm@10.34.8 exec turbo run build --filter=@agora/platform-api...

# The storefront Worker on a self-hosted workerd (docker-compose's `edge` profile, ADR 0040):
# the Worker and the storefront's server build (the same file the api runs), served by workerd
# from npm. On Cloudflare Workers, deploy with storefront/wrangler.toml instead. Build it with
# `--target edge`; the last stage below stays the default image.
FROM node:20-bookworm-slim AS edge
WORKDIR /app
RUN npm install -g workerd@1.20260426.1
COPY --from=build /src/storefront/build/worker/ storefront/build/worker/
COPY --from=build /src/storefront/build/server/index.js storefront/build/server/index.js
COPY deploy/workerd/storefront.capnp deploy/workerd/storefront.capnp
USER node
EXPOSE 8080
CMD ["workerd", "serve", "deploy/workerd/storefront.capnp"]

FROM node:20-bookworm-slim
WORKDIR /app
# A heap limit below the container's memory so V8 collects before the kernel kills; raise it
# together with the container limit. A young generation of 2 x 8 MB instead of V8's 2 x 16 MB, and
# two malloc arenas instead of one per thread: less memory held under load for little CPU
# (ADR 0032). Source maps sit beside the bundles: add --enable-source-maps to NODE_OPTIONS for
# readable stack traces (it costs about 60 MB of RSS).
ENV NODE_ENV=production NODE_OPTIONS="--max-old-space-size=512 --max-semi-space-size=8" MALLOC_ARENA_MAX=2
COPY --from=build /src/platform-api/dist ./
USER node
EXPOSE 3000
# The worker runs the same image with `node worker.mjs`; the ops CLI is `node cli.mjs`.
CMD ["node", "server.mjs"]
