// Shared by start.mjs and test.mjs: get pnpm (pinned) through npx, and install with the lockfile.
// Only Node.js and npm need to be on the machine.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
export const PNPM_VERSION = pkg.packageManager.replace(/^pnpm@/, '');

export const step = (msg) => process.stdout.write(`\n\x1b[1m▸ ${msg}\x1b[0m\n`);

/** Run a command in the repository root; resolves with its exit code. */
export function run(cmd, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        TURBO_TELEMETRY_DISABLED: '1',
        npm_config_update_notifier: 'false',
        ...options.env,
      },
    });
    // Ctrl-C reaches the child through the terminal; relay SIGTERM (from CI or a supervisor).
    const relay = () => child.kill('SIGTERM');
    process.on('SIGTERM', relay);
    process.on('SIGINT', () => {}); // wait for the child to finish its own clean shutdown
    child.on('exit', (code, signal) => {
      process.off('SIGTERM', relay);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

export const pnpm = (args, options) => run('npx', ['--yes', `pnpm@${PNPM_VERSION}`, ...args], options);

export async function install() {
  step(`Installing dependencies (pnpm ${PNPM_VERSION}, frozen lockfile)`);
  const code = await pnpm(['install', '--frozen-lockfile', '--prefer-offline', '--reporter=append-only']);
  if (code !== 0) {
    console.error('\nInstall failed. Node.js 20.11+ and access to the npm registry are required.');
    process.exit(code);
  }
}
