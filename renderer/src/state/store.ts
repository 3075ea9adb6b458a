// The renderer's one store: what the core's `bootstrap` returned, kept current by `live` batches,
// plus the operator's selection, language and a clock. Readable outside React (getState /
// subscribe), so the map can follow it without re-rendering.
import { useMemo, type DependencyList } from 'react';
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type {
  Bootstrap,
  CategoryView,
  ContractorView,
  CrewTrail,
  CrewView,
  DistrictView,
  LinkState,
  LiveBatch,
  RequestDetail,
  RequestView,
} from '../../../common/api/contract';
import { liveBatch } from '../../../common/api/contract';
import { ApiError, type ApiClient, type ApiErrorCode } from '../../../common/api/rpc';
import type { CommandErrorCode, OperatorCommand } from '../../../common/protocol/hub-protocol';
import type { Locale } from '../i18n/format';
import { applyLocaleToDocument, loadLocale, saveLocale } from '../i18n/locale';

export type { Locale };
export type View = 'operator' | 'wall';

/** Something the operator must be told; rendered in the current language by the toasts. */
export type Toast =
  | { key: number; kind: 'command_failed'; type: string; targetId: string | null; code: CommandErrorCode; message: string }
  | { key: number; kind: 'call_failed'; type: string; targetId: string | null; code: ApiErrorCode | 'unknown'; message: string }
  | { key: number; kind: 'live_invalid'; message: string };
type NewToast = Toast extends infer T ? (T extends Toast ? Omit<T, 'key'> : never) : never;

export interface ConsoleState {
  ready: boolean;
  /** Why the core cannot be reached right now (bootstrap failing); null when fine. */
  error: string | null;
  role: 'operator' | 'wall';
  operatorId: string;
  /** What this screen shows: the wall display when the role says so or the URL asks `?view=wall`. */
  view: View;
  district: DistrictView | null;
  categories: Record<string, CategoryView>;
  contractors: Record<string, ContractorView>;
  /**
   * Every request the district holds, by id. A live batch updates this record in place (copying
   * thousands of entries per batch cost more than everything else the batch does), so its identity
   * says nothing, and a `subscribe` listener's `prev.requests` is the current record: select one
   * request by id and compare with what you kept (a changed request is always a new object), or
   * derive from them all with `useRequestsDerived`, which follows `requestsRev`.
   */
  requests: Record<string, RequestView>;
  /** Bumped whenever `requests` changes (a batch that touches it, a bootstrap). */
  requestsRev: number;
  /** crews[id].fix is updated by live fixes. */
  crews: Record<string, CrewView>;
  link: LinkState | null;
  basemap: { url: string } | null;
  selectedRequestId: string | null;
  selectedCrewId: string | null;
  hoveredRequestId: string | null;
  locale: Locale;
  /** Ticks every second, for ages, countdowns and overdue marks. */
  now: number;
  toasts: Toast[];

  selectRequest(id: string | null): void;
  selectCrew(id: string | null): void;
  hoverRequest(id: string | null): void;
  setLocale(l: Locale): void;
  dismissToast(key: number): void;
  /** Queue an operator command; failures become toasts. Resolves to the command id, or null. */
  submit(command: OperatorCommand): Promise<string | null>;
}

let toastKey = 0;
function pushToast(toast: NewToast): void {
  useConsole.setState((s) => ({ toasts: [...s.toasts, { ...toast, key: ++toastKey } as Toast] }));
}

function wallRequested(): boolean {
  return typeof location !== 'undefined' && new URLSearchParams(location.search).get('view') === 'wall';
}

const initialLocale = loadLocale();
applyLocaleToDocument(initialLocale);

