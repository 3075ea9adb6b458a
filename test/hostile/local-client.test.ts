// A misbehaving local client of the web shell (issue 14): one that floods calls and never reads
// the answers. What the shell queues for it stays bounded, it is closed with 1008, and another
// connection of the same shell keeps being answered meanwhile.
import { performance } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWebShell, type WebShell } from '../../main/web-shell/server';
import { waitFor } from '../core/helpers';
import { fixtureHandlers } from '../web-shell/fixture-handlers';
import { ApiSocket, openApiSocket, rendererDir, resultFor } from '../web-shell/support';

const FLOOD = 30_000; // bootstrap calls of ~1.4 KB answers each: ~40 MB, far past any socket buffer
const BOOTSTRAP = { kind: 'query', name: 'bootstrap', input: {} };
const TOKEN = 'local-client-test-token-0123456789abcdef';

/** Calls `from`…`to - 1` as fast as the socket takes them, yielding now and then. */
async function flood(socket: ApiSocket, from: number, to: number): Promise<void> {
  for (let i = from; i < to; i += 500) {
    for (let j = i; j < Math.min(i + 500, to); j++) socket.send({ t: 'call', id: j, call: BOOTSTRAP });
    await new Promise((r) => setImmediate(r));
  }
}

let shell: WebShell;
let files: ReturnType<typeof rendererDir>;
const sockets: ApiSocket[] = [];
const log: string[] = [];

async function open(): Promise<ApiSocket> {
  const socket = await openApiSocket(shell.port, TOKEN);
  sockets.push(socket);
  return socket;
}

/** Milliseconds until `socket` answers a bootstrap. */
async function bootstrapMs(socket: ApiSocket, id: number): Promise<number> {
  const t0 = performance.now();
  socket.send({ t: 'call', id, call: BOOTSTRAP });
  const answer = await socket.next(resultFor(id), 10_000);
  expect(answer.result.ok).toBe(true);
  return performance.now() - t0;
}

beforeEach(async () => {
  files = rendererDir();
  log.length = 0;
  shell = await startWebShell({
    handlers: fixtureHandlers(),
    staticDir: files.dir,
    credentials: [{ access: 'workstation', token: TOKEN }],
    log: (line) => log.push(line),
  });
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await shell.close();
  files.cleanup();
});

describe('a web-shell client that sends calls and never reads', () => {
  it('gets a bounded share of answers, then is closed with 1008; another connection keeps being answered', async () => {
    const good = await open();
    const baseline: number[] = [];
    for (let i = 0; i < 10; i++) baseline.push(await bootstrapMs(good, i));
    const bound = Math.max(1000, 20 * Math.max(...baseline));

    const bad = await open();
    let received = 0;
    let receivedBytes = 0;
    bad.ws.on('message', (data: Buffer) => {
      received++;
      receivedBytes += data.length;
    });
    const closed = new Promise<number>((resolve) => bad.ws.on('close', (code) => resolve(code)));
    bad.ws.pause(); // reads nothing from here on; its kernel buffers fill, then the shell's
    await flood(bad, 0, FLOOD);

    // The good connection, meanwhile, until the shell gives up on the bad one.
    const during: number[] = [];
    for (let id = 100; !log.some((l) => l.includes('closing it (1008)')); id++) {
      expect(id, 'the shell never closed the client that does not read').toBeLessThan(100 + 300);
      during.push(await bootstrapMs(good, id));
      await new Promise((r) => setTimeout(r, 50));
    }
    bad.ws.resume(); // take what was queued for it, then the close frame
    expect(await closed).toBe(1008);

    // What the shell had queued for it: the high-water mark (4 MiB) plus what the two kernels'
    // socket buffers took before that (loopback: a few MiB), not the ~40 MB of its flood's answers.
    expect(received).toBeLessThan(FLOOD / 2);
    expect(receivedBytes).toBeLessThan(20 * 1024 * 1024);
    expect(log.filter((l) => l.includes('closing it (1008)'))).toHaveLength(1);
    expect(Math.max(...during), `good connection's bootstrap under the flood; baseline max ${Math.max(...baseline).toFixed(1)} ms`).toBeLessThan(bound);
    expect(await bootstrapMs(good, 1000)).toBeLessThan(bound);
    console.log(
      `flood of ${FLOOD}: ${received} answers (${(receivedBytes / 2 ** 20).toFixed(1)} MiB) reached the client before the close; ` +
        `good connection: baseline max ${Math.max(...baseline).toFixed(1)} ms, under the flood max ${Math.max(...during).toFixed(1)} ms over ${during.length} calls`,
    );
  }, 60_000);

  it('holds the calls of a client that only fell behind, and answers every one in order once it reads again', async () => {
    const slow = await open();
    slow.ws.pause();
    const n = 10_000; // ~14 MB of answers: past the socket buffers and the high-water mark
    await flood(slow, 0, n);
    await new Promise((r) => setTimeout(r, 1000));
    slow.ws.resume();
    const answers = await waitFor(() => slow.messages.length >= n && slow.messages, 'every call answered', 20_000);
    // Each call has exactly one answer, in order, none refused: its calls waited (on its side
    // while the shell had 32 of them), and the connection stays open.
    expect(answers.map((m) => m.t === 'result' && m.id)).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(answers.every((m) => m.t === 'result' && m.result.ok)).toBe(true);
    expect(log.some((l) => l.includes('closing it'))).toBe(false);
    expect(await bootstrapMs(slow, n)).toBeLessThan(1000);
  }, 60_000);
});
