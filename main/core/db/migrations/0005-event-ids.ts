// 5 — every event id the log holds, for the check that a new event's id is not taken (§3:
// "globally unique event id"). A table of its own, filled in batches (db/events.ts), rather than
// a unique index on the log, which would cost the replay a random B-tree insert per event. A log
// written before ids were checked may already hold an id twice: each later copy is moved to
// rejected_events (with the seq of the first, its columns as the raw event) and counted, as a
// rejected event is today; its effect on requests and crews was applied back then and stays
// until the next snapshot restates them.
export const eventIdsTable = `
  CREATE TEMP TABLE reused_ids AS
    SELECT e.rowid AS rowid, f.seq AS first_seq FROM events e
    JOIN (SELECT id, min(rowid) AS first FROM events GROUP BY id HAVING count(*) > 1) d ON d.id = e.id
    JOIN events f ON f.rowid = d.first
    WHERE e.rowid > d.first;
  INSERT INTO rejected_events (seq, received_at, reason, raw)
    SELECT e.seq, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'event id already used by seq ' || r.first_seq || ' (found on upgrade)',
      substr(json_object('seq', e.seq, 'id', e.id, 'type', e.type, 'at', e.at, 'actor', json_object('kind', e.actor_kind, 'id', e.actor_id),
        'commandId', e.command_id, 'data', json(e.data)), 1, 4096)
    FROM reused_ids r JOIN events e ON e.rowid = r.rowid ORDER BY e.rowid;
  INSERT INTO meta (key, value) SELECT 'rejectedEvents', count(*) FROM reused_ids WHERE true HAVING count(*) > 0
    ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + excluded.value;
  DELETE FROM events WHERE rowid IN (SELECT rowid FROM reused_ids);
  DROP TABLE temp.reused_ids;
  CREATE TABLE event_ids (id TEXT PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID;
  INSERT INTO event_ids (id, seq) SELECT id, seq FROM events;
  INSERT INTO meta (key, value) SELECT 'eventIdsUpTo', max(rowid) FROM events WHERE true HAVING count(*) > 0;
  `;
