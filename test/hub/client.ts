// A minimal protocol-v1 console for the hub's tests: a real socket.io-client on loopback that
// records everything the hub sends, so tests can assert on messages in order.
import { io, type Socket } from 'socket.io-client';
import type { CommandAck, Hello, ResumeAck } from '../../common/protocol/hub-protocol';
import type { RunningHub, StoredEvent } from '../../hub/index';

export const TOKEN = 'test-token-6';
export const DISTRICTS = [{ id: '6', token: TOKEN }];

export interface TestConsole {
  socket: Socket;
  hello: Hello;
  /** Every message in arrival order, as received: each test reads the fields it asserts. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw wire payloads, not yet parsed
  messages: Array<{ name: string; payload: any }>;
  events(): StoredEvent[];
  resume(afterSeq: number, hubId: string | null): Promise<ResumeAck>;
  command(type: string, data: unknown, extra?: { commandId?: string; operatorId?: string }): Promise<CommandAck>;
  waitFor(pred: () => boolean, what?: string, ms?: number): Promise<void>;
  close(): void;
}

let n = 0;

export function connectRaw(hub: RunningHub, auth: Record<string, unknown>, reconnection = false): Socket {
  return io(`${hub.url}/district`, { auth, transports: ['websocket'], reconnection, forceNew: true });
}

/** Connect and wait for `hello`; rejects with the connect_error message on refusal. */
export function connect(hub: RunningHub, auth: Record<string, unknown> = {}): Promise<TestConsole> {
  const socket = connectRaw(hub, { protocol: 1, districtId: '6', consoleId: `c-${++n}`, token: TOKEN, ...auth });
  const messages: TestConsole['messages'] = [];
  socket.onAny((name, payload) => messages.push({ name, payload }));
  const waitFor: TestConsole['waitFor'] = (pred, what = 'condition', ms = 10_000) =>
    new Promise((resolve, reject) => {
      const start = Date.now();
      const tick = () => {
        if (pred()) return resolve();
        if (Date.now() - start > ms) return reject(new Error(`timed out waiting for ${what}`));
        setTimeout(tick, 5);
      };
      tick();
    });
  return new Promise((resolve, reject) => {
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
    socket.once('hello', (hello: Hello) =>
      resolve({
        socket,
        hello,
        messages,
        events: () => messages.filter((m) => m.name === 'events').flatMap((m) => m.payload.events),
        resume: (afterSeq, hubId) => socket.emitWithAck('resume', { afterSeq, hubId }),
        command: (type, data, extra = {}) =>
          socket.emitWithAck('command', {
            commandId: extra.commandId ?? crypto.randomUUID(),
            type,
            data,
            issuedAt: new Date().toISOString(),
            operatorId: extra.operatorId ?? 'op-1',
          }),
        waitFor,
        close: () => socket.close(),
      }),
    );
  });
}
