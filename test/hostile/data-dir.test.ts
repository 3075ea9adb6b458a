// The data directory against a second core and against other local users (issue 14): one core
// per directory, held by an OS lock that dies with its process, and every file private to the user.
import { chmodSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import { startHub } from '../../hub/index';
import { DataDirInUseError } from '../../main/core/data-dir';
import { DB_FILE_NAME } from '../../main/core/db/store';
import { caughtUp, configFor, startTestCore, testHub, tmp, waitFor } from '../core/helpers';
import { DISTRICT, lookAtConsole, outboxOf, queueByCli, requestIdsOf, startConsole, TOKEN, type Proc } from '../resilience/harness';

const t = tmp('c137-hostile-dir-');
afterAll(() => t.cleanup());
let dirs = 0;
const dataDir = () => t.data(`console-${dirs++}`);

const modeOf = (path: string) => statSync(path).mode & 0o777;
const DB = DB_FILE_NAME;

/** A bootstrap answered, and how long it took. */
async function bootstrapMs(core: Awaited<ReturnType<typeof startTestCore>>): Promise<number> {
  const t0 = performance.now();
  const boot = await core.core.handlers.queries.bootstrap({}, core.caller);
  expect(boot.operatorId).toBe('op-1');
  return performance.now() - t0;
}

describe('one core per data directory', () => {
  it('refuses a second core on the same directory before it opens the database; the first keeps serving', async () => {
    const hub = await testHub();
    const dir = dataDir();
    const first = await startTestCore(configFor(hub.url, dir));
    await caughtUp(first, hub);
    const before = [DB, `${DB}-wal`].map((f) => statSync(join(dir, f))).map((s) => [s.size, s.mtimeMs]);

    const second = startTestCore(configFor(hub.url, dir));
    await expect(second).rejects.toThrow(DataDirInUseError);
    await expect(second).rejects.toThrow(`the data directory ${dir} is in use by another Console 137 core (pid ${process.pid})`);
    expect([DB, `${DB}-wal`].map((f) => statSync(join(dir, f))).map((s) => [s.size, s.mtimeMs])).toEqual(before);
    expect(await bootstrapMs(first)).toBeLessThan(1000);

    // Closing releases the directory at once.
    await first.close();
    const next = await startTestCore(configFor(hub.url, dir));
    await caughtUp(next, hub);
  });

  it('refuses a second headless process (exit 2, naming the directory and the holder); after kill -9 of the holder a new one starts', async () => {
    const hub = await startHub({ port: 0, districts: [{ id: DISTRICT, token: TOKEN }], simulate: { mode: 'burst', burstEvents: 40, seed: 7 } });
    const dir = dataDir();
    const procs: Proc[] = [];
    const start = () => {
      const p = startConsole(hub.url, dir, 'op-dir');
      procs.push(p);
      return p;
    };
    const live = (p: Proc) => waitFor(() => p.out.some((l) => l.startsWith('core live')) || (!p.alive() && 'exited'), `pid ${p.pid} to go live`, 60_000);
    try {
      const first = start();
      expect(await live(first)).toBe(true);

      const second = start();
      const { code } = await second.exited;
      expect(code).toBe(2);
      expect(second.err.join('')).toContain(`headless: the data directory ${dir} is in use by another Console 137 core (pid ${first.pid})`);
      expect(second.out).toEqual([]); // never reached "core ready"
      expect(first.alive()).toBe(true);

      // The command CLI shares the database with the running core, as before.
      const [id] = requestIdsOf(dir, 1);
      const commandId = await queueByCli(dir, 'request.note', { id, note: 'یادداشت از خط فرمان' }, 'op-cli');
      await waitFor(() => outboxOf(dir).find((o) => o.commandId === commandId)?.state === 'acked', 'the CLI command to be acked', 30_000);

      // A crashed holder leaves no lock behind.
      await first.kill9();
      const third = start();
      expect(await live(third)).toBe(true);
      expect(lookAtConsole(dir)?.pending).toBe(0);
    } finally {
      await Promise.all(procs.map((p) => p.kill9()));
      await hub.close();
    }
  }, 120_000);
});

describe('data directory modes', () => {
  it('creates the directory 0700 and its files 0600 whatever the umask', async () => {
    const hub = await testHub();
    const dir = dataDir();
    const umask = process.umask(0); // the loosest: everything SQLite or fs would create is 0666/0777
    try {
      const core = await startTestCore(configFor(hub.url, dir));
      await caughtUp(core, hub);
      expect(modeOf(dir)).toBe(0o700);
      for (const f of [DB, `${DB}-wal`, `${DB}-shm`, 'console-id', 'console137.lock']) expect([f, modeOf(join(dir, f))]).toEqual([f, 0o600]);
      expect(await bootstrapMs(core)).toBeLessThan(1000);
    } finally {
      process.umask(umask);
    }
  });

  it('tightens an existing directory and files that others could read, with a log line each', async () => {
    const hub = await testHub();
    const dir = dataDir();
    // A directory and database left by an older version: 0755 and 0644.
    const old = await startTestCore(configFor(hub.url, dir));
    await caughtUp(old, hub);
    await old.close();
    chmodSync(dir, 0o755);
    for (const f of [DB, 'console-id', 'console137.lock']) chmodSync(join(dir, f), 0o644);
    writeFileSync(join(dir, `${DB}-wal`), '');
    chmodSync(join(dir, `${DB}-wal`), 0o664);

    const core = await startTestCore(configFor(hub.url, dir));
    await caughtUp(core, hub);
    expect(modeOf(dir)).toBe(0o700);
    for (const f of [DB, `${DB}-wal`, `${DB}-shm`, 'console-id', 'console137.lock']) expect([f, modeOf(join(dir, f))]).toEqual([f, 0o600]);
    const warned = core.log.lines.filter((l) => l.startsWith('warn') && l.includes('was readable by others'));
    expect(warned).toContain(`warn data directory ${dir} was readable by others (0755): now 0700`);
    expect(warned).toContain(`warn file ${join(dir, DB)} was readable by others (0644): now 0600`);
    expect(warned).toHaveLength(5);
    expect(await bootstrapMs(core)).toBeLessThan(1000);
  });

  it('creates missing parents private too, and says nothing about a directory that is already private', async () => {
    const parent = join(dataDir(), 'nested');
    const dir = join(parent, 'console');
    const hub = await testHub();
    const core = await startTestCore(configFor(hub.url, dir));
    expect([modeOf(parent), modeOf(dir)]).toEqual([0o700, 0o700]);
    expect(core.log.lines.filter((l) => l.includes('readable by others'))).toEqual([]);
    expect(await bootstrapMs(core)).toBeLessThan(1000);
  });
});
