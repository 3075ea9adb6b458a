// A discrete-event scheduler on simulated time (ms since epoch). The same simulation runs against
// a virtual clock (burst backlog, the night before a demo day) or paced by the wall clock (day).

interface Job {
  t: number;
  n: number; // insertion order: equal times run first-in first-out, for determinism
  run: () => void;
}

export class Scheduler {
  private heap: Job[] = [];
  private n = 0;

  constructor(public now: number) {}

  at(t: number, run: () => void): void {
    this.push({ t: Math.max(t, this.now), n: this.n++, run });
  }

  after(ms: number, run: () => void): void {
    this.at(this.now + ms, run);
  }

  /** Run due jobs up to time t (the clock ends at t), or until `stop` says so. */
  runUntil(t: number, stop: () => boolean = () => false): void {
    while (this.heap.length > 0 && this.heap[0].t <= t && !stop()) {
      const job = this.pop();
      this.now = job.t;
      job.run();
    }
    if (!stop()) this.now = Math.max(this.now, t);
  }

  private push(job: Job) {
    const h = this.heap;
    h.push(job);
    for (let i = h.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (!before(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  private pop(): Job {
    const h = this.heap;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l], h[m])) m = l;
        if (r < h.length && before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}

const before = (a: Job, b: Job) => a.t < b.t || (a.t === b.t && a.n < b.n);
