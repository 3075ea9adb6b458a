// The hub's own persistence: a restart on the same data dir keeps log, hubId, state and acks.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHub } from '../../hub/index';
import { tempDir } from '../support/temp';
import { connect, DISTRICTS, TOKEN } from './client';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

describe('persistence', () => {
  it('keeps log, hubId, state and remembered acks across a restart', async () => {
    const tmp = tempDir('c137-hub-');
    cleanups.push(tmp.cleanup);
    const opts = { dataDir: tmp.dir, districts: DISTRICTS, retain: 50 };
    const h1 = await startHub(opts);
    const r = h1.control.createRequest();
    for (let i = 0; i < 30; i++) h1.control.createRequest();
    const c1 = await connect(h1);
    const ack = await c1.command('request.assign', { id: r.id, crewId: 'crew-04' }, { commandId: 'persist-1' });
    c1.close();
    const before = { hubId: h1.hubId(), head: h1.control.headSeq(), state: h1.control.state(), log: h1.control.readLog(10) };
    await h1.close();

    const h2 = await startHub(opts);
    cleanups.push(() => h2.close());
    expect({ hubId: h2.hubId(), head: h2.control.headSeq(), state: h2.control.state(), log: h2.control.readLog(10) }).toEqual(before);
    const c2 = await connect(h2);
    cleanups.push(() => c2.close());
    expect(c2.hello.hubId).toBe(before.hubId);
    expect(await c2.command('request.assign', { id: r.id, crewId: 'crew-04' }, { commandId: 'persist-1' })).toEqual(ack);
    expect(h2.control.appliedCommands()).toEqual({ 'persist-1': 1 });
    expect(h2.control.headSeq()).toBe(before.head);
    // The log was trimmed to 50 events: seq 1 is answered with a snapshot, the tail with a replay.
    expect((await c2.resume(1, before.hubId)).mode).toBe('snapshot');
    expect(await c2.resume(before.head - 5, before.hubId)).toEqual({ mode: 'replay', fromSeq: before.head - 4, toSeq: before.head });
  });

  it('runs as its own process: prints its URL, hides the token, stops on SIGTERM', async () => {
    const tmp = tempDir('c137-hubcli-');
    cleanups.push(tmp.cleanup);
    const root = path.resolve(import.meta.dirname, '../..');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'hub/cli.ts', '--port', '0', '--district', '6', '--token', TOKEN, '--data-dir', tmp.dir, '--seed', '3'],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    cleanups.push(() => child.kill('SIGKILL'));
    const start = Date.now();
    while (!/hub listening on (http:\/\/\S+)/.test(out) && Date.now() - start < 15_000) await new Promise((r) => setTimeout(r, 50));
    const url = /hub listening on (http:\/\/\S+)/.exec(out)![1];
    const c = await connect({ url } as never);
    expect(c.hello.districtId).toBe('6');
    c.close();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out.trim().split('\n')).toEqual([`hub listening on ${url}`]);
    expect(out).not.toContain(TOKEN);
  });
});
