// The link to the core and, through it, to the hub: the session (who is signed in, followed for
// the page's lifetime), the `live` subscription and bootstrap while someone may read the district,
// re-bootstrapping whenever a batch says `reset`, commands and queries; whether the core answers,
// the hub link's state, and who the core says this session is.
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

  /** Follow the session on `client` (and, while it may read the district, its live state); resolves once the session is known and, if it reads the district, bootstrapped. */
  connect(client: ApiClient): Promise<void>;
  /** Stop following the core (tests; a shell that swaps transports). */
  disconnect(): void;
  /** Bootstrap and follow `live` (the session slice calls it when someone may read the district); resolves once bootstrapped. */
  followLive(): Promise<void>;
  /** Stop following `live`; the store keeps what it holds until the session slice clears it. */
  unfollowLive(): void;
  /** A command to the core as it is (the session's own; operator commands go through `submit`). */
  command: ApiClient['command'];
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
const pause = (attempt: number) => new Promise((r) => setTimeout(r, RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]));

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
  let unsubscribeSession: (() => void) | null = null;
  /** While `live` is followed: its unsubscribe; each follow is a new one, so a bootstrap of an ended follow knows to stop. */
  let following: (() => void) | null = null;
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
    if (!syncing) {
      const run: Promise<void> = bootstrapUntilSettled().finally(() => {
        if (syncing === run) syncing = null; // not a later follow's
      });
      syncing = run;
    }
    return syncing;
  }

  async function bootstrapUntilSettled(): Promise<void> {
    const c = client;
    const follow = following;
    const current = () => c !== null && client === c && follow !== null && following === follow;
    for (let attempt = 0; current(); ) {
      let b: Bootstrap;
      let acted: string[];
      try {
        // Only someone who may act has acted on anything (the mayor's and the wall's sessions may not ask).
        [b, acted] = await Promise.all([c!.query('bootstrap', {}), get().permissions.commands ? actedOn(c!) : []]);
      } catch (err) {
        if (!current()) return;
        set({ error: errorText(err) });
        await pause(attempt++);
        continue;
      }
      if (!current()) return;
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
    permissions: { commands: false, personalData: false, supervise: false },
    operatorId: '',
    link: null,
    actedOn: new Set(),

    async connect(c) {
      get().disconnect();
      client = c;
      clock = setInterval(() => set({ now: Date.now() }), 1000);
      // Followed for the page's lifetime: the core ends the page's session when it stops.
      unsubscribeSession = c.subscribe('session', (s) => void get().applySession(s), (message) => console.error('invalid session state', message));
      for (let attempt = 0; client === c; ) {
        try {
          const s = await c.query('session', {});
          if (client === c) await get().applySession(s);
          return;
        } catch (err) {
          if (client !== c) return;
          set({ error: errorText(err) });
          await pause(attempt++);
        }
      }
    },

    disconnect() {
      get().forgetSession();
      unsubscribeSession?.();
      if (clock) clearInterval(clock);
      client = null;
      unsubscribeSession = null;
      clock = null;
    },

    followLive() {
      const c = connected();
      if (following) return syncing ?? Promise.resolve();
      queued = [];
      following = c.subscribe('live', receive, (message) => {
        console.error('invalid live batch', message);
        get().notify({ kind: 'live_invalid', message });
        void resync(); // a batch was lost: only a fresh bootstrap makes the store whole again
      });
      return resync();
    },

    unfollowLive() {
      following?.();
      following = null;
      queued = null;
      syncing = null;
    },

    command: (name, input) => connected().command(name, input),

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
