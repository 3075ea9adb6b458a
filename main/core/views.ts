// Contract views of the local state: hub-derived rows with the optimistic effect of the
// commands still in the outbox laid on top (in outbox order).
import { PROVISIONAL_PREFIX, type CrewView, type DuplicateCandidate, type FixView, type RequestView } from '../../common/api/contract';
import { bestMatchFirst, type DuplicateSubject } from '../../common/domain/duplicates';
import { OperatorCommand, type Category } from '../../common/protocol/hub-protocol';
import type { FixRow, OriginalMatch, OutboxRow, Store } from './db/store';
import type { CrewState } from './domain/crew';
import { applyCommandToCrew, applyCommandToRequest, type PendingCommand } from './domain/optimistic';
import type { RequestState } from './domain/request';
import { StatusClock } from './status-clock';

function pendingCommandOf(row: OutboxRow): PendingCommand | null {
  const cmd = OperatorCommand.safeParse({ type: row.type, data: row.data });
  return cmd.success ? { commandId: row.commandId, issuedAt: row.issuedAt, command: cmd.data as OperatorCommand } : null;
}

export function toFixView(f: FixRow): FixView {
  return { crewId: f.crewId, lon: f.lon, lat: f.lat, heading: f.heading, speedKmh: f.speedKmh, at: f.at };
}

export function toRequestView(s: RequestState, pendingCommands: number, duplicates: number): RequestView {
  const { citizenName: _n, citizenPhone: _p, ...rest } = s;
  return { ...rest, pendingCommands, duplicates };
}

const isProvisional = (id: string) => id.startsWith(PROVISIONAL_PREFIX);

/** What one read of many requests shares: overlays, pending counts, categories, states met. */
type Context = ReturnType<Views['context']>;

export class Views {
  private readonly clock: StatusClock;

  constructor(
    private readonly store: Store,
    private readonly fixOf: (crewId: string) => FixRow | null,
  ) {
    this.clock = new StatusClock(store.events);
  }

  private categoryLookup(): (code: string) => Category | undefined {
    const byCode = new Map(this.store.reference.categories().map((c) => [c.code, c]));
    return (code) => byCode.get(code);
  }

  private overlayRequest(base: RequestState | null, rows: OutboxRow[], cat: (code: string) => Category | undefined) {
    let s = base;
    for (const row of rows) {
      const p = pendingCommandOf(row);
      if (p) s = applyCommandToRequest(s, p, cat);
    }
    return s;
  }

  /** A request as the operator sees it (optimistic effects included), or null if none. */
  requestState(id: string): RequestState | null {
    const base = isProvisional(id) ? null : this.store.requests.get(id);
    return this.overlayRequest(base, this.store.outbox.overlays(id), this.categoryLookup());
  }

  /** A request's state in this read (overlays on), read once. */
  private stateIn(ctx: Context, id: string): RequestState | null {
    let s = ctx.states.get(id);
    if (s === undefined) {
      const base = isProvisional(id) ? null : this.store.requests.get(id);
      ctx.states.set(id, (s = this.overlayRequest(base, ctx.overlays.get(id) ?? [], ctx.category)));
    }
    return s;
  }

  /**
   * The open likely originals of each of these states, as the operator sees them: an original
   * closed by a command still in the outbox no longer counts. Stored pairs for the hub's requests;
   * a provisional request (not at the hub yet) is matched now.
   */
  private originalsOf(ctx: Context, states: readonly RequestState[]): Map<string, OriginalMatch[]> {
    const out = new Map<string, OriginalMatch[]>();
    const open = states.filter((s) => s.closedAt === null);
    for (const p of this.store.duplicates.originalsOf(open.filter((s) => !isProvisional(s.id)).map((s) => s.id))) {
      const list = out.get(p.duplicateId) ?? [];
      list.push({ id: p.originalId, meters: p.meters, similarity: p.similarity });
      out.set(p.duplicateId, list);
    }
    for (const s of open) if (isProvisional(s.id)) out.set(s.id, this.store.duplicates.originalsFor(s));
    for (const [id, list] of out) out.set(id, list.filter((m) => this.stateIn(ctx, m.id)?.closedAt === null));
    return out;
  }

  private viewsOf(ctx: Context, states: readonly RequestState[]): RequestView[] {
    const originals = this.originalsOf(ctx, states);
    return states.map((s) => toRequestView(s, ctx.pending.get(s.id) ?? 0, originals.get(s.id)?.length ?? 0));
  }

