// 7 — likely duplicates (common/domain/duplicates): the pairs found when a request arrives, and
// an index for the lookup of its candidates — open requests of one category in a band of
// latitude (a 100 m band is a few percent of the district), the rest of the box and the time
// window checked on the index entry. Partial, so the closed history (most rows) costs neither
// space nor an index write. The pairs need the trigram rule, which is not SQL: the mark below
// has the data layer build them once for the requests already here (db/duplicates.ts).
export const duplicatesTable = `
  CREATE TABLE duplicates (
    duplicate_id TEXT NOT NULL,
    original_id TEXT NOT NULL,
    meters REAL NOT NULL,
    similarity REAL NOT NULL,
    PRIMARY KEY (duplicate_id, original_id)
  ) WITHOUT ROWID;
  CREATE INDEX duplicates_by_original ON duplicates (original_id);
  CREATE INDEX requests_open_by_place ON requests (category, lat, lon, received_at) WHERE closed_at IS NULL;
  INSERT INTO meta (key, value) VALUES ('duplicatesToBuild', '1');
  `;
