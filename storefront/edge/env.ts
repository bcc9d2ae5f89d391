/** The Worker's bindings (wrangler.toml `[vars]` and secrets; Miniflare `bindings` in tests). */
export interface EdgeEnv {
  /** The origin's own address (its API, console, media), e.g. `https://origin.agora.example`. */
  ORIGIN_URL: string;
  /** Shared with the origin's AGORA_EDGE_SECRET: sent with every request to the origin, and required of purges. */
  AGORA_EDGE_SECRET: string;
  /** `off`: no edge cache (every page rendered, every read sent to the origin). Default on. */
  EDGE_CACHE?: string;
}

/** The part of workerd's ExecutionContext the Worker uses. */
export interface EdgeContext {
  waitUntil(promise: Promise<unknown>): void;
}