export const useConsole: UseBoundStore<StoreApi<ConsoleState>> = create<ConsoleState>()((set, get) => ({
  ready: false,
  error: null,
  role: 'operator',
  operatorId: '',
  view: wallRequested() ? 'wall' : 'operator',
  district: null,
  categories: {},
  contractors: {},
  requests: {},
  requestsRev: 0,
  crews: {},
  link: null,
  basemap: null,
  selectedRequestId: null,
  selectedCrewId: null,
  hoveredRequestId: null,
  locale: initialLocale,
  now: Date.now(),
  toasts: [],

  selectRequest: (id) => set({ selectedRequestId: id && id in get().requests ? id : null }),
  selectCrew: (id) => set({ selectedCrewId: id && id in get().crews ? id : null }),
  hoverRequest: (id) => set({ hoveredRequestId: id }),
  setLocale(locale) {
    saveLocale(locale);
    applyLocaleToDocument(locale);
    set({ locale });
  },
  dismissToast: (key) => set((s) => ({ toasts: s.toasts.filter((t) => t.key !== key) })),
  async submit(command) {
    const targetId = 'id' in command.data ? command.data.id : 'crewId' in command.data ? command.data.crewId : null;
    try {
      if (!client) throw new ApiError('unavailable', 'not connected to the console core');
      const { commandId } = await client.command('submit', command);
      return commandId;
    } catch (err) {
      const code = err instanceof ApiError ? err.code : 'unknown';
      pushToast({ kind: 'call_failed', type: command.type, targetId, code, message: errorText(err) });
      return null;
    }
  },
}));

// ---- live batches ----

const listeners = new Set<(batch: LiveBatch) => void>();

/**
 * Raw live batches, after the store applied them, for consumers that update incrementally (the
 * map). A batch with `reset: true` is delivered after every (re-)bootstrap, including the first:
 * on it, rebuild from `useConsole.getState()`.
 */
