// Shared pieces of the core's tests: temp data dirs, a real reference hub on loopback, a core
// with captured logs and live batches, and polling until a condition holds.
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { LinkState, LiveBatch } from '../../common/api/contract';
import type { Caller } from '../../common/api/rpc';
import { startHub, type HubOptions, type RunningHub } from '../../hub/index';
import { ensureConsoleId, type CoreConfig } from '../../main/core/config';
import { startCore, type Core } from '../../main/core/index';
import type { Logger } from '../../main/core/log';
import type { AccountRole } from '../../common/api/contract';
import { callerFor, signedIn } from '../support/callers';
import { tempDir } from '../support/temp';

export const DISTRICT = '6';
export const TOKEN = 'core-test-token';

export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => void lines.push(`info ${m}`),
    warn: (m) => void lines.push(`warn ${m}`),
    error: (m) => void lines.push(`error ${m}`),
  };
}

/**
 * Closes at most once however often it is asked, and by itself when the current test ends, pass or
 * fail — so a failed assertion never leaves a hub or a reconnecting core behind.
 */
function closedWithTest<T extends { close(): Promise<void> }>(thing: T): T {
  const close = thing.close.bind(thing);
  let closing: Promise<void> | null = null;
  thing.close = () => (closing ??= close());
  onTestFinished(() => thing.close());
  return thing;
}

export async function testHub(opts: HubOptions = {}): Promise<RunningHub> {
  return closedWithTest(await startHub({ port: 0, simulate: { mode: 'none' }, districts: [{ id: DISTRICT, token: TOKEN }], ...opts }));
}

export function configFor(hubUrl: string, dataDir: string, extra: Partial<CoreConfig> = {}): CoreConfig {
  return {
    hubUrl,
    districtId: DISTRICT,
    token: TOKEN,
    dataDir,
    operatorId: 'op-1',
    consoleId: ensureConsoleId(dataDir),
    ...extra,
  };
}

export interface TestCore {
  core: Core;
  /** Who the test's direct handler calls are made as. */
  caller: Caller;
  batches: LiveBatch[];
  states: LinkState[];
  log: ReturnType<typeof memoryLogger>;
  close(): Promise<void>;
}

/** A core whose direct calls are made by a wall, or by a workstation session signed in with `role`'s test account. */
export async function startTestCore(config: CoreConfig, role: AccountRole | 'wall' = 'operator'): Promise<TestCore> {
  const log = memoryLogger();
  const core = await startCore(config, { log });
  const states: LinkState[] = [];
  core.onLinkState((s) => states.push(s));
  const caller = role === 'wall' ? callerFor('wall') : await signedIn(core, role);
  const batches: LiveBatch[] = [];
  const unsub = core.handlers.subscribe('live', (b) => batches.push(b), caller);
  return closedWithTest({
    core,
    caller,
    batches,
    states,
    log,
    close: async () => {
      unsub();
      await core.close();
    },
  });
}

export async function waitFor<T>(probe: () => T | undefined | null | false, what: string, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Live and caught up with the hub's head. */
export function caughtUp(tc: TestCore, hub: RunningHub, timeoutMs = 60_000): Promise<LinkState> {
  return waitFor(() => {
    const s = tc.core.linkState();
    return s.state === 'live' && s.lastSeq === hub.control.headSeq(DISTRICT) && s;
  }, `console to catch up with hub head ${hub.control.headSeq(DISTRICT)}`, timeoutMs);
}

export function tmp(prefix = 'c137-core-') {
  const t = tempDir(prefix);
  return { ...t, data: (name = 'console') => join(t.dir, name) };
}
