// Contract views of the local state: hub-derived rows with the optimistic effect of the
// commands still in the outbox laid on top (in outbox order).
import { PROVISIONAL_PREFIX, type CrewView, type FixView, type RequestView } from '../../common/api/contract';
import { OperatorCommand, type Category } from '../../common/protocol/hub-protocol';
import type { FixRow, OutboxRow, Store } from './db/store';
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

export function toRequestView(s: RequestState, pendingCommands: number): RequestView {
  const { citizenName: _n, citizenPhone: _p, ...rest } = s;
  return { ...rest, pendingCommands };
}

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
    const base = id.startsWith(PROVISIONAL_PREFIX) ? null : this.store.requests.get(id);
    return this.overlayRequest(base, this.store.outbox.overlays(id), this.categoryLookup());
  }

  /**
   * Views of many requests at once (a live batch): overlays, pending counts and categories are
   * read once for the lot. Ids with no request (a provisional one made real) come back in `gone`.
   */
  requestsByIds(ids: Iterable<string>): { views: RequestView[]; gone: string[] } {
    const ctx = this.context();
    const views: RequestView[] = [];
    const gone: string[] = [];
    for (const id of ids) {
      const base = id.startsWith(PROVISIONAL_PREFIX) ? null : this.store.requests.get(id);
      const s = this.overlayRequest(base, ctx.overlays.get(id) ?? [], ctx.category);
      if (s) views.push(toRequestView(s, ctx.pending.get(id) ?? 0));
      else gone.push(id);
    }
    return { views, gone };
  }

  /** Open requests and those closed since `closedSince`, plus requests being created. */
  requests(closedSince: string): RequestView[] {
    const ctx = this.context();
    const out: RequestView[] = [];
    const seen = new Set<string>();
    const add = (id: string, s: RequestState | null) => {
      seen.add(id);
      if (s && (s.closedAt === null || s.closedAt >= closedSince)) out.push(toRequestView(s, ctx.pending.get(id) ?? 0));
    };
    for (const base of this.store.requests.openOrClosedSince(closedSince)) add(base.id, this.overlayRequest(base, ctx.overlays.get(base.id) ?? [], ctx.category));
    for (const [id, rows] of ctx.overlays) {
      if (seen.has(id)) continue;
      const base = id.startsWith(PROVISIONAL_PREFIX) ? null : this.store.requests.get(id);
      add(id, this.overlayRequest(base, rows, ctx.category));
    }
    return out;
  }

  private context() {
    return {
      overlays: groupOverlays(this.store.outbox.overlays(), 'request'),
      pending: this.store.outbox.pendingByTarget(),
      category: this.categoryLookup(),
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
