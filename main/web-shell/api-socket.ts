// One renderer's WebSocket at /api: calls go through the contract's dispatcher, subscriptions are
// forwarded as events. Every frame is untrusted: anything malformed gets an error result. What is
// queued for a client is bounded: while it has MAX_WAITING_CALLS calls waiting, or its unsent
// bytes are past the high-water mark, this process stops reading its frames (its further calls
// wait on its side); past the mark its calls wait and its live payloads are dropped (then it is
// resynced), and a client that takes nothing for STALL_MS is closed (1008).
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

/** Calls waiting for an answer at which this process stops reading the connection's frames… */
const MAX_WAITING_CALLS = 32;
/**
 * …and the most that may wait: frames already read when reading stopped are still delivered, at
 * most one read of the socket (64 KiB of ≥ 34-byte call frames). Beyond it a call is refused.
 */
const MAX_QUEUED_CALLS = 2048;
/** Unsent bytes above which a client's frames are no longer read, its calls wait and its live payloads are dropped… */
const HIGH_WATER_BYTES = 4 * 1024 * 1024;
/** …until its buffer is back under this, when it gets one resync payload per dropped subscription. */
const LOW_WATER_BYTES = 512 * 1024;
const DRAIN_CHECK_MS = 100;
/** Above the high-water mark with not one byte taken for this long: the client is not reading. */
const STALL_MS = 10_000;
/** The close frame waits behind what it did not read; the socket is dropped after this. */
const CLOSE_GRACE_MS = 2_000;

/**
 * What a listener receives after it has missed payloads (a slow client, or a reconnect): for
 * `live`, an empty batch with `reset`, which makes the renderer re-run `bootstrap` — so nothing
 * skipped is lost, only re-read; for `session`, the session as it is now.
 */
const RESYNC: { [K in SubscriptionName]: (handlers: ApiHandlers, caller: Caller) => SubscriptionPayload<K> | Promise<SubscriptionPayload<K>> } = {
  live: () => liveBatch({ reset: true }),
  session: (handlers, caller) => handlers.queries.session({}, caller),
};

/** Serves one connection; every call and subscription on it runs as `caller`. */
export function serveApiSocket(ws: WebSocket, handlers: ApiHandlers, caller: Caller, log: (line: string) => void): void {
  const subscriptions = new Map<SubscriptionName, () => void>();
  const dropping = new Set<SubscriptionName>();
  /** Calls received and not yet answered, answered one at a time in arrival order. */
  const calls: Array<{ id: number; raw: unknown }> = [];
  let answering = false;
  /** Set while the client's unsent bytes are above the high-water mark. */
  let drainTimer: NodeJS.Timeout | null = null;
  let closeTimer: NodeJS.Timeout | null = null;

  /** Read the client's frames only while it reads ours and its calls are few. */
  function pauseReadingIfBusy(): void {
    const busy = drainTimer !== null || calls.length >= MAX_WAITING_CALLS;
    if (busy && !ws.isPaused) ws.pause();
    else if (!busy && ws.isPaused) ws.resume();
  }

  const send = (message: WsServerMessage): void => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(JSON.stringify(message));
    if (ws.bufferedAmount > HIGH_WATER_BYTES) holdBack();
  };
  const refuse = (id: number | null, code: ApiErrorCode, message: string): void =>
    send({ t: 'result', id, result: { ok: false, error: { code, message } } });

  /** Stop reading the client until what it is owed drains; close it if it takes nothing. */
  function holdBack(): void {
    if (drainTimer) return;
    let least = ws.bufferedAmount;
    let takenAt = Date.now();
    drainTimer = setInterval(() => {
      const unsent = ws.bufferedAmount;
      if (unsent <= LOW_WATER_BYTES) return drained();
      if (unsent < least) [least, takenAt] = [unsent, Date.now()];
      else if (Date.now() - takenAt > STALL_MS) giveUp(unsent);
    }, DRAIN_CHECK_MS);
    pauseReadingIfBusy();
  }

  function drained(): void {
    stopDrainTimer();
    pauseReadingIfBusy();
    for (const name of dropping) if (subscriptions.has(name)) resend(name);
    dropping.clear();
    void answerCalls();
  }

  function giveUp(unsent: number): void {
    stopDrainTimer();
    log(`client has read nothing for ${STALL_MS / 1000} s with ${unsent} bytes waiting for it: closing it (1008)`);
    ws.close(1008, 'not reading its answers');
    closeTimer = setTimeout(() => ws.terminate(), CLOSE_GRACE_MS);
  }

  function stopDrainTimer(): void {
    if (drainTimer) clearInterval(drainTimer);
    drainTimer = null;
  }

  function resend(name: SubscriptionName): void {
    Promise.resolve()
      .then(() => RESYNC[name](handlers, caller))
      .then(
        (payload) => send({ t: 'event', name, payload }),
        (err: unknown) => log(`resync of "${name}" failed: ${err instanceof Error ? err.message : String(err)}`),
      );
  }

  function deliver(name: SubscriptionName, payload: unknown): void {
    if (dropping.has(name)) return;
    if (drainTimer) {
      log(`client is not keeping up: dropping "${name}" payloads until it does, then resyncing it`);
      dropping.add(name);
      return;
    }
    send({ t: 'event', name, payload });
  }

  function call(id: number, raw: unknown): void {
    if (calls.length >= MAX_QUEUED_CALLS) return refuse(id, 'unavailable', `more than ${MAX_QUEUED_CALLS} calls waiting for an answer`);
    calls.push({ id, raw });
    pauseReadingIfBusy();
    void answerCalls();
  }

  /**
   * One call at a time, each result sent before the next call runs, so the high-water check sees
   * every answer already queued (the core's handlers are synchronous: running them side by side
   * gained nothing, and let one burst of calls queue all their answers at once).
   */
  async function answerCalls(): Promise<void> {
    if (answering) return;
    answering = true;
    while (calls.length && !drainTimer && ws.readyState === ws.OPEN) {
      const { id, raw } = calls[0];
      try {
        send({ t: 'result', id, result: await dispatch(handlers, raw, caller) });
      } catch (err) {
        log(`api call failed: ${err instanceof Error ? err.message : String(err)}`);
        refuse(id, 'internal', 'the call could not be answered');
      }
      calls.shift();
      pauseReadingIfBusy();
    }
    answering = false;
  }

  function subscribe(name: SubscriptionName, resync: boolean): void {
    if (!subscriptions.has(name)) {
      const sub = subscribeAs(handlers, name, caller, (payload) => deliver(name, payload));
      if (!sub.ok) return refuse(null, sub.error.code, sub.error.message);
      subscriptions.set(name, sub.unsubscribe);
    }
    if (resync) resend(name);
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
    if (m.t === 'call') return call(m.id, m.call);
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
    if (closeTimer) clearTimeout(closeTimer);
    calls.length = 0;
    for (const name of [...subscriptions.keys()]) unsubscribe(name);
  });
}
