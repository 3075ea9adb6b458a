// The simulated life of one district: citizens report (Poisson arrivals), crews drive to jobs
// and report en_route → on_site → resolved, the hub closes part of the resolved work, citizens
// rate or reopen closed requests, crews take breaks. With `operators` on, simulated operators
// also acknowledge, dispatch and close (the burst backlog and the night before a demo day);
// off, that is the console's job and the hub only self-dispatches a share of requests.
// Every change goes through District.change, so it obeys the same rules as operators' commands,
// and the simulation reacts to assignments whoever made them (a console's operator included).
import type { Actor, Crew, CrewStatus, Fix } from '../../common/protocol/hub-protocol';
import type { District } from '../district';
import { isWorking, type StoredEvent } from '../state';
import type { Change } from '../state-machine';
import { FEEDBACK_COMMENTS, NOTES } from '../district6';
import { along, distanceKm, pathLengthKm, randomPoint, route, type Point } from './geo';
import { plausibleRequest, seedRoster } from './generate';
import type { Rng } from './random';
import { Scheduler } from './scheduler';

const MIN = 60_000;
/** Minutes of work on site per category: [min, max]. */
const WORK_MINUTES: Record<string, [number, number]> = {
  pothole: [45, 120], garbage: [15, 40], street_light: [30, 70], fallen_tree: [60, 150], flooding: [45, 120],
  stray_animals: [30, 90], sewage: [45, 120], open_manhole: [20, 45], sidewalk: [60, 180], debris: [40, 90],
  graffiti: [30, 60], dead_animal: [15, 30],
};
const DRIVE_KMH = 28; // city traffic, axis-aligned legs

export interface SimOptions {
  operators: boolean;
  /** Time to stamp on events made at simulated time t (virtual: t itself; live: the wall clock). */
  stamp: (t: number) => string;
  /** Mean minutes between two citizens' reports. */
  arrivalMinutes: number;
}

interface Motion {
  path: Point[];
  start: number; // sim ms
}

export class DistrictSim {
  readonly clock: Scheduler;
  private readonly pos = new Map<string, Point>();
  private readonly motion = new Map<string, Motion>();
  /** Current trip per request: a later assignment makes earlier scheduled steps void. */
  private readonly trips = new Map<string, number>();
  private tripN = 0;
  /** Open requests without a crew, oldest first (Set keeps insertion order). */
  private readonly waiting = new Set<string>();
  /** Recently created requests: candidates a duplicate report points to. */
  private recent: string[] = [];
  private commandN = 0;
  private stopped = false;

  constructor(
    private readonly d: District,
    private readonly r: Rng,
    public opts: SimOptions,
    start: number,
  ) {
    this.clock = new Scheduler(start);
    d.listeners.add(this.onEvents);
  }

  stop(): void {
    this.stopped = true;
    this.d.listeners.delete(this.onEvents);
  }

  /** A fresh district's roster: most crews on duty, a couple on break or off duty. */
  seedRoster(): void {
    seedRoster(this.d, (_c: Crew, i: number) => (i % 7 === 6 ? 'off_duty' : i % 5 === 4 ? 'break' : 'available'), this.stamp());
  }

  /** Start the recurring processes; take over crews already working (a restarted hub). */
  begin(): void {
    for (const c of this.d.state.crews.values()) {
      this.parkAnywhere(c.crew.id);
      this.scheduleBreak(c.crew.id);
    }
    for (const req of this.d.state.requests.values()) {
      if (req.status !== 'closed' && !req.crewId) this.waiting.add(req.request.id);
      if (req.crewId && isWorking(this.d.state.crews.get(req.crewId)?.status ?? 'off_duty')) this.startTrip(req.request.id, req.crewId);
      else if (req.status !== 'closed' && !req.crewId && this.opts.operators) this.clock.after(this.r.exp(10 * MIN), () => this.dispatch(req.request.id, 20));
    }
    for (const c of this.d.state.crews.values()) if (c.status === 'break') this.clock.after(this.r.int(5, 30) * MIN, () => this.crewBack(c.crew.id));
    this.scheduleArrival();
  }

  private stamp(): string {
    return this.opts.stamp(this.clock.now);
  }

  private act(change: Change, actor: Actor, asCommand = false): boolean {
    if (this.stopped) return false;
    const commandId = asCommand ? `sim-${this.d.id}-${++this.commandN}` : undefined;
    return this.d.change(change, actor, { at: this.stamp(), commandId }).ok;
  }

  private operator(): Actor {
    return { kind: 'operator', id: this.r.pick(['op-sim-1', 'op-sim-2']) };
  }

  // ---- citizens ----

  private scheduleArrival() {
    this.clock.after(this.r.exp(this.opts.arrivalMinutes * MIN), () => {
      this.arrive();
      this.scheduleArrival();
    });
  }

