// What the global setup hands to every test file (via vitest's provide/inject).
declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    redisUrl: string;
  }
}

export {};
