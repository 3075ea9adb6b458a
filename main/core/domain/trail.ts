// A crew's trail for today: a bounded ring of thinned fixes. A fix is kept when the crew has
// moved far enough or enough time has passed since the last kept point, which keeps a parked
// crew's jitter out of the trail and bounds memory at several hundred fixes a second.
import CheapRuler from 'cheap-ruler';

export type TrailPoint = [lon: number, lat: number, t: number];

const TRAIL_MIN_METERS = 15;
const TRAIL_MIN_MS = 60_000;
const TRAIL_CAPACITY = 4000;

const ruler = new CheapRuler(29.6, 'meters'); // Shiraz latitude; fine for thinning distances

export class Trail {
  private points: TrailPoint[] = [];
  private start = 0; // ring start once full

  constructor(private readonly capacity = TRAIL_CAPACITY) {}

  add(p: TrailPoint): boolean {
    const last = this.last();
    if (last) {
      if (p[2] <= last[2]) return false;
      const moved = ruler.distance([last[0], last[1]], [p[0], p[1]]);
      if (moved < TRAIL_MIN_METERS && p[2] - last[2] < TRAIL_MIN_MS) return false;
    }
    if (this.points.length < this.capacity) this.points.push(p);
    else {
      this.points[this.start] = p;
      this.start = (this.start + 1) % this.capacity;
    }
    return true;
  }

  last(): TrailPoint | undefined {
    if (!this.points.length) return undefined;
    return this.points[(this.start + this.points.length - 1) % this.points.length];
  }

  /** Points at or after `since` (epoch ms), oldest first. */
  since(since: number): TrailPoint[] {
    const ordered = [...this.points.slice(this.start), ...this.points.slice(0, this.start)];
    return ordered.filter((p) => p[2] >= since);
  }
}
