// The production build (plain node on platform-api/dist, ADR 0032) against the same server run
// from sources through tsx, in the same run and against the same database: start time, RSS at
// idle and peak RSS under load. Goal: RSS under load at most half of tsx's.
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from '@agora/db/embedded';
import { benchMarketplace } from './bench-catalog.js';
import { bench, envInt, fmt, type Teardown, table, verdict } from './lib.js';
import type { Result, Round } from './load.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const ENTRIES = {
  built: ['platform-api/dist/server.mjs'],
  tsx: ['--import', 'tsx', 'platform-api/src/server.ts'],
} as const;
/** A server to measure: which entry, with which node flags and extra environment. */
type Spec = { entry: keyof typeof ENTRIES; settings: string };
/**
 * The Dockerfile's settings for the server, its NODE_OPTIONS and MALLOC_ARENA_MAX (kept in step by
 * hand: one line there, one here; ADR 0032).
 */
const BUILT_SETTINGS = 'MALLOC_ARENA_MAX=2 --max-old-space-size=512 --max-semi-space-size=8';

/** KiB of one field of /proc/<pid>/status (VmRSS now, VmHWM the peak). */
function procKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(new RegExp(`${field}:\\s+(\\d+)`))?.[1] ?? Number.NaN);
}

/** The process and every descendant (tsx runs esbuild as a child service). */
function tree(pid: number): number[] {
  const children = readdirSync(`/proc/${pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number),
  );
  return [pid, ...children.flatMap(tree)];
}
const treeKb = (pid: number, field: 'VmRSS' | 'VmHWM') =>
  tree(pid).reduce((sum, p) => sum + (existsSync(`/proc/${p}/status`) ? procKb(p, field) : 0), 0);

async function waitReady(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output()}`);
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`server not ready within 60 s:\n${output()}`);
}

type Sample = {
  startMs: number;
  idleKb: number;
  loadKb: number;
  treeLoadKb: number;
  rps: number;
  /** CPU time of the server process per request under load (ms): steadier than rps on a shared machine. */
  cpuMs: number;
};

/** CPU time (user + system) of a process and its descendants so far, in ms (100 ticks a second). */
const cpuMsOf = (pid: number) =>
  tree(pid).reduce((sum, p) => {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return sum + (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      return sum;
    }
  }, 0);

async function measure(
  t: Teardown,
  variant: string,
  spec: Spec,
  env: Record<string, string>,
  host: string,
  seconds: number,
): Promise<Sample> {
  const port = await freePort();
  const started = performance.now();
  let output = '';
  // Settings: node flags, and NAME=value words for the environment.
  const words = spec.settings.split(' ').filter(Boolean);
  const settingsEnv = Object.fromEntries(
    words
      .filter((w) => /^[A-Z_]+=/.test(w))
      .map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]),
  );
  const args: string[] = [...words.filter((w) => !/^[A-Z_]+=/.test(w)), ...ENTRIES[spec.entry]];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    env: { PATH: process.env.PATH, NODE_ENV: 'production', ...env, ...settingsEnv, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  // BENCH_LOG_DIR: each server's output in a file there (with --trace-gc in the flags: its heap).
  const logDir = process.env.BENCH_LOG_DIR;
  if (logDir) t.add(() => writeFileSync(`${logDir}/${variant}-${child.pid}.log`, output));
  const stop = () =>
    new Promise((r) => {
      if (child.exitCode !== null) return r(null);
      child.once('exit', r);
      child.kill('SIGTERM');
    });
  t.add(stop);
  await waitReady(port, child, () => output);
  const startMs = performance.now() - started;
  await new Promise((r) => setTimeout(r, 2000));
  const idleKb = procKb(child.pid as number, 'VmRSS');

  const load = fork(fileURLToPath(new URL('./load.ts', import.meta.url)), { execArgv: ['--import', 'tsx'] });
  const round = (r: Round) =>
    new Promise<Result>((resolve) => {
      load.once('message', (m) => resolve(m as Result));
      load.send(r);
    });
  let treeLoadKb = 0;
  const cpuBefore = cpuMsOf(child.pid as number);
  const sampler = setInterval(() => {
    treeLoadKb = Math.max(treeLoadKb, treeKb(child.pid as number, 'VmRSS'));
  }, 100);
  const half = (seconds * 1000) / 2;
  const pages = await round({ port, host, path: '/', durationMs: half, concurrency: 16 });
  const api = await round({ port, host, path: '/api/v1/search?q=drill', durationMs: half, concurrency: 16 });
  clearInterval(sampler);
  const cpuMs = cpuMsOf(child.pid as number) - cpuBefore;
  load.disconnect();
  const loadKb = procKb(child.pid as number, 'VmHWM');
  if (pages.failed + api.failed > 0)
    throw new Error(`${variant}: ${pages.failed + api.failed} failed requests`);
  await stop();
  const requests = pages.ok + api.ok;
  return {
    startMs,
    idleKb,
    loadKb,
    treeLoadKb,
    rps: (requests * 1000) / (pages.ms + api.ms),
    cpuMs: cpuMs / requests,
  };
}

