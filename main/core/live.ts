// The `live` subscription: changes are collected and flushed as one LiveBatch at most every
// FLUSH_MS, whatever the event rate (a replay of 100,000 events becomes a few dozen batches).
// The batch is the same for every subscriber but for its notices, which go where the policy says.
import type { Caller } from '../../common/api/rpc';
import type { CategoryView, ContractorView, DistrictView, LinkState, LiveBatch, Notice, Role } from '../../common/api/contract';
import type { FixRow } from './db/store';
import { readsLive, seesNotice } from './policy';
import { toFixView, type Views } from './views';

const FLUSH_MS = 150;
/** Requests per batch at most; the rest follow in the next flush, so no flush blocks for long. */
export const MAX_REQUESTS_PER_BATCH = 500;

export interface LiveSources {
  views: Views;
  district(): DistrictView | null;
  categories(): CategoryView[];
  contractors(): ContractorView[];
  link(): LinkState;
  /** The role a subscriber's session acts as now: a locked or signed-out screen receives nothing. */
  roleOf(caller: Caller): Role;
}

type Listener = (b: LiveBatch) => void;
interface Subscriber {
  listener: Listener;
  caller: Caller;
}
/** A notice and the session that issued its command (null: none here). */
interface OwnedNotice {
  notice: Notice;
  issuedBy: string | null;
}

export class LiveFeed {
  private readonly subscribers = new Set<Subscriber>();
  private timer: NodeJS.Timeout | null = null;
  private reset = false;
  private requests = new Set<string>();
  private carry = new Set<string>(); // requests left for the next batch
  private crews = new Set<string>();
  private removedCrews = new Set<string>();
  private fixes = new Map<string, FixRow>();
  private district = false;
  private categories = false;
  private contractors = false;
  private link = false;
  private notices: OwnedNotice[] = [];

  constructor(
    private readonly src: LiveSources,
    private readonly flushMs = FLUSH_MS,
  ) {}

  subscribe(listener: Listener, caller: Caller): () => void {
    const s = { listener, caller };
    this.subscribers.add(s);
    return () => this.subscribers.delete(s);
  }

  touchRequests(ids: Iterable<string>): void {
    for (const id of ids) this.requests.add(id);
    this.schedule();
  }

  touchCrews(ids: Iterable<string>): void {
    for (const id of ids) {
      this.crews.add(id);
      this.removedCrews.delete(id);
    }
    this.schedule();
  }

  removeCrews(ids: Iterable<string>): void {
    for (const id of ids) {
      this.crews.delete(id);
      this.fixes.delete(id);
      this.removedCrews.add(id);
    }
    this.schedule();
  }

  addFixes(rows: Iterable<FixRow>): void {
    for (const f of rows) this.fixes.set(f.crewId, f);
    this.schedule();
  }

  touchDistrict(): void {
    this.district = this.categories = true;
    this.schedule();
  }

  touchContractors(): void {
    this.contractors = true;
    this.schedule();
  }

  touchLink(): void {
    this.link = true;
    this.schedule();
  }

  /** Tell how a command went; `issuedBy` is the session that sent it, if any here did. */
  notice(notice: Notice, issuedBy: string | null): void {
    this.notices.push({ notice, issuedBy });
    this.schedule();
  }

  /** Hub-derived state was replaced: the renderer re-bootstraps, item deltas are moot. */
  resetAll(): void {
    this.reset = true;
    this.requests.clear();
    this.crews.clear();
    this.removedCrews.clear();
    this.fixes.clear();
    this.district = this.categories = this.contractors = false;
    this.link = true;
    this.schedule();
  }

  private schedule(): void {
    if (!this.timer) this.timer = setTimeout(() => this.flush(), this.flushMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.subscribers.size) return this.clear();
    const batch = this.build();
    const notices = this.notices;
    this.clear();
    if (this.requests.size) this.schedule();
    // A notice whose session has gone (its window closed, its page reloaded) is no one's: all see it.
    const sessions = new Set([...this.subscribers].map((s) => s.caller.session));
    const owner = (n: OwnedNotice) => (n.issuedBy !== null && sessions.has(n.issuedBy) ? n.issuedBy : null);
    for (const { listener, caller } of this.subscribers) {
      const role = this.src.roleOf(caller);
      if (!readsLive(role)) continue;
      const own = notices.filter((n) => seesNotice(role, caller.session, owner(n))).map((n) => n.notice);
      try {
        listener(own.length ? { ...batch, notices: own } : batch);
      } catch {
        // one broken listener (a closed window) must not starve the others
      }
    }
  }

  private build(): LiveBatch {
    const ids = [...this.requests];
    const { views: requests, gone: removedRequestIds } = this.src.views.requestsByIds(ids.slice(0, MAX_REQUESTS_PER_BATCH));
    this.carry = new Set(ids.slice(MAX_REQUESTS_PER_BATCH));
    const crews = [];
    const removedCrewIds = [...this.removedCrews];
    for (const id of this.crews) {
      const v = this.src.views.crew(id);
      if (v) crews.push(v);
      else removedCrewIds.push(id);
    }
    return {
      reset: this.reset,
      requests,
      removedRequestIds,
      crews,
      removedCrewIds,
      fixes: [...this.fixes.values()].map(toFixView),
      district: this.district ? this.src.district() : null,
      categories: this.categories ? this.src.categories() : null,
      contractors: this.contractors ? this.src.contractors() : null,
      link: this.link ? this.src.link() : null,
      notices: [],
    };
  }

  private clear(): void {
    this.reset = false;
    this.requests = this.carry;
    this.carry = new Set();
    this.crews = new Set();
    this.removedCrews = new Set();
    this.fixes = new Map();
    this.district = this.categories = this.contractors = this.link = false;
    this.notices = [];
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.subscribers.clear();
  }
}
