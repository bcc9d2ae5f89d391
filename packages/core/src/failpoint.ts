/**
 * Crash-testing hook. When AGORA_FAILPOINTS (comma-separated names) lists `name`, the process
 * kills itself with SIGKILL right there, as a power cut would. Unset in normal runs; the
 * provisioning crash test uses it to stop the worker between two writes.
 */
export function failpoint(name: string): void {
  const list = process.env.AGORA_FAILPOINTS;
  if (list?.split(',').includes(name)) process.kill(process.pid, 'SIGKILL');
}