  private candidates(ctx: Context, matches: readonly OriginalMatch[]): DuplicateCandidate[] {
    const states = matches.map((m) => this.stateIn(ctx, m.id)!);
    const views = this.viewsOf(ctx, states);
    return matches.map((m, i) => ({ request: views[i], meters: m.meters, similarity: m.similarity }));
  }

  /** A request's view and the open requests it is a likely duplicate of, best match first. */
  withOriginals(s: RequestState): { view: RequestView; originals: DuplicateCandidate[] } {
    const ctx = this.context();
    ctx.states.set(s.id, s);
    const matches = this.originalsOf(ctx, [s]).get(s.id) ?? [];
    return { view: toRequestView(s, ctx.pending.get(s.id) ?? 0, matches.length), originals: this.candidates(ctx, [...matches].sort(bestMatchFirst)) };
  }

  /** The open requests a request not yet created would be a likely duplicate of. */
  originalsForNew(s: Omit<DuplicateSubject, 'id' | 'closedAt'>): DuplicateCandidate[] {
    const ctx = this.context();
    const matches = this.store.duplicates.originalsFor({ ...s, id: '', closedAt: null });
    return this.candidates(ctx, matches.filter((m) => this.stateIn(ctx, m.id)?.closedAt === null));
  }

  /**
   * Views of many requests at once (a live batch): overlays, pending counts and categories are
   * read once for the lot. With them, the open requests naming one of them as a likely original:
   * its status is part of their badge. Ids with no request (a provisional one made real) come
   * back in `gone`.
   */
  requestsByIds(ids: Iterable<string>): { views: RequestView[]; gone: string[] } {
    const ctx = this.context();
    const wanted = new Set(ids);
    for (const id of this.store.duplicates.duplicatesOf([...wanted])) wanted.add(id);
    const states: RequestState[] = [];
    const gone: string[] = [];
    for (const id of wanted) {
      const s = this.stateIn(ctx, id);
      if (s) states.push(s);
      else gone.push(id);
    }
    return { views: this.viewsOf(ctx, states), gone };
  }

  /** Open requests and those closed since `closedSince`, plus requests being created. */
  requests(closedSince: string): RequestView[] {
    const ctx = this.context();
    for (const base of this.store.requests.openOrClosedSince(closedSince)) {
      ctx.states.set(base.id, this.overlayRequest(base, ctx.overlays.get(base.id) ?? [], ctx.category));
    }
    for (const id of ctx.overlays.keys()) this.stateIn(ctx, id);
    const shown = [...ctx.states.values()].filter((s): s is RequestState => s !== null && (s.closedAt === null || s.closedAt >= closedSince));
    return this.viewsOf(ctx, shown);
  }

  private context() {
    return {
      overlays: groupOverlays(this.store.outbox.overlays(), 'request'),
      pending: this.store.outbox.pendingByTarget(),
      category: this.categoryLookup(),
      states: new Map<string, RequestState | null>(),
    };
  }

  /** A crew with its pending status changes on top: its status since the command that set it. */
  private crewView(s: CrewState, rows: OutboxRow[]): CrewView {
    let c: CrewState | null = s;
    let statusSince = this.clock.since(s.id, s.status);
    for (const row of rows) {
      const p = pendingCommandOf(row);
      if (!p) continue;
      const next = applyCommandToCrew(c, p);
      if (next && c && next.status !== c.status) statusSince = p.issuedAt;
      c = next;
    }
    const fix = this.fixOf(s.id);
    const { phone: _phone, ...rest } = c ?? s;
    return { ...rest, statusSince, fix: fix && toFixView(fix) };
  }

  crew(id: string): CrewView | null {
    const s = this.store.crews.get(id);
    if (!s) return null;
    this.clock.catchUp();
    return this.crewView(s, this.store.outbox.overlays(id).filter((r) => r.targetKind === 'crew'));
  }

  crews(): CrewView[] {
    const byTarget = groupOverlays(this.store.outbox.overlays(), 'crew');
    this.clock.catchUp();
    return this.store.crews.all().map((s) => this.crewView(s, byTarget.get(s.id) ?? []));
  }
}

function groupOverlays(rows: OutboxRow[], kind: OutboxRow['targetKind']): Map<string, OutboxRow[]> {
  const m = new Map<string, OutboxRow[]>();
  for (const r of rows) {
    if (r.targetKind !== kind) continue;
    const list = m.get(r.targetId);
    if (list) list.push(r);
    else m.set(r.targetId, [r]);
  }
  return m;
}
