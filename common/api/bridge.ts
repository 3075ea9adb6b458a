// The two transports' own wire, declared once for both ends: what the Electron preload exposes on
// `window.console137` (and the IPC channels behind it), and the frames of the web shell's
// WebSocket. Both carry only ./rpc's ApiCall / ApiResult and subscription payloads. Type-only
// imports keep this file free of runtime dependencies, so the sandboxed preload bundle stays tiny.
import type { SubscriptionName } from './contract';
import type { ApiCall, ApiResult } from './rpc';

/** The only IPC channels the preload may use (its allow-list) and the main process answers. */
export const IPC_CHANNELS = {
  /** invoke: ApiCall → ApiResult */
  call: 'c137:call',
  /** send: subscription name */
  subscribe: 'c137:subscribe',
  /** send: subscription name */
  unsubscribe: 'c137:unsubscribe',
  /** main → renderer: (name, payload) */
  event: 'c137:event',
} as const;

/** The global name the preload exposes the bridge under. */
export const BRIDGE_KEY = 'console137';

/** What the preload exposes, and nothing else. */
export interface Console137Bridge {
  call(call: ApiCall): Promise<ApiResult>;
  /** Start receiving a subscription's payloads (unvalidated; the client validates); returns the unsubscribe. */
  subscribe(name: SubscriptionName, onPayload: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    /** Present only inside the Electron shell. */
    readonly console137?: Console137Bridge;
  }
}

/** The web shell's WebSocket endpoint. */
export const WS_PATH = '/api';
/** Largest frame either side accepts; a bigger call is refused before it is sent. */
export const WS_MAX_MESSAGE_BYTES = 1024 * 1024;

export type WsClientMessage =
  | { t: 'call'; id: number; call: ApiCall }
  /** `resync` (after a reconnect): also send a payload telling the listener to reload its state. */
  | { t: 'sub'; name: SubscriptionName; resync?: boolean }
  | { t: 'unsub'; name: SubscriptionName };

export type WsServerMessage =
  /** `id` is null when the frame it answers could not be read far enough to find one. */
  | { t: 'result'; id: number | null; result: ApiResult }
  | { t: 'event'; name: SubscriptionName; payload: unknown };

/**
 * The renderer-side listeners of each subscription, counted per name, for both transports: the
 * transport subscribes upstream when a name gets its first listener and unsubscribes after its
 * last, however listeners come and go in between.
 */
export function listenerRegistry<N extends string>(upstream: { first(name: N): void; last(name: N): void }) {
  const listeners = new Map<N, Set<(payload: unknown) => void>>();
  return {
    add(name: N, listener: (payload: unknown) => void): () => void {
      let set = listeners.get(name);
      if (!set) {
        set = new Set();
        listeners.set(name, set);
        upstream.first(name);
      }
      set.add(listener);
      const mine = set;
      return () => {
        mine.delete(listener);
        if (mine.size > 0 || listeners.get(name) !== mine) return;
        listeners.delete(name);
        upstream.last(name);
      };
    },
    deliver(name: string, payload: unknown): void {
      for (const listener of listeners.get(name as N) ?? []) listener(payload);
    },
    names: (): Iterable<N> => listeners.keys(),
  };
}
