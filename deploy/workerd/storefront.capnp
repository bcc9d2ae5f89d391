# The storefront Worker on a self-hosted workerd (docker-compose's `edge` profile; ADR 0040,
# docs/deploy/edge-storefront.md). Paths are relative to this file: run from the repository with
# the storefront built (`pnpm --filter @agora/storefront build`):
#   ORIGIN_URL=http://api:3000 AGORA_EDGE_SECRET=... workerd serve deploy/workerd/storefront.capnp
# Plain workerd has no storage behind the Cache API: pages are rendered on every request here
# (Cloudflare Workers, and Miniflare in the tests, have the cache).
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "storefront", worker = .storefront),
    # The origin is on a private network: allow it (workerd blocks private addresses by default).
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "*:8080", http = (), service = "storefront")],
);

const storefront :Workerd.Worker = (
  modules = [
    (name = "worker/index.js", esModule = embed "../../storefront/build/worker/index.js"),
    (name = "server/index.js", esModule = embed "../../storefront/build/server/index.js"),
  ],
  compatibilityDate = "2025-09-01",
  bindings = [
    (name = "ORIGIN_URL", fromEnvironment = "ORIGIN_URL"),
    (name = "AGORA_EDGE_SECRET", fromEnvironment = "AGORA_EDGE_SECRET"),
  ],
  globalOutbound = "internet",
);