await bench('production build vs tsx', async (t) => {
  if (!existsSync(`${root}platform-api/dist/server.mjs`)) throw new Error('run `pnpm build` first');
  const { rt, host } = await benchMarketplace(t, {});
  const env = {
    NODE_ENV: 'production',
    DATABASE_URL: rt.config.databaseUrl as string,
    REDIS_URL: rt.config.redisUrl,
    AGORA_QUEUE_PREFIX: rt.config.queuePrefix,
    AGORA_DATA_DIR: rt.config.dataDir,
    BASE_DOMAIN: rt.config.baseDomain,
    PLATFORM_HOST: rt.config.platformHost,
    AGORA_JWT_KEYS: 'bench:production-build-bench-secret-0123456789',
  };
  const rounds = envInt('BENCH_ROUNDS', 2);
  const seconds = envInt('BENCH_SECONDS', 10);
  // The built server runs as the Dockerfile runs it (heap limit and the rest included);
  // BENCH_TRY="name=settings;..." adds built servers with other settings, to compare.
  const specs: Record<string, Spec> = {
    built: { entry: 'built', settings: process.env.BENCH_BUILT_SETTINGS ?? BUILT_SETTINGS },
    tsx: { entry: 'tsx', settings: process.env.BENCH_TSX_SETTINGS ?? '' },
  };
  for (const item of (process.env.BENCH_TRY ?? '').split(';').filter(Boolean)) {
    const at = item.indexOf('=');
    specs[item.slice(0, at)] = { entry: 'built', settings: item.slice(at + 1) };
  }
  const names = Object.keys(specs);
  const samples: Record<string, Sample[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < rounds; i++)
    for (const v of i % 2 ? [...names].reverse() : names)
      samples[v]?.push(await measure(t, v, specs[v] as Spec, env, host, seconds));

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const m = (v: string, k: keyof Sample) => median((samples[v] ?? []).map((s) => s[k]));
  const mb = (kb: number) => fmt(kb / 1024, 0);
  console.log(
    `\n${rounds} rounds each, ${seconds} s of load per round (home page, then search API, 16 connections)`,
  );
  table([
    [
      'variant',
      'start ms',
      'RSS idle MB',
      'peak RSS under load MB',
      'with child processes MB',
      'requests/s',
      'CPU ms/request',
    ],
    ...names.map((v) => [
      v,
      fmt(m(v, 'startMs'), 0),
      mb(m(v, 'idleKb')),
      mb(m(v, 'loadKb')),
      mb(m(v, 'treeLoadKb')),
      fmt(m(v, 'rps'), 0),
      fmt(m(v, 'cpuMs'), 2),
    ]),
  ]);
  console.log('');
  verdict('start time built/tsx', m('built', 'startMs') / m('tsx', 'startMs'), { max: 1 });
  verdict('RSS idle built/tsx', m('built', 'idleKb') / m('tsx', 'idleKb'), { max: 1 });
  verdict('RSS under load built/tsx', m('built', 'loadKb') / m('tsx', 'loadKb'), { max: 0.5 });
  verdict('throughput built/tsx', m('built', 'rps') / m('tsx', 'rps'), { min: 0.9 });
  // No goal: printed because on a shared machine it moves less than requests/s.
  console.log(`CPU per request built/tsx        ${fmt(m('built', 'cpuMs') / m('tsx', 'cpuMs'), 2)}`);
});
