// Retention of citizens' personal data (§7; docs/retention.md): a request closed more than this
// many days ago loses its citizen's name and phone in the console's database.
export const DEFAULT_RETENTION_DAYS = 90;
export const MAX_RETENTION_DAYS = 3650;

const DAY_MS = 24 * 3600_000;

/** The moment (ISO) before which a closed request's personal data is erased. */
export function retentionCutoff(now: Date, days: number): string {
  if (!Number.isInteger(days) || days < 1 || days > MAX_RETENTION_DAYS) {
    throw new Error(`retention days must be a whole number from 1 to ${MAX_RETENTION_DAYS} (got ${String(days)})`);
  }
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}
