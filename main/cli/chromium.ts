// The demo's window when Electron cannot run: Chromium in app mode on the web shell. A process's
// command line is readable by every local user (/proc/PID/cmdline, ps), so Chromium is handed a
// one-time code URL, never a token: once Chromium has loaded it (or a minute later) it is useless.
import { existsSync } from 'node:fs';
import type { WebShell } from '../web-shell/server';

export function findChromium(): string | null {
  for (const bin of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) if (existsSync(bin)) return bin;
  return null;
}

/** Chromium's arguments for an app window on `shell` as its first credential's role, in its own profile. */
export function chromiumAppArgs(shell: Pick<WebShell, 'oneTimeUrl'>, profileDir: string): string[] {
  return [
    `--app=${shell.oneTimeUrl()}`,
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  ];
}