  private arrive() {
    const fields = plausibleRequest(this.r, this.stamp());
    const res = this.d.change({ type: 'request.create', data: { request: fields } }, { kind: 'citizen' }, { at: this.stamp() });
    if (!res.ok) return;
    const id = res.events[0].data.request.id as string;
    if (this.opts.operators) {
      this.clock.after(this.r.exp(3 * MIN), () => {
        if (this.d.state.requests.get(id)?.status === 'new') this.act({ type: 'request.acknowledge', data: { id } }, this.operator(), true);
      });
      this.clock.after(this.r.exp(6 * MIN), () => this.dispatch(id, 20));
      this.maybeOperatorExtras(id);
    } else if (this.r.chance(0.3)) {
      // Contractor self-dispatch through the city's system, for part of the requests.
      this.clock.after(this.r.int(3, 8) * MIN, () => this.dispatch(id, 6));
    }
    if (this.r.chance(0.04)) {
      this.clock.after(this.r.int(5, 40) * MIN, () => {
        const req = this.d.state.requests.get(id);
        if (req && req.status !== 'closed' && req.request.priority !== 'urgent') {
          this.act({ type: 'request.update', data: { id, changes: { priority: 'urgent', description: `${req.request.description} — شهروند دوباره تماس گرفت` } } }, { kind: 'citizen' });
        }
      });
    }
  }

  private maybeOperatorExtras(id: string) {
    if (this.r.chance(0.1)) {
      this.clock.after(this.r.exp(15 * MIN), () => this.act({ type: 'request.note', data: { id, note: this.r.pick(NOTES) } }, this.operator(), true));
    }
    const x = this.r.next();
    if (x < 0.03) {
      this.clock.after(this.r.int(2, 10) * MIN, () => this.act({ type: 'request.close', data: { id, resolution: 'invalid', note: 'گزارش نادرست' } }, this.operator(), true));
    } else if (x < 0.05) {
      this.clock.after(this.r.int(2, 10) * MIN, () =>
        this.act({ type: 'request.transfer', data: { id, toDistrictId: this.r.pick(['1', '5', '9']), reason: 'خارج از محدوده منطقه ۶' } }, this.operator(), true));
    } else if (x < 0.08) {
      const other = this.openRequestOtherThan(id);
      if (other) this.clock.after(this.r.int(2, 10) * MIN, () => this.act({ type: 'request.close', data: { id, resolution: 'duplicate', duplicateOf: other } }, this.operator(), true));
    }
  }

  private openRequestOtherThan(id: string): string | undefined {
    return this.recent.findLast((x) => x !== id && this.d.state.requests.get(x)?.status !== 'closed');
  }

  // ---- dispatch and crews ----

  /**
   * Assign the nearest available crew of the request's trade — of any trade once the request has
   * waited an hour; retry while none is free. True when assigned.
   */
  private dispatch(id: string, triesLeft: number): boolean {
    const req = this.d.state.requests.get(id);
    if (!req || req.status === 'closed' || req.crewId) return false;
    const anyTrade = this.clock.now - Date.parse(req.request.receivedAt) > 60 * MIN;
    const at: Point = [req.request.location.lon, req.request.location.lat];
    let best: { id: string; score: number } | undefined;
    for (const c of this.d.state.crews.values()) {
      if (c.status !== 'available' || c.requestId) continue;
      const km = distanceKm(this.pos.get(c.crew.id) ?? at, at);
      const score = km + (c.crew.categories.includes(req.request.category) ? 0 : 50);
      if (!best || score < best.score) best = { id: c.crew.id, score };
    }
    if (best && (best.score < 50 || anyTrade)) {
      const actor: Actor = this.opts.operators ? this.operator() : { kind: 'hub' };
      return this.act({ type: 'request.assign', data: { id, crewId: best.id } }, actor, this.opts.operators);
    }
    if (triesLeft > 0) this.clock.after(this.r.int(5, 15) * MIN, () => this.dispatch(id, triesLeft - 1));
    return false;
  }

  private readonly onEvents = (events: StoredEvent[]) => {
    for (const e of events) {
      switch (e.type) {
        case 'request.created':
          this.waiting.add(e.data.request.id);
          this.recent.push(e.data.request.id);
          if (this.recent.length > 40) this.recent = this.recent.slice(-20);
          break;
        case 'request.assigned':
          this.waiting.delete(e.data.id);
          this.startTrip(e.data.id, e.data.crewId);
          break;
        case 'request.unassigned':
        case 'request.reopened':
          this.waiting.add(e.data.id);
          break;
        case 'request.closed':
          this.waiting.delete(e.data.id);
          if (e.data.resolution === 'resolved') this.afterClose(e.data.id);
          break;
        case 'crew.status_changed':
          if (e.data.status === 'available' && this.opts.operators) this.clock.after(MIN, () => this.dispatchWaiting());
          break;
      }
    }
  };

  /** A crew came free: the oldest waiting request it can take gets it. */
  private dispatchWaiting() {
    let tries = 0;
    for (const id of this.waiting) if (this.dispatch(id, 0) || ++tries >= 30) return;
  }

