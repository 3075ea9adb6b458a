// The WebSocket API through a real web shell and the contract's dispatcher, against real handlers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WS_MAX_MESSAGE_BYTES } from '../../common/api/bridge';
import { startWebShell, type WebShell } from '../../main/web-shell/server';
import { fixtureHandlers, request, type FixtureHandlers } from './fixture-handlers';
import { ApiSocket, cookieOf, eventOf, rawGet, rendererDir, resultFor } from './support';

let shell: WebShell;
let handlers: FixtureHandlers;
let files: ReturnType<typeof rendererDir>;
let sockets: ApiSocket[];
const log: string[] = [];

async function open(): Promise<ApiSocket> {
  const cookie = cookieOf(await rawGet(shell.port, `/?token=${new URL(shell.url).searchParams.get('token')}`));
  const socket = new ApiSocket(shell.port, cookie);
  sockets.push(socket);
  await socket.open();
  return socket;
}

async function start(access: 'workstation' | 'wall' = 'workstation'): Promise<void> {
  handlers = fixtureHandlers();
  shell = await startWebShell({ handlers, staticDir: files.dir, credentials: [{ access }], log: (line) => log.push(line) });
}

beforeEach(async () => {
  files = rendererDir();
  sockets = [];
  await start();
});
afterEach(async () => {
  for (const s of sockets) s.close();
  await shell.close();
  files.cleanup();
});

