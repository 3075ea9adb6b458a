// 8 — the operator's own request events, indexed for the queue's "only mine" (events.requestsActedOnBy
// repeats this WHERE so SQLite uses it): read at every bootstrap, a scan of the whole log otherwise.
// Partial, so the replay pays an index insert only for operators' request events, not for every event.
export const eventsByOperatorIndex = `
  CREATE INDEX events_by_operator ON events (actor_id, target_id) WHERE actor_kind = 'operator' AND type GLOB 'request.*';
  `;
