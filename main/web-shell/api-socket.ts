// One renderer's WebSocket at /api: calls go through the contract's dispatcher, subscriptions are
// forwarded as events. Every frame is untrusted: anything malformed gets an error result, and a
// slow client loses live payloads (then gets a resync) instead of growing this process's memory.
import type { RawData, WebSocket } from 'ws';
import { z } from 'zod';
import type { WsServerMessage } from '../../common/api/bridge';
import { liveBatch, type SubscriptionName } from '../../common/api/contract';
import {
  dispatch,
  isSubscriptionName,
  subscribeAs,
  type ApiErrorCode,
  type ApiHandlers,
  type Caller,
  type SubscriptionPayload,
} from '../../common/api/rpc';

const ClientMessage = z.discriminatedUnion('t', [
  z.object({ t: z.literal('call'), id: z.number().int().nonnegative(), call: z.unknown() }),
  z.object({ t: z.literal('sub'), name: z.string().max(64), resync: z.boolean().optional() }),
  z.object({ t: z.literal('unsub'), name: z.string().max(64) }),
]);

/** Calls one connection may have running at once; more are refused rather than queued. */
const MAX_IN_FLIGHT = 32;
/** Unsent bytes above which live payloads to a client are dropped… */
const HIGH_WATER_BYTES = 4 * 1024 * 1024;
/** …until its buffer is back under this, when it gets one resync payload instead. */
const LOW_WATER_BYTES = 512 * 1024;
const DRAIN_CHECK_MS = 100;

/**
 * What a listener receives after it has missed payloads (a slow client, or a reconnect): for
 * `live`, an empty batch with `reset`, which makes the renderer re-run `bootstrap` — so nothing
 * skipped is lost, only re-read.
 */
const RESYNC: { [K in SubscriptionName]: () => SubscriptionPayload<K> } = {
  live: () => liveBatch({ reset: true }),
};

/** Serves one connection; every call and subscription on it runs as `caller`. */
export function serveApiSocket(ws: WebSocket, handlers: ApiHandlers, caller: Caller, log: (line: string) => void): void {
  const subscriptions = new Map<SubscriptionName, () => void>();
  const dropping = new Set<SubscriptionName>();
  let drainTimer: NodeJS.Timeout | null = null;
  let inFlight = 0;

  const send = (message: WsServerMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const refuse = (id: number | null, code: ApiErrorCode, message: string): void =>
    send({ t: 'result', id, result: { ok: false, error: { code, message } } });

  function deliver(name: SubscriptionName, payload: unknown): void {
    if (dropping.has(name)) return;
    if (ws.bufferedAmount > HIGH_WATER_BYTES) {
      log(`client is not keeping up: dropping "${name}" payloads until it does, then resyncing it`);
      dropping.add(name);
      drainTimer ??= setInterval(resyncWhenDrained, DRAIN_CHECK_MS);
      return;
    }
    send({ t: 'event', name, payload });
  }

  function resyncWhenDrained(): void {
    if (ws.bufferedAmount > LOW_WATER_BYTES) return;
    stopDrainTimer();
    for (const name of dropping) if (subscriptions.has(name)) send({ t: 'event', name, payload: RESYNC[name]() });
    dropping.clear();
  }

  function stopDrainTimer(): void {
    if (drainTimer) clearInterval(drainTimer);
    drainTimer = null;
  }

  async function call(id: number, raw: unknown): Promise<void> {
    if (inFlight >= MAX_IN_FLIGHT) return refuse(id, 'unavailable', `more than ${MAX_IN_FLIGHT} calls at once`);
    inFlight++;
    try {
      send({ t: 'result', id, result: await dispatch(handlers, raw, caller) });
    } finally {
      inFlight--;
    }
  }

  function subscribe(name: SubscriptionName, resync: boolean): void {
    if (!subscriptions.has(name)) {
      const sub = subscribeAs(handlers, name, caller, (payload) => deliver(name, payload));
      if (!sub.ok) return refuse(null, sub.error.code, sub.error.message);
      subscriptions.set(name, sub.unsubscribe);
    }
    if (resync) send({ t: 'event', name, payload: RESYNC[name]() });
  }

  function unsubscribe(name: SubscriptionName): void {
    subscriptions.get(name)?.();
    subscriptions.delete(name);
    dropping.delete(name);
  }

  function receive(data: RawData, isBinary: boolean): void {
    if (isBinary || !Buffer.isBuffer(data)) return refuse(null, 'bad_call', 'expected a JSON text frame');
    let json: unknown;
    try {
      json = JSON.parse(data.toString('utf8'));
    } catch {
      return refuse(null, 'bad_call', 'frame is not JSON');
    }
    const message = ClientMessage.safeParse(json);
    if (!message.success) {
      const id = (json as { id?: unknown } | null)?.id;
      return refuse(typeof id === 'number' ? id : null, 'bad_call', 'frame is not a call, sub or unsub message');
    }
    const m = message.data;
    if (m.t === 'call') {
      void call(m.id, m.call);
      return;
    }
    if (!isSubscriptionName(m.name)) return refuse(null, 'bad_call', `unknown subscription "${m.name}"`);
    if (m.t === 'sub') subscribe(m.name, m.resync ?? false);
    else unsubscribe(m.name);
  }

  ws.on('message', (data, isBinary) => {
    try {
      receive(data, isBinary);
    } catch (err) {
      log(`api frame failed: ${err instanceof Error ? err.message : String(err)}`);
      refuse(null, 'internal', 'the frame could not be handled');
    }
  });
  // ws reports protocol violations (e.g. a frame over maxPayload) here before closing the socket;
  // without a listener the error would be thrown and take the process down.
  ws.on('error', (err) => log(`api socket error: ${err.message}`));
  ws.on('close', () => {
    stopDrainTimer();
    for (const name of [...subscriptions.keys()]) unsubscribe(name);
  });
}
