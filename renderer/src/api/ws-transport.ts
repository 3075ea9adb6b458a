// In a plain browser: the web shell's WebSocket (the HttpOnly cookie set when the page was opened
// carries the token). Survives the shell going away: reconnects with back-off, re-subscribes with
// `resync` so listeners reload what they missed, and fails calls that were in flight instead of
// leaving them hanging.
import { WS_MAX_MESSAGE_BYTES, listenerRegistry, type WsClientMessage, type WsServerMessage } from '../../../common/api/bridge';
import type { SubscriptionName } from '../../../common/api/contract';
import type { ApiErrorCode, ApiResult, ApiTransport } from '../../../common/api/rpc';

const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 5000;

export interface WsTransport extends ApiTransport {
  /** Stop for good (tests, page teardown). */
  close(): void;
}

const fail = (code: ApiErrorCode, message: string): ApiResult => ({ ok: false, error: { code, message } });

export function createWsTransport(url: string): WsTransport {
  const pending = new Map<number, (result: ApiResult) => void>();
  /** Frames written while not connected; sent on open, dropped (their calls failed) on close. */
  const unsent: string[] = [];
  const listeners = listenerRegistry<SubscriptionName>({
    // While closed, nothing to tell: the next open re-subscribes every name that has listeners.
    first: (name) => sendIfOpen(frame({ t: 'sub', name })),
    last: (name) => sendIfOpen(frame({ t: 'unsub', name })),
  });
  let socket: WebSocket;
  let nextId = 1;
  let everOpen = false;
  let retryMs = RETRY_FIRST_MS;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const frame = (message: WsClientMessage) => JSON.stringify(message);
  const isOpen = () => socket.readyState === WebSocket.OPEN;
  const sendIfOpen = (text: string) => {
    if (isOpen()) socket.send(text);
  };

  function write(text: string): void {
    if (isOpen()) socket.send(text);
    else unsent.push(text);
  }

  function failPending(message: string): void {
    unsent.length = 0;
    for (const resolve of pending.values()) resolve(fail('unavailable', message));
    pending.clear();
  }

  function receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: WsServerMessage;
    try {
      message = JSON.parse(data) as WsServerMessage;
    } catch {
      return;
    }
    if (message.t === 'result') {
      if (message.id === null) {
        if (!message.result.ok) console.warn(`console core refused a frame: ${message.result.error.message}`);
        return;
      }
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else if (message.t === 'event') {
      listeners.deliver(message.name, message.payload);
    }
  }

  function connect(): void {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retryMs = RETRY_FIRST_MS;
      for (const name of listeners.names()) ws.send(frame({ t: 'sub', name, resync: everOpen }));
      everOpen = true;
      for (const text of unsent.splice(0)) ws.send(text);
    };
    ws.onmessage = (event) => receive(event.data);
    ws.onclose = () => {
      failPending('the connection to the console core was lost');
      if (stopped) return;
      retryTimer = setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    };
  }
  connect();

  return {
    call(call) {
      const id = nextId++;
      const text = frame({ t: 'call', id, call });
      // The shell closes the socket on a frame over the cap; refuse here so only this call fails.
      if (text.length > WS_MAX_MESSAGE_BYTES / 3 && new TextEncoder().encode(text).byteLength > WS_MAX_MESSAGE_BYTES) {
        return Promise.resolve(fail('bad_call', `call "${call.name}" is larger than ${WS_MAX_MESSAGE_BYTES} bytes`));
      }
      if (stopped) return Promise.resolve(fail('unavailable', 'the connection to the console core is closed'));
      return new Promise((resolve) => {
        pending.set(id, resolve);
        write(text);
      });
    },
    listen: (name, onPayload) => listeners.add(name, onPayload),
    close() {
      stopped = true;
      clearTimeout(retryTimer);
      socket.close();
      failPending('the connection to the console core is closed');
    },
  };
}
