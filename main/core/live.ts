// The `live` subscription: changes are collected and flushed as one LiveBatch at most every
// FLUSH_MS, whatever the event rate (a replay of 100,000 events becomes a few dozen batches).
import type { CategoryView, ContractorView, DistrictView, LinkState, LiveBatch, Notice } from '../../common/api/contract';
import type { FixRow } from './db/store';
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
}

type Listener = (b: LiveBatch) => void;

export class LiveFeed {
  private readonly listeners = new Set<Listener>();
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
  private notices: Notice[] = [];

  constructor(
    private readonly src: LiveSources,
    private readonly flushMs = FLUSH_MS,
  ) {}

  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
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

  notice(n: Notice): void {
    this.notices.push(n);
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
    if (!this.listeners.size) return this.clear();
    const batch = this.build();
    this.clear();
    if (this.requests.size) this.schedule();
    for (const l of this.listeners) {
      try {
        l(batch);
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
      notices: this.notices,
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
    this.listeners.clear();
  }
}
