// Reconnect schedule (§6): 1 s doubling to 30 s, with ±20 % jitter so a room full of consoles
// does not reconnect in lock-step after a hub restart.
const BACKOFF_FIRST_MS = 1000;
const BACKOFF_MAX_MS = 30_000;

/** Delay before retry number `attempt` (0 = first retry). */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.min(attempt, 16));
  return Math.min(BACKOFF_MAX_MS, Math.round(base * (0.8 + 0.4 * random())));
}
