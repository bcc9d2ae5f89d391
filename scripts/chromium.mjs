// Find or provide Chromium for the browser tests: CHROMIUM_PATH, a system Chromium/Chrome,
// Debian's `chromium` package when running as root on Debian, else Playwright's download.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { pnpm, step } from './pnpm.mjs';

const which = (bin) => {
  const r = spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
};

const isDebian = () =>
  existsSync('/etc/debian_version') || /ID(_LIKE)?=.*debian/.test(readFileSync('/etc/os-release', 'utf8'));

/** Resolves with an executable path, or undefined to use Playwright's own browser. */
export async function provideChromium() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const bin of ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome']) {
    const path = which(bin);
    if (path) return path;
  }
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get') && isDebian()) {
    step("Installing Debian's chromium for the browser tests (once per machine)");
    try {
      execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
      execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
        stdio: 'inherit',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
      const path = which('chromium');
      if (path) return path;
    } catch {
      // fall through to Playwright's download
    }
  }
  step("Installing Playwright's Chromium");
  if ((await pnpm(['exec', 'playwright', 'install', 'chromium'])) === 0) return undefined;
  console.error(
    '\nNo Chromium for the browser tests. Install one (Debian/Ubuntu: `sudo apt-get install chromium`; ' +
      'macOS: install Google Chrome) or set CHROMIUM_PATH to a Chromium/Chrome executable.',
  );
  process.exit(1);
}