export function onLiveBatch(listener: (batch: LiveBatch) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(batch: LiveBatch): void {
  for (const l of listeners) {
    try {
      l(batch);
    } catch (err) {
      console.error('live batch listener failed', err); // one consumer's bug must not stop the others
    }
  }
}


const byKey = <T>(items: T[], key: (t: T) => string): Record<string, T> =>
  Object.fromEntries(items.map((t) => [key(t), t]));

function fromBootstrap(b: Bootstrap, s: ConsoleState): Partial<ConsoleState> {
  const requests = byKey(b.requests, (r) => r.id);
  const crews = byKey(b.crews, (c) => c.id);
  return {
    ready: true,
    error: null,
    role: b.role,
    operatorId: b.operatorId,
    view: b.role === 'wall' || wallRequested() ? 'wall' : 'operator',
    district: b.district,
    categories: byKey(b.categories, (c) => c.code),
    contractors: byKey(b.contractors, (c) => c.id),
    requests,
    requestsRev: s.requestsRev + 1,
    crews,
    link: b.link,
    basemap: b.basemap,
    selectedRequestId: s.selectedRequestId && s.selectedRequestId in requests ? s.selectedRequestId : null,
    selectedCrewId: s.selectedCrewId && s.selectedCrewId in crews ? s.selectedCrewId : null,
  };
}

const laterThan = (a: string, b: string) => Date.parse(a) > Date.parse(b);

/**
 * The store's change for one batch: `s.requests` is updated in place (see `requests`), everything
 * else comes back as a patch. `guardStale` is for batches that queued up while a bootstrap ran:
 * they may predate it, so a request view older than the one held is skipped.
 */
export function applyBatch(s: ConsoleState, b: LiveBatch, guardStale: boolean): Partial<ConsoleState> {
  const patch: Partial<ConsoleState> = {};
  if (b.requests.length || b.removedRequestIds.length) {
    const requests = s.requests;
    for (const r of b.requests) {
      const held = requests[r.id];
      if (guardStale && held && laterThan(held.updatedAt, r.updatedAt)) continue;
      requests[r.id] = r;
    }
    for (const id of b.removedRequestIds) delete requests[id];
    patch.requestsRev = s.requestsRev + 1;
    if (s.selectedRequestId && !(s.selectedRequestId in requests)) patch.selectedRequestId = null;
    if (s.hoveredRequestId && !(s.hoveredRequestId in requests)) patch.hoveredRequestId = null;
  }
  if (b.crews.length || b.removedCrewIds.length || b.fixes.length) {
    const crews = { ...s.crews };
    for (const c of b.crews) crews[c.id] = c;
    for (const id of b.removedCrewIds) delete crews[id];
    for (const f of b.fixes) {
      const crew = crews[f.crewId];
      if (!crew || (crew.fix && laterThan(crew.fix.at, f.at))) continue;
      crews[f.crewId] = { ...crew, fix: f };
    }
    patch.crews = crews;
    if (s.selectedCrewId && !(s.selectedCrewId in crews)) patch.selectedCrewId = null;
  }
  if (b.district) patch.district = b.district;
  if (b.categories) patch.categories = byKey(b.categories, (c) => c.code);
  if (b.contractors) patch.contractors = byKey(b.contractors, (c) => c.id);
  if (b.link) patch.link = b.link;
  return patch;
}

/**
 * Something derived from all requests (a queue, counts), recomputed when they change or `deps` do.
 * Selecting `s.requests` itself would not re-render: batches update it in place.
 */
export function useRequestsDerived<T>(derive: (requests: Readonly<Record<string, RequestView>>) => T, deps: DependencyList): T {
  const requests = useConsole((s) => s.requests);
  const rev = useConsole((s) => s.requestsRev);
  // `derive` is written inline: a new function every render, so not a dependency.
  return useMemo(() => derive(requests), [requests, rev, ...deps]);
}

function toastNotices(b: LiveBatch): void {
  for (const n of b.notices) {
    if (n.kind === 'command_failed') {
      pushToast({ kind: 'command_failed', type: n.type, targetId: n.targetId, code: n.code, message: n.message });
    }
  }
}

// ---- connection to the core ----

let client: ApiClient | null = null;
let unsubscribe: (() => void) | null = null;
let clock: ReturnType<typeof setInterval> | null = null;
/** Non-null while a bootstrap runs: live batches wait here until it is applied. */
let queued: LiveBatch[] | null = null;
let syncing: Promise<void> | null = null;

const RETRY_MS = [500, 1000, 2000, 5000, 10_000];

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Bootstrap, subscribe to `live`, and re-bootstrap whenever a batch says `reset`. */
export async function connectStore(c: ApiClient): Promise<void> {
  disconnectStore();
  client = c;
  clock = setInterval(() => useConsole.setState({ now: Date.now() }), 1000);
  queued = [];
  unsubscribe = c.subscribe('live', receive, (message) => {
    console.error('invalid live batch', message);
    pushToast({ kind: 'live_invalid', message });
    void resync(); // a batch was lost: only a fresh bootstrap makes the store whole again
  });
  await resync();
}

/** Stop following the core (tests; a shell that swaps transports). */
export function disconnectStore(): void {
  unsubscribe?.();
  if (clock) clearInterval(clock);
  client = null;
  unsubscribe = null;
  clock = null;
  queued = null;
  syncing = null;
}

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
  useConsole.setState((s) => applyBatch(s, batch, false));
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
    try {
      b = await c.query('bootstrap', {});
    } catch (err) {
      if (client !== c) return;
      useConsole.setState({ error: errorText(err) });
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
    useConsole.setState((s) => {
      let next = { ...s, ...fromBootstrap(b, s) };
      for (const w of waiting) next = { ...next, ...applyBatch(next, w, true) };
      return next;
    });
    emit(liveBatch({ reset: true }));
    return;
  }
}

// ---- queries the panels make ----

function connected(): ApiClient {
  if (!client) throw new ApiError('unavailable', 'not connected to the console core');
  return client;
}

export function fetchRequestDetail(id: string): Promise<RequestDetail> {
  return connected().query('requestDetail', { id });
}

export function fetchCrewTrail(crewId: string): Promise<CrewTrail> {
  return connected().query('crewTrail', { crewId });
}