describe('web shell API socket', () => {
  it('answers queries through dispatch', async () => {
    const s = await open();
    s.send({ t: 'call', id: 1, call: { kind: 'query', name: 'bootstrap', input: {} } });
    const boot = await s.next(resultFor(1));
    expect(boot.result.ok).toBe(true);
    expect((boot.result as { value: { requests: unknown[] } }).value.requests).toHaveLength(3);

    s.send({ t: 'call', id: 2, call: { kind: 'query', name: 'requestDetail', input: { id: 'r-404' } } });
    expect((await s.next(resultFor(2))).result).toEqual({ ok: false, error: { code: 'not_found', message: 'no request r-404' } });
  });

  it('returns validation errors for bad commands and unknown calls', async () => {
    const s = await open();
    s.send({ t: 'call', id: 7, call: { kind: 'command', name: 'submit', input: { type: 'request.acknowledge', data: {} } } });
    const invalid = (await s.next(resultFor(7))).result;
    expect(invalid.ok).toBe(false);
    expect(!invalid.ok && invalid.error.code).toBe('invalid_input');

    s.send({ t: 'call', id: 8, call: { kind: 'query', name: 'dropTables', input: {} } });
    const unknown = (await s.next(resultFor(8))).result;
    expect(!unknown.ok && unknown.error.code).toBe('bad_call');

    s.send({ t: 'call', id: 9, call: { kind: 'command', name: 'submit', input: { type: 'request.acknowledge', data: { id: 'r-1' } } } });
    expect((await s.next(resultFor(9))).result).toEqual({ ok: true, value: { commandId: 'cmd-1' } });
  });

  it('delivers the live subscription in the batches the core makes, until unsubscribed', async () => {
    const s = await open();
    s.send({ t: 'sub', name: 'live' });
    await expect.poll(() => handlers.listenerCount()).toBe(1);
    for (const [i, id] of ['r-1', 'r-2', 'r-3'].entries()) {
      s.send({ t: 'call', id: 10 + i, call: { kind: 'command', name: 'submit', input: { type: 'request.acknowledge', data: { id } } } });
    }
    const batch = (await s.next(eventOf)).payload as { reset: boolean; requests: Array<{ id: string; status: string }>; notices: unknown[] };
    expect(batch.reset).toBe(false);
    expect(batch.requests.map((r) => [r.id, r.status])).toEqual([
      ['r-1', 'acknowledged'],
      ['r-2', 'acknowledged'],
      ['r-3', 'acknowledged'],
    ]);
    expect(batch.notices).toHaveLength(3);

    // Subscribing twice does not double the deliveries; unsubscribing stops them.
    s.send({ t: 'sub', name: 'live' });
    s.send({ t: 'unsub', name: 'live' });
    await expect.poll(() => handlers.listenerCount()).toBe(0);
  });

  it('sends a reset payload on a resync subscribe, and drops listeners when the socket closes', async () => {
    const s = await open();
    s.send({ t: 'sub', name: 'live', resync: true });
    const reset = (await s.next(eventOf)).payload as { reset: boolean; requests: unknown[] };
    expect(reset).toMatchObject({ reset: true, requests: [] });
    expect(handlers.listenerCount()).toBe(1);
    s.close();
    await expect.poll(() => handlers.listenerCount()).toBe(0);
  });

  it('answers malformed frames with an error result and keeps serving', async () => {
    const s = await open();
    s.send('{not json');
    expect((await s.next(resultFor(null))).result).toMatchObject({ ok: false, error: { code: 'bad_call' } });
    s.send({ t: 'call', id: 'x', call: {} });
    expect((await s.next(resultFor(null))).result).toMatchObject({ ok: false, error: { code: 'bad_call' } });
    s.send({ t: 'call', id: 3 });
    expect((await s.next(resultFor(3))).result).toMatchObject({ ok: false, error: { code: 'bad_call' } });
    s.send({ t: 'sub', name: 'everything' });
    expect((await s.next(resultFor(null))).result).toMatchObject({ ok: false, error: { message: 'unknown subscription "everything"' } });
    s.send('null');
    s.send('[1,2]');
    s.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    for (let i = 0; i < 3; i++) await s.next(resultFor(null));
    s.send({ t: 'call', id: 4, call: { kind: 'query', name: 'crewTrail', input: { crewId: 'c-1' } } });
    expect((await s.next(resultFor(4))).result).toEqual({ ok: true, value: { crewId: 'c-1', points: [] } });
  });

  it('closes a connection that sends an oversized frame, and stays up for others', async () => {
    const s = await open();
    const closed = new Promise<number>((resolve) => s.ws.on('close', (code) => resolve(code)));
    s.send({ t: 'call', id: 1, call: { kind: 'query', name: 'bootstrap', input: { pad: 'x'.repeat(WS_MAX_MESSAGE_BYTES) } } });
    expect(await closed).toBe(1009);
    const other = await open();
    other.send({ t: 'call', id: 1, call: { kind: 'query', name: 'bootstrap', input: {} } });
    expect((await other.next(resultFor(1))).result.ok).toBe(true);
  });

  it('drops live payloads for a client that stops reading, then resyncs it once it drains', async () => {
    const s = await open();
    s.send({ t: 'sub', name: 'live' });
    await expect.poll(() => handlers.listenerCount()).toBe(1);
    s.ws.pause();
    // ~400 KB batches: far more than the kernel's socket buffers plus the shell's high-water mark.
    const big = Array.from({ length: 400 }, (_, i) => request(`big-${i}`, 'ک'.repeat(200)));
    const pushed = 60;
    for (let i = 0; i < pushed; i++) {
      handlers.push({ requests: big });
      await new Promise((r) => setImmediate(r));
    }
    await expect.poll(() => log.some((line) => line.includes('not keeping up'))).toBe(true);
    s.ws.resume();
    const reset = await s.next((m): m is Extract<typeof m, { t: 'event' }> => m.t === 'event' && (m.payload as { reset: boolean }).reset, 15_000);
    expect(reset.payload).toMatchObject({ reset: true, requests: [] });
    const delivered = s.messages.filter(eventOf).length + 1;
    expect(delivered).toBeLessThan(pushed);
  });

  it('on a wall display, refuses commands but serves queries', async () => {
    await shell.close();
    await start('wall');
    const s = await open();
    s.send({ t: 'call', id: 1, call: { kind: 'command', name: 'submit', input: { type: 'request.acknowledge', data: { id: 'r-1' } } } });
    const refused = (await s.next(resultFor(1))).result;
    expect(!refused.ok && refused.error.message).toMatch(/read-only/);
    s.send({ t: 'call', id: 2, call: { kind: 'query', name: 'bootstrap', input: {} } });
    expect((await s.next(resultFor(2))).result.ok).toBe(true);
  });

  it('gives each connection the access of the token it came with: one shell, a workstation and a wall', async () => {
    await shell.close();
    handlers = fixtureHandlers();
    shell = await startWebShell({ handlers, staticDir: files.dir, credentials: [{ access: 'workstation' }, { access: 'wall' }], log: (l) => log.push(l) });
    expect(shell.urls.workstation).toBe(shell.url);
    expect(shell.urls.wall).not.toBe(shell.url);
    const connect = async (url: string) => {
      const socket = new ApiSocket(shell.port, cookieOf(await rawGet(shell.port, `/?token=${new URL(url).searchParams.get('token')}`)));
      sockets.push(socket);
      await socket.open();
      return socket;
    };
    const [operator, wall] = [await connect(shell.urls.workstation!), await connect(shell.urls.wall!)];
    const submit = { kind: 'command', name: 'submit', input: { type: 'request.acknowledge', data: { id: 'r-1' } } };
    wall.send({ t: 'call', id: 1, call: submit });
    operator.send({ t: 'call', id: 1, call: submit });
    const [refused, accepted] = [(await wall.next(resultFor(1))).result, (await operator.next(resultFor(1))).result];
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(accepted.ok).toBe(true);
    for (const [socket, role, personalData] of [[operator, 'operator', true], [wall, 'wall', false]] as const) {
      socket.send({ t: 'call', id: 2, call: { kind: 'query', name: 'bootstrap', input: {} } });
      const boot = (await socket.next(resultFor(2))).result;
      expect(boot).toMatchObject({ ok: true, value: { role, permissions: { commands: personalData, personalData, supervise: false } } });
    }
  });
});
