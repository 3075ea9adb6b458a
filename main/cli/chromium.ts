// The demo's window when Electron cannot run: Chromium in app mode on the web shell. A process's
// command line is readable by every local user (/proc/PID/cmdline, ps), so Chromium is handed a
// one-time code URL, never a token: once Chromium has loaded it (or a minute later) it is useless.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { WebShell } from '../web-shell/server';

/** A Chromium that fails this soon after its start never opened its window (no X server, a crash at start). */
const FAILED_START_MS = 5_000;

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

export interface AppWindow {
  kill(): void;
}

/**
 * Open Chromium's app window. `onClosed` when the user closes it; `onFailed` with the reason when
 * it cannot open one here (no display, or Chromium gave up at start) — the caller keeps serving.
 */
export function openAppWindow(
  bin: string,
  args: string[],
  on: { onClosed(): void; onFailed(reason: string): void },
  env: NodeJS.ProcessEnv = process.env,
): AppWindow | null {
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    on.onFailed('there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)');
    return null;
  }
  const started = Date.now();
  const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
  let lastError = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    for (const line of chunk.split('\n')) if (/error|fail|cannot|missing/i.test(line)) lastError = line.trim();
  });
  child.on('error', (err) => on.onFailed(err.message));
  child.on('exit', (code, signal) => {
    // A clean exit is the window closed, however soon; a failed one this soon never opened.
    if (code === 0 || signal === 'SIGTERM' || Date.now() - started >= FAILED_START_MS) return on.onClosed();
    on.onFailed(`Chromium exited at start (${signal ?? `code ${code}`})${lastError ? `: ${lastError.slice(0, 300)}` : ''}`);
  });
  return { kill: () => child.kill() };
}
