// The whole console on loopback, in-process: a reference hub, the core against it, and the web
// shell serving the built renderer. Each piece is the real one; only ports and dirs are fresh.
// `startConsole` adds another workstation (its own core, data directory and shell, its own
// operator id) on the same hub: two consoles of one district, as in a room.
import path from 'node:path';
import { startHub, type HubOptions, type RunningHub } from '../../hub/index';
import { loadConfig } from '../../main/core/config';
import { startCore, type Core } from '../../main/core/index';
import { startWebShell } from '../../main/web-shell/server';
import { tempDir } from './temp';

export const DISTRICT = '6';
export const TOKEN = 'test-token-6';
const RENDERER_DIST = path.resolve(import.meta.dirname, '../../dist/renderer');

export interface Console {
  core: Core;
  shell: Awaited<ReturnType<typeof startWebShell>>;
  dataDir: string;
  close(): Promise<void>;
}

export interface Stack extends Console {
  hub: RunningHub;
}

/** A console (core + web shell) of district DISTRICT on `hub`, run by `operatorId`. */
export async function startConsole(hub: RunningHub, operatorId: string): Promise<Console> {
  const tmp = tempDir('c137-stack-');
  const dataDir = path.join(tmp.dir, 'console');
  const config = loadConfig({
    argv: ['--hub', hub.url, '--district', DISTRICT, '--token', TOKEN, '--data-dir', dataDir, '--operator', operatorId],
    env: {},
    userDataDir: dataDir,
  });
  const core = await startCore(config);
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

export async function startStack(hubOptions: HubOptions = {}, operatorId = 'op-test'): Promise<Stack> {
  const hub = await startHub({
    port: 0,
    districts: [{ id: DISTRICT, token: TOKEN }],
    simulate: { mode: 'none' },
    ...hubOptions,
  });
  const first = await startConsole(hub, operatorId);
  return {
    ...first,
    hub,
    async close() {
      await first.close();
      await hub.close();
    },
  };
}
