// Caddy and Pebble for the custom-domain HTTPS tests (platform-api/test/custom-domain-*.test.ts):
// Debian's `caddy` and `pebble` packages, installed when running as root on Debian, as
// chromium.mjs does for the browser. Without them those tests skip and say why.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { step } from './pnpm.mjs';

const which = (bin) => spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' }).status === 0;

const isDebian = () =>
  existsSync('/etc/debian_version') || /ID(_LIKE)?=.*debian/.test(readFileSync('/etc/os-release', 'utf8'));

export function provideTlsTools() {
  const missing = ['caddy', 'pebble', 'pebble-challtestsrv'].filter((bin) => !which(bin));
  if (!missing.length) return;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get') && isDebian()) {
    step("Installing Debian's caddy and pebble for the HTTPS tests (once per machine)");
    try {
      execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
      execFileSync('apt-get', ['install', '-y', '-qq', 'caddy', 'pebble'], {
        stdio: 'inherit',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
      return;
    } catch {
      // fall through to the notice
    }
  }
  console.warn(
    `\nNot found: ${missing.join(', ')}. The custom-domain HTTPS tests (real Caddy, real ACME with Pebble) will be skipped. ` +
      'Install them to run those tests (Debian/Ubuntu: `sudo apt-get install caddy pebble`).',
  );
}
