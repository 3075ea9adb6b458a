// Slowing down guessing: after FREE_FAILURES consecutive failures for one username, each further
// attempt waits a delay since the last failure that doubles with every failure, up to MAX_DELAY_MS.
// Counted per attempted username (known or not), kept in the database, so a restart resets nothing.

export const FREE_FAILURES = 5;
export const FIRST_DELAY_MS = 1000;
export const MAX_DELAY_MS = 15 * 60_000;

/** How long after the last failure the next attempt is taken, with `failures` in a row so far. */
export function signInDelayMs(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(failures - FREE_FAILURES, 30));
}

/** 0 when an attempt may be made now, else how long until it may. */
export function retryAfterMs(state: { failures: number; lastFailedAt: string | null }, now: Date): number {
  const delay = signInDelayMs(state.failures);
  if (!delay || !state.lastFailedAt) return 0;
  return Math.max(0, Date.parse(state.lastFailedAt) + delay - now.getTime());
}
