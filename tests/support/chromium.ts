import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Where Debian's and other distributions' Chromium lives; CHROMIUM_PATH wins. */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium', '/usr/bin/google-chrome'];

function find(): string | undefined {
  return [process.env.CHROMIUM_PATH, ...CANDIDATES].find((p): p is string => !!p && existsSync(p));
}

function aptInstall(): boolean {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => spawnSync('apt-get', ['install', '-y', '-q', 'chromium'], { env, stdio: 'ignore', timeout: 600_000 }).status === 0;
  if (install()) return true;
  // A fresh machine may not have the package lists yet.
  spawnSync('apt-get', ['update', '-q'], { env, stdio: 'ignore', timeout: 300_000 });
  return install();
}

/**
 * The Chromium binary for playwright-core (no browser download: Debian's `chromium` package).
 * `.ci/run` installs it; when it is missing here (a developer's machine) this tries apt-get as
 * root once. Answers why not when there is none.
 */
export function chromiumExecutable(): { path: string } | { missing: string } {
  const found = find();
  if (found) return { path: found };
  const root = process.getuid?.() === 0;
  if (root && aptInstall()) {
    const installed = find();
    if (installed) return { path: installed };
  }
  return {
    missing: `no Chromium at ${CANDIDATES.join(', ')} or CHROMIUM_PATH, and ${root ? '`apt-get install -y chromium` failed' : 'not root, so it was not installed'}: install Debian's chromium package`,
  };
}