  /** A crew's trip to a job: each step checks the request is still this crew's job. */
  private startTrip(id: string, crewId: string) {
    const trip = ++this.tripN;
    this.trips.set(id, trip);
    const current = () => {
      const req = this.d.state.requests.get(id);
      return this.trips.get(id) === trip && req && req.status !== 'closed' && req.crewId === crewId ? req : undefined;
    };
    const actor: Actor = { kind: 'crew', id: crewId };
    this.clock.after(this.r.int(2, 8) * MIN, () => {
      const req = current();
      if (!req) return;
      if (req.status === 'assigned') this.act({ type: 'request.set_status', data: { id, status: 'en_route' } }, actor);
      const from = this.whereIs(crewId).at;
      const to: Point = [req.request.location.lon, req.request.location.lat];
      const path = route(from, to);
      this.motion.set(crewId, { path, start: this.clock.now });
      const driveMs = (pathLengthKm(path) / DRIVE_KMH) * 3600_000 + MIN;
      this.clock.after(driveMs, () => {
        this.park(crewId, to);
        const now = current();
        if (!now) return;
        if (now.status === 'assigned' || now.status === 'en_route') this.act({ type: 'request.set_status', data: { id, status: 'on_site' } }, actor);
        const [lo, hi] = WORK_MINUTES[now.request.category] ?? [30, 90];
        this.clock.after(this.r.int(lo, hi) * MIN, () => this.finish(id, crewId, current));
      });
    });
  }

  private finish(id: string, crewId: string, current: () => unknown) {
    if (!current()) return;
    const note = this.r.chance(0.3) ? { note: 'کار انجام شد' } : {};
    if (!this.act({ type: 'request.set_status', data: { id, status: 'resolved', ...note } }, { kind: 'crew', id: crewId })) return;
    // The hub closes part of the resolved work itself (contractor's report accepted); simulated
    // operators close the rest.
    if (this.opts.operators || this.r.chance(0.4)) {
      const actor: Actor = this.opts.operators ? this.operator() : { kind: 'hub' };
      this.clock.after(this.r.int(2, 20) * MIN, () => {
        if (this.d.state.requests.get(id)?.status === 'resolved') this.act({ type: 'request.close', data: { id, resolution: 'resolved' } }, actor, this.opts.operators);
      });
    }
  }

  private afterClose(id: string) {
    const x = this.r.next();
    if (x < 0.04) {
      this.clock.after(this.r.int(30, 120) * MIN, () => {
        if (this.d.state.requests.get(id)?.status === 'closed') this.act({ type: 'request.reopen', data: { id, reason: 'شهروند اعلام کرد مشکل برطرف نشده' } }, { kind: 'citizen' });
        if (this.opts.operators) this.clock.after(this.r.int(5, 20) * MIN, () => this.dispatch(id, 10));
      });
    } else if (x < 0.55) {
      this.clock.after(this.r.int(10, 60) * MIN, () => {
        const rating = this.r.pick([5, 5, 5, 4, 4, 4, 3, 2, 1] as const);
        const comment = this.r.chance(0.4) ? { comment: this.r.pick(FEEDBACK_COMMENTS) } : {};
        this.act({ type: 'request.feedback', data: { id, rating, ...comment } }, { kind: 'citizen' });
      });
    }
  }

  private scheduleBreak(crewId: string) {
    this.clock.after(this.r.int(120, 300) * MIN, () => {
      const c = this.d.state.crews.get(crewId);
      if (c?.status === 'available' && !c.requestId) {
        this.setCrew(crewId, 'break');
        this.clock.after(this.r.int(15, 40) * MIN, () => this.crewBack(crewId));
      }
      this.scheduleBreak(crewId);
    });
  }

  private crewBack(crewId: string) {
    if (this.d.state.crews.get(crewId)?.status === 'break') this.setCrew(crewId, 'available');
  }

  private setCrew(crewId: string, status: CrewStatus) {
    this.act({ type: 'crew.set_status', data: { crewId, status } }, { kind: 'crew', id: crewId });
  }

  // ---- positions ----

  private park(crewId: string, at: Point) {
    this.motion.delete(crewId);
    this.pos.set(crewId, at);
  }

  /** Where a crew is at the current simulated time, and its heading while it drives. */
  private whereIs(crewId: string): { at: Point; heading?: number } {
    const m = this.motion.get(crewId);
    if (!m) return { at: this.pos.get(crewId) ?? this.parkAnywhere(crewId) };
    const step = along(m.path, ((this.clock.now - m.start) / 3600_000) * DRIVE_KMH);
    if (!step.done) return step;
    this.park(crewId, step.at);
    return { at: step.at };
  }

  private parkAnywhere(crewId: string): Point {
    const p = randomPoint(this.r);
    this.pos.set(crewId, p);
    return p;
  }

  /** Current fixes of on-duty crews that `due` selects (the driver staggers them). */
  fixes(due: (crewId: string) => boolean, at: string): Fix[] {
    const out: Fix[] = [];
    for (const c of this.d.state.crews.values()) {
      const id = c.crew.id;
      if (c.status === 'off_duty' || !due(id)) continue;
      const w = this.whereIs(id);
      const [lon, lat] = w.at;
      out.push(w.heading === undefined
        ? { crewId: id, lon, lat, speedKmh: 0, accuracyM: 8, at }
        : { crewId: id, lon, lat, heading: w.heading, speedKmh: DRIVE_KMH, accuracyM: 8, at });
    }
    return out;
  }
}
