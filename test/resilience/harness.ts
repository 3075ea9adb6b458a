// Real processes for the resilience tests: the headless console, the command and state CLIs and
// the hub CLI, each spawned as `node --import tsx …` (as the npm scripts run them) so a SIGKILL
// hits the process that holds the SQLite file, not a wrapper. Plus read-only looks into a
// console's data directory, a seeded journal of what the test did, and polling.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { RunningHub } from '../../hub/index';
import { DB_FILE_NAME, Store } from '../../main/core/db/store';
import type { StateSummary } from '../../main/core/state-summary';

export const ROOT = resolve(import.meta.dirname, '../..');
export const DISTRICT = '6';
export const TOKEN = 'resilience-token-6';
const NODE_TSX = [process.execPath, '--import', 'tsx'] as const;
const run = promisify(execFile);

export interface Proc {
  proc: ChildProcess;
  pid: number;
  out: string[];
  err: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  alive(): boolean;
  /** SIGKILL and wait until the process is gone. */
  kill9(): Promise<void>;
  /** SIGTERM (clean stop) and wait. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function spawnTsx(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Proc {
  const proc = spawn(NODE_TSX[0], [...NODE_TSX.slice(1), script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: string[] = [];
  const err: string[] = [];
  let partial = '';
  proc.stdout!.on('data', (d: Buffer) => {
    const lines = (partial + d.toString()).split('\n');
    partial = lines.pop()!;
    out.push(...lines.filter(Boolean));
  });
  proc.stderr!.on('data', (d: Buffer) => err.push(d.toString()));
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    proc.on('exit', (code, signal) => {
      done = true;
      r({ code, signal });
    }),
  );
  return {
    proc,
    pid: proc.pid!,
    out,
    err,
    exited,
    alive: () => !done,
    async kill9() {
      if (!done) proc.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (!done) proc.kill('SIGTERM');
      return exited;
    },
  };
}

/** `headless.ts`: the console core without a UI, following the hub. */
export function startConsole(hubUrl: string, dataDir: string, operator: string): Proc {
  return spawnTsx(
    'main/cli/headless.ts',
    ['--hub', hubUrl, '--district', DISTRICT, '--token', TOKEN, '--data-dir', dataDir, '--operator', operator],
    // No config file is read from the user's home: the flags are the whole configuration.
    { C137_USER_DATA_DIR: dataDir },
  );
}

/** `command.ts`: queue one command into a data directory's outbox; resolves to its commandId. */
export async function queueByCli(dataDir: string, type: string, data: unknown, operator: string): Promise<string> {
  const { stdout } = await run(
    NODE_TSX[0],
    [...NODE_TSX.slice(1), 'main/cli/command.ts', '--data-dir', dataDir, '--type', type, '--data', JSON.stringify(data), '--operator', operator],
    { cwd: ROOT },
  );
  const id = stdout.trim();
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error(`command CLI printed ${JSON.stringify(stdout)}`);
  return id;
}

/** `state.ts`: the console's hub-derived state as the CLI prints it. */
export async function stateByCli(dataDir: string): Promise<StateSummary> {
  const { stdout } = await run(NODE_TSX[0], [...NODE_TSX.slice(1), 'main/cli/state.ts', '--data-dir', dataDir], { cwd: ROOT });
  return JSON.parse(stdout) as StateSummary;
}

/** `hub/cli.ts` as its own process; resolves once it prints its URL. */
export async function startHubProcess(args: string[], timeoutMs = 120_000): Promise<Proc & { url: string; port: number }> {
  const p = spawnTsx('hub/cli.ts', ['--district', DISTRICT, '--token', TOKEN, ...args]);
  const line = await waitFor(
    () => p.out.find((l) => l.startsWith('hub listening on ')) ?? (!p.alive() && 'exited'),
    'the hub process to listen',
    timeoutMs,
  );
  if (line === 'exited') throw new Error(`hub process exited: ${p.err.join('')}`);
  const url = line.slice('hub listening on '.length).trim();
  return Object.assign(p, { url, port: Number(new URL(url).port) });
}

export interface OutboxLook {
  commandId: string;
  type: string;
  targetId: string;
  state: 'pending' | 'acked' | 'failed';
  overlay: boolean;
  errorCode: string | null;
}

export interface ConsoleLook {
  hubId: string | null;
  lastSeq: number;
  pending: number;
}

/** Open a console's database read-only (next to a running or killed core); null if not there yet. */
function openConsoleDb(dataDir: string): Store | null {
  try {
    return Store.openReadOnly(resolve(dataDir, DB_FILE_NAME));
  } catch {
    return null; // not created or not migrated yet (first start)
  }
}

function withConsoleDb<T>(dataDir: string, fn: (s: Store) => T): T | null {
  const s = openConsoleDb(dataDir);
  if (!s) return null;
  try {
    return fn(s);
  } finally {
    s.close();
  }
}

/** Cursor and outbox size, cheap enough to poll. */
export function lookAtConsole(dataDir: string): ConsoleLook | null {
  return withConsoleDb(dataDir, (s) => {
    const m = s.events.meta();
    return { hubId: m.hubId, lastSeq: m.lastSeq, pending: s.outbox.pendingCount() };
  });
}

/** Ids of up to `n` requests the console holds (to aim commands at while it replays). */
export function requestIdsOf(dataDir: string, n: number): string[] {
  return withConsoleDb(dataDir, (s) => s.db.prepare('SELECT id FROM requests ORDER BY id LIMIT ?').pluck().all(n) as string[]) ?? [];
}

/**
 * Every outbox row with how it settled. The core keeps a failed ack's code in the outbox table;
 * neither the `state` CLI nor the headless status lines print it, so the tests read it here.
 */
export function outboxOf(dataDir: string): OutboxLook[] {
  return (
    withConsoleDb(dataDir, (s) =>
      (
        s.db
          .prepare('SELECT command_id, type, target_id, state, overlay, error_code FROM outbox ORDER BY rowid')
          .all() as Record<string, unknown>[]
      ).map((r) => ({
        commandId: r.command_id as string,
        type: r.type as string,
        targetId: r.target_id as string,
        state: r.state as OutboxLook['state'],
        overlay: r.overlay === 1,
        errorCode: (r.error_code as string | null) ?? null,
      })),
    ) ?? []
  );
}

/** The console's stored event log: how many rows, distinct seqs, range, and events per commandId and type. */
export function storedLogOf(dataDir: string): {
  rows: number;
  distinctSeqs: number;
  minSeq: number;
  maxSeq: number;
  byCommand: Map<string, string[]>;
} {
  const r = withConsoleDb(dataDir, (s) => {
    const agg = s.db
      .prepare('SELECT count(*) AS rows, count(DISTINCT seq) AS distinctSeqs, coalesce(min(seq), 0) AS minSeq, coalesce(max(seq), 0) AS maxSeq FROM events')
      .get() as { rows: number; distinctSeqs: number; minSeq: number; maxSeq: number };
    const byCommand = new Map<string, string[]>();
    for (const e of s.db.prepare('SELECT command_id, type FROM events WHERE command_id IS NOT NULL ORDER BY rowid').all() as {
      command_id: string;
      type: string;
    }[]) {
      byCommand.set(e.command_id, [...(byCommand.get(e.command_id) ?? []), e.type]);
    }
    return { ...agg, byCommand };
  });
  if (!r) throw new Error(`no console database in ${dataDir}`);
  return r;
}

/** The comparable part of a state summary (the hub's control.state() has the same shape). */
export function comparable(s: { requests: StateSummary['requests']; crews: { id: string; status: string }[] }) {
  return { requests: s.requests, crews: s.crews.map(({ id, status }) => ({ id, status })) };
}

// Each command type and the event that carries its effect (exactly one per application).
const EFFECT: Record<string, string> = {
  'request.acknowledge': 'request.acknowledged',
  'request.note': 'request.noted',
  'request.assign': 'request.assigned',
  'request.set_status': 'request.status_changed',
  'request.close': 'request.closed',
};

/**
 * Exactly-once, checked three ways for every queued command (commandId → type): the hub counts
 * one application, the hub's log and the console's log each hold its effect event once, and the
 * console's outbox row is acked with its optimistic overlay gone. Returns what is wrong.
 */
export function exactlyOnceProblems(queued: Map<string, string>, hub: RunningHub, dataDir: string): string[] {
  const applied = hub.control.appliedCommands();
  const hubEffects = new Map<string, number>();
  for (const e of hub.control.readLog(1)) {
    if (e.commandId && e.type === EFFECT[queued.get(e.commandId) ?? '']) hubEffects.set(e.commandId, (hubEffects.get(e.commandId) ?? 0) + 1);
  }
  const outbox = new Map(outboxOf(dataDir).map((o) => [o.commandId, o]));
  const consoleLog = storedLogOf(dataDir);
  const wrong: string[] = [];
  for (const [id, type] of queued) {
    if (applied[id] !== 1) wrong.push(`${id} ${type}: applied ${applied[id] ?? 0} times`);
    if (hubEffects.get(id) !== 1) wrong.push(`${id} ${type}: ${hubEffects.get(id) ?? 0} effect events in the hub log`);
    const inConsole = consoleLog.byCommand.get(id)?.filter((t) => t === EFFECT[type]).length ?? 0;
    if (inConsole !== 1) wrong.push(`${id} ${type}: ${inConsole} effect events in the console log`);
    const o = outbox.get(id);
    if (o?.state !== 'acked' || o.overlay) wrong.push(`${id} ${type}: outbox ${o ? `${o.state}${o.overlay ? ' with overlay' : ''} ${o.errorCode ?? ''}` : 'row missing'}`);
  }
  if (outbox.size !== queued.size) wrong.push(`outbox holds ${outbox.size} commands, ${queued.size} were queued`);
  return wrong;
}

export async function waitFor<T>(probe: () => T | undefined | null | false, what: string, timeoutMs = 60_000, everyMs = 20): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Until a process has written `text` to stderr. A console logs before or as it writes its
 * database, but its stderr reaches the test through a pipe: a line can trail the row a test has
 * just read.
 */
export function logged(p: Proc, text: string, timeoutMs = 10_000): Promise<true> {
  return waitFor(() => p.err.join('').includes(text), `pid ${p.pid} to log "${text}"`, timeoutMs);
}

/** What a test did and when, printed with the test's output so a failure can be replayed and read. */
export class Journal {
  private readonly t0 = Date.now();
  readonly lines: string[] = [];
  constructor(readonly name: string) {}
  note(line: string): void {
    this.lines.push(`+${((Date.now() - this.t0) / 1000).toFixed(2)}s ${line}`);
  }
  print(): void {
    console.log(`--- ${this.name} ---\n${this.lines.join('\n')}`);
  }
}

/** The seed of a test's randomness: a fresh one per run, or RESILIENCE_SEED to replay a failed run. */
export function testSeed(): number {
  const s = Number(process.env.RESILIENCE_SEED);
  return Number.isSafeInteger(s) && s > 0 ? s : 1 + Math.floor(Math.random() * 2 ** 31);
}
