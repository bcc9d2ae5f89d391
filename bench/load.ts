import { Agent, request } from 'node:http';

/**
 * Closed-loop HTTP load generator, run as a child process (its own event loop and core) by
 * host-resolution.bench.ts. Loopback only. Protocol over IPC: a Round in, a Result out.
 */
export type Round = {
  port: number;
  host: string;
  path: string;
  durationMs: number;
  concurrency: number;
  /** Requests cycle through these paths (or [path, host] pairs) instead of `path` alone. */
  paths?: (string | [string, string])[];
  /** Sent with every request (a session cookie). */
  headers?: Record<string, string>;
};
/** `cpu`: this process's CPU time over the round, in milliseconds. */
export type Result = { ok: number; failed: number; ms: number; cpu: number };

const agents = new Map<number, Agent>();

function get(agent: Agent, round: Round, path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, host: '127.0.0.1', port: round.port, path, headers: { ...round.headers, host } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function run(round: Round): Promise<Result> {
  let agent = agents.get(round.port);
  if (!agent) {
    agent = new Agent({ keepAlive: true, maxSockets: round.concurrency });
    agents.set(round.port, agent);
  }
  const result = { ok: 0, failed: 0, ms: 0, cpu: 0 };
  const cpu = process.cpuUsage();
  const start = performance.now();
  const deadline = start + round.durationMs;
  let next = 0;
  const target = (): [string, string] => {
    if (!round.paths?.length) return [round.path, round.host];
    const p = round.paths[next++ % round.paths.length] as string | [string, string];
    return typeof p === 'string' ? [p, round.host] : p;
  };
  const worker = async () => {
    while (performance.now() < deadline) {
      const [path, host] = target();
      const status = await get(agent, round, path, host).catch(() => 0);
      if (status === 200) result.ok++;
      else result.failed++;
    }
  };
  await Promise.all(Array.from({ length: round.concurrency }, worker));
  result.ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  result.cpu = (used.user + used.system) / 1000;
  return result;
}

process.on('message', (round: Round) => {
  void run(round).then((result) => process.send?.(result));
});
process.on('disconnect', () => {
  for (const agent of agents.values()) agent.destroy();
  process.exit(0);
});
