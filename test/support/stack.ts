// The whole console on loopback, in-process: a reference hub, the core against it, and the web
// shell serving the built renderer. Each piece is the real one; only ports and dirs are fresh.
// Every console has the same accounts (STACK_ACCOUNTS, each with TEST_PASSWORD), so a page signs in
// as a person does (browser.ts `openLive`) and a test's direct calls run as a signed-in session
// (`signedIn` in ./callers). `startConsole` adds another workstation (its own core, data directory
// and shell) on the same hub: two consoles of one district, as in a room.
import path from 'node:path';
import type { AccountRole } from '../../common/api/contract';
import { startHub, type HubOptions, type RunningHub } from '../../hub/index';
import { loadConfig, type CoreConfig } from '../../main/core/config';
import { startCore, type Core } from '../../main/core/index';
import { startWebShell } from '../../main/web-shell/server';
import { TEST_PASSWORD } from './callers';
import { tempDir } from './temp';

export const DISTRICT = '6';
export const TOKEN = 'test-token-6';
const RENDERER_DIST = path.resolve(import.meta.dirname, '../../dist/renderer');

/** The accounts of every console a stack starts; all sign in with TEST_PASSWORD (./callers). */
export const STACK_ACCOUNTS: ReadonlyArray<{ username: string; displayName: string; role: AccountRole }> = [
  { username: 'op-1', displayName: 'مریم کاظمی', role: 'operator' },
  { username: 'op-2', displayName: 'رضا نوری', role: 'operator' },
  { username: 'sup-1', displayName: 'لیلا صدری', role: 'supervisor' },
  { username: 'sup-2', displayName: 'بهرام نیک‌نام', role: 'supervisor' },
  { username: 'mayor-1', displayName: 'شهردار منطقهٔ ۶', role: 'mayor' },
];
export { TEST_PASSWORD };

export interface Console {
  core: Core;
  shell: Awaited<ReturnType<typeof startWebShell>>;
  dataDir: string;
  close(): Promise<void>;
}

export interface Stack extends Console {
  hub: RunningHub;
}

export interface ConsoleOptions {
  /** Settings over the command line's, e.g. `{ idleLockMinutes: 0.1 }`. */
  config?: Partial<Omit<CoreConfig, 'dataDir' | 'consoleId'>>;
}

/** A console (core + web shell) of district DISTRICT on `hub`, with STACK_ACCOUNTS. */
export async function startConsole(hub: RunningHub, o: ConsoleOptions = {}): Promise<Console> {
  const tmp = tempDir('c137-stack-');
  const dataDir = path.join(tmp.dir, 'console');
  const config = {
    ...loadConfig({
      // The headless CLIs' id; what a page sends carries the signed-in account's username.
      argv: ['--hub', hub.url, '--district', DISTRICT, '--token', TOKEN, '--data-dir', dataDir, '--operator', 'cli-test'],
      env: {},
      userDataDir: dataDir,
    }),
    ...o.config,
  };
  const core = await startCore(config);
  for (const a of STACK_ACCOUNTS) await core.accounts.create({ ...a, password: TEST_PASSWORD });
  const shell = await startWebShell({ handlers: core.handlers, staticDir: RENDERER_DIST });
  return {
    core,
    shell,
    dataDir,
    async close() {
      await shell.close();
      await core.close();
      tmp.cleanup();
    },
  };
}

export async function startStack(hubOptions: HubOptions = {}, o: ConsoleOptions = {}): Promise<Stack> {
  const hub = await startHub({
    port: 0,
    districts: [{ id: DISTRICT, token: TOKEN }],
    simulate: { mode: 'none' },
    ...hubOptions,
  });
  const first = await startConsole(hub, o);
  return {
    ...first,
    hub,
    async close() {
      await first.close();
      await hub.close();
    },
  };
}
