// 4 — the log indexed only where it is read by target: a request's timeline. Crew, contractor
// and district events (a third of a busy day's log) no longer pay an index insert each.
export const eventsByRequestIndex = `
  DROP INDEX events_by_target;
  CREATE INDEX events_by_request ON events (target_id) WHERE type GLOB 'request.*';
  `;
