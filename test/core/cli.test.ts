// The headless, state and command CLIs as real processes next to a reference hub.
import { afterAll, describe, expect, it } from 'vitest';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { DISTRICT, TOKEN, testHub, tmp, waitFor } from './helpers';

const ROOT = resolve(import.meta.dirname, '../..');
// One process per CLI, as the npm scripts run them (`node --import tsx`): signals reach the core
// itself, not a wrapper that may SIGKILL it when the machine is slow to answer.
const NODE_TSX = [process.execPath, '--import', 'tsx'] as const;
const run = promisify(execFile);
const t = tmp('c137-cli-');
afterAll(() => t.cleanup());

interface Headless {
  proc: ChildProcess;
  out: string[];
  err: string[];
  exited: Promise<number | null>;
}

function headless(hubUrl: string, dataDir: string, token = TOKEN): Headless {
  const proc = spawn(NODE_TSX[0], [...NODE_TSX.slice(1), 'main/cli/headless.ts', '--hub', hubUrl, '--district', DISTRICT, '--token', token, '--data-dir', dataDir, '--operator', 'op-cli'], {
    cwd: ROOT,
    env: { ...process.env, C137_USER_DATA_DIR: t.dir },
  });
  const out: string[] = [];
  const err: string[] = [];
  proc.stdout!.on('data', (d: Buffer) => out.push(...d.toString().split('\n').filter(Boolean)));
  proc.stderr!.on('data', (d: Buffer) => err.push(d.toString()));
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  return { proc, out, err, exited };
}

const cli = (script: string, args: string[]) => run(NODE_TSX[0], [...NODE_TSX.slice(1), `main/cli/${script}.ts`, ...args], { cwd: ROOT });
const state = async (dataDir: string) => JSON.parse((await cli('state', ['--data-dir', dataDir])).stdout);

describe('CLIs', () => {
  it('headless follows the hub; state reads it live; command queues into its outbox', async () => {
    const hub = await testHub();
    const dir = t.data('console');
    const r = hub.control.createRequest();
    let h = headless(hub.url, dir);
    await waitFor(() => h.out.includes(`core live lastSeq=${hub.control.headSeq()}`), 'core live line', 60_000);
    expect(h.out[0]).toBe('core ready');

    const s = await state(dir);
    expect(s.requests).toEqual(hub.control.state().requests);
    expect(s.crews.map(({ id, status }: { id: string; status: string }) => ({ id, status }))).toEqual(hub.control.state().crews);
    expect(s.crews[0]).toMatchObject({ lon: null, lat: null, fixAt: null });
    expect(s).toMatchObject({ lastSeq: hub.control.headSeq(), hubId: hub.control.hubId(), outboxPending: 0, rejectedEvents: 0 });

    const queued = await cli('command', ['--data-dir', dir, '--type', 'request.acknowledge', '--data', JSON.stringify({ id: r.id }), '--operator', 'op-cli']);
    const commandId = queued.stdout.trim();
    expect(commandId).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(() => hub.control.appliedCommands()[commandId] === 1, 'running core sends the queued command', 60_000);

    h.proc.kill('SIGTERM');
    expect(await h.exited).toBe(0);

    // queued while no core runs: kept, then sent by the next one
    const later = (await cli('command', ['--data-dir', dir, '--type', 'request.note', '--data', JSON.stringify({ id: r.id, note: 'بعدی' }), '--operator', 'op-cli'])).stdout.trim();
    expect((await state(dir)).outboxPending).toBe(1);
    h = headless(hub.url, dir);
    await waitFor(() => hub.control.appliedCommands()[later] === 1, 'next core sends it', 60_000);
    await waitFor(() => h.out.some((l) => l.startsWith('core live')), 'live again', 60_000);
    h.proc.kill('SIGINT');
    expect(await h.exited).toBe(0);
    const final = await state(dir);
    expect(final.outboxPending).toBe(0);
    expect(final.requests.find((x: { id: string }) => x.id === r.id).status).toBe('acknowledged');
    expect(h.err.join('')).not.toContain(TOKEN);
  }, 240_000);

  it('exits with a clear message on bad input and on a final refusal', async () => {
    const hub = await testHub();
    const bad = cli('command', ['--data-dir', t.data('x'), '--type', 'request.acknowledge', '--data', '{"id":5}', '--operator', 'op']);
    await expect(bad).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/command: data.id/) });
    await expect(cli('state', ['--data-dir', t.data('missing')])).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/no Console 137 database/) });
    const h = headless(hub.url, t.data('refused'), 'a-wrong-secret');
    expect(await h.exited).toBe(3);
    expect(h.out).toContain('core stopped code=unauthorized');
    expect(h.out.join('') + h.err.join('')).not.toContain('a-wrong-secret');
    const missing = spawn(NODE_TSX[0], [...NODE_TSX.slice(1), 'main/cli/headless.ts', '--data-dir', t.data('y')], { cwd: ROOT, env: { ...process.env, C137_USER_DATA_DIR: t.dir } });
    let stderr = '';
    missing.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    expect(await new Promise((r) => missing.on('exit', r))).toBe(2);
    expect(stderr).toMatch(/missing hubUrl, districtId, token/);
  }, 120_000);
});
