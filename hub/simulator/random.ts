// Seeded randomness for the simulator: the same seed gives the same day, backlog and flood.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  int(min: number, max: number): number; // inclusive bounds
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  /** Exponential waiting time with the given mean (Poisson arrivals). */
  exp(mean: number): number;
}

/** mulberry32: tiny, fast and good enough for simulation (not for secrets). */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
    exp: (mean) => -Math.log(1 - next()) * mean,
  };
}
