// The link to the core and, through it, to the hub: bootstrap, the `live` subscription, re-
// bootstrapping whenever a batch says `reset`, commands and queries; whether the core answers, the
// hub link's state, and who the core says this workstation is.
import type { StateCreator } from 'zustand';
import type { Bootstrap, LinkState, LiveBatch, Permissions } from '../../../../common/api/contract';
import { liveBatch } from '../../../../common/api/contract';
import { ApiError, type ApiClient } from '../../../../common/api/rpc';
import type { OperatorCommand } from '../../../../common/protocol/hub-protocol';
import type { ConsoleState } from '../store';
import { applyBatch, batchChanges, dataFromBootstrap } from './data';
import { batchToasts } from './notices';
import { keptSelection, viewFor } from './ui';

export type LiveBatchListener = (batch: LiveBatch) => void;

export interface ConnectionSlice {
  ready: boolean;
  /** Why the core cannot be reached right now (bootstrap failing); null when fine. */
  error: string | null;
  /** What the core's policy lets this session do: what the UI offers (the core enforces it anyway). */
  permissions: Permissions;
  operatorId: string;
  link: LinkState | null;
  /** Requests this operator acted on ("only mine"): the core's answer at each bootstrap, plus what this window submits. */
  actedOn: ReadonlySet<string>;

  /** Bootstrap from `client`, follow its `live` batches; resolves once the first bootstrap is in. */
  connect(client: ApiClient): Promise<void>;
  /** Stop following the core (tests; a shell that swaps transports). */
  disconnect(): void;
  /** Queue an operator command; failures become toasts. Resolves to the command id, or null. */
  submit(command: OperatorCommand): Promise<string | null>;
  /** A query to the core; throws `unavailable` while not connected. */
  query: ApiClient['query'];
  /**
   * Raw live batches, after the store applied them, for consumers that update incrementally (the
   * map). A batch with `reset: true` is delivered after every (re-)bootstrap, including the first:
   * on it, rebuild from the store.
   */
  onLiveBatch(listener: LiveBatchListener): () => void;
}

/** The whole store's change for one live batch: its data, the link, a selection it removed. */
export function applyLiveBatch(s: ConsoleState, b: LiveBatch, guardStale: boolean): Partial<ConsoleState> {
  const patch: Partial<ConsoleState> = applyBatch(s, b, guardStale);
  if (b.link) patch.link = b.link;
  return { ...patch, ...keptSelection({ ...s, ...patch }) };
}

function fromBootstrap(b: Bootstrap, s: ConsoleState): Partial<ConsoleState> {
  const patch: Partial<ConsoleState> = {
    ...dataFromBootstrap(b, s),
    ready: true,
    error: null,
    permissions: b.permissions,
    operatorId: b.operatorId,
    link: b.link,
    view: viewFor(b.role),
  };
  return { ...patch, ...keptSelection({ ...s, ...patch }) };
}

const RETRY_MS = [500, 1000, 2000, 5000, 10_000];

/** The core's list of requests this operator acted on; an older core without the query answers none. */
async function actedOn(c: ApiClient): Promise<string[]> {
  try {
    return (await c.query('actedOn', {})).ids;
  } catch (err) {
    console.error('actedOn query failed; "only mine" shows this session\'s actions only', err);
    return [];
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export const createConnectionSlice: StateCreator<ConsoleState, [], [], ConnectionSlice> = (set, get) => {
  let client: ApiClient | null = null;
  let unsubscribe: (() => void) | null = null;
  let clock: ReturnType<typeof setInterval> | null = null;
  /** Non-null while a bootstrap runs: live batches wait here until it is applied. */
  let queued: LiveBatch[] | null = null;
  let syncing: Promise<void> | null = null;
  const listeners = new Set<LiveBatchListener>();

  function emit(batch: LiveBatch): void {
    for (const l of listeners) {
      try {
        l(batch);
      } catch (err) {
        console.error('live batch listener failed', err); // one consumer's bug must not stop the others
      }
    }
  }

  function connected(): ApiClient {
    if (!client) throw new ApiError('unavailable', 'not connected to the console core');
    return client;
  }

  const toastNotices = (b: LiveBatch) => batchToasts(b).forEach(get().notify);

  function receive(batch: LiveBatch): void {
    if (queued) {
      queued.push(batch);
      return;
    }
    if (batch.reset) {
      toastNotices(batch);
      void resync();
      return;
    }
    set((s) => applyLiveBatch(s, batch, false));
    toastNotices(batch);
    emit(batch);
  }

  function resync(): Promise<void> {
    queued ??= [];
    syncing ??= bootstrapUntilSettled().finally(() => {
      syncing = null;
    });
    return syncing;
  }

  async function bootstrapUntilSettled(): Promise<void> {
    const c = client;
    for (let attempt = 0; c && client === c; ) {
      let b: Bootstrap;
      let acted: string[];
      try {
        [b, acted] = await Promise.all([c.query('bootstrap', {}), actedOn(c)]);
      } catch (err) {
        if (client !== c) return;
        set({ error: errorText(err) });
        await new Promise((r) => setTimeout(r, RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)]));
        continue;
      }
      if (client !== c) return;
      const waiting = queued ?? [];
      waiting.forEach(toastNotices);
      if (waiting.some((w) => w.reset)) {
        queued = []; // the state was replaced while we read it: read it again
        continue;
      }
      queued = null;
      set((s) => {
        let next: ConsoleState = { ...s, ...fromBootstrap(b, s), actedOn: new Set([...s.actedOn, ...acted]) };
        for (const w of waiting) next = { ...next, ...applyLiveBatch(next, w, true) };
        return { ...next, lastBatch: batchChanges(true) }; // the queued batches are part of the rebuild
      });
      emit(liveBatch({ reset: true }));
      return;
    }
  }

  return {
    ready: false,
    error: null,
    // Nothing is offered until the core has said what this session may do.
    permissions: { commands: false, personalData: false },
    operatorId: '',
    link: null,
    actedOn: new Set(),

    async connect(c) {
      get().disconnect();
      client = c;
      clock = setInterval(() => set({ now: Date.now() }), 1000);
      queued = [];
      unsubscribe = c.subscribe('live', receive, (message) => {
        console.error('invalid live batch', message);
        get().notify({ kind: 'live_invalid', message });
        void resync(); // a batch was lost: only a fresh bootstrap makes the store whole again
      });
      await resync();
    },

    disconnect() {
      unsubscribe?.();
      if (clock) clearInterval(clock);
      client = null;
      unsubscribe = null;
      clock = null;
      queued = null;
      syncing = null;
    },

    async submit(command) {
      const targetId = 'id' in command.data ? command.data.id : 'crewId' in command.data ? command.data.crewId : null;
      try {
        const { commandId } = await connected().command('submit', command);
        if (targetId && command.type.startsWith('request.')) set((s) => ({ actedOn: new Set(s.actedOn).add(targetId) }));
        return commandId;
      } catch (err) {
        const code = err instanceof ApiError ? err.code : 'unknown';
        get().notify({ kind: 'call_failed', type: command.type, targetId, code, message: errorText(err) });
        return null;
      }
    },

    query: (name, input) => connected().query(name, input),

    onLiveBatch(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
};
