// 6 — the search index of requests (db/search.ts, docs/search.md): their normalised fields, one
// row each (code and phone as digits, and reversed so that "the last digits" is an index range),
// and an FTS5 trigram index over the text. The tokenizer folds nothing (case_sensitive 1):
// common/domain/normalise is the one rule, applied before anything is indexed or looked up. The
// requests already held are indexed here, through the rules registered as SQL functions
// (db/search.ts registerSearchFunctions).
export const requestSearchTables = `
  CREATE TABLE request_search (
    rowid INTEGER PRIMARY KEY,
    request_id TEXT NOT NULL UNIQUE,
    crew_id TEXT,
    code TEXT NOT NULL,
    code_rev TEXT NOT NULL,
    phone TEXT NOT NULL,
    phone_rev TEXT NOT NULL,
    address TEXT NOT NULL,
    description TEXT NOT NULL,
    crew TEXT NOT NULL
  );
  CREATE INDEX request_search_by_code_rev ON request_search (code_rev);
  CREATE INDEX request_search_by_phone ON request_search (phone);
  CREATE INDEX request_search_by_phone_rev ON request_search (phone_rev);
  CREATE INDEX request_search_by_crew ON request_search (crew_id);
  CREATE VIRTUAL TABLE request_fts USING fts5 (
    code, address, description, crew,
    content = 'request_search', content_rowid = 'rowid', tokenize = 'trigram case_sensitive 1'
  );
  INSERT INTO request_search (request_id, crew_id, code, code_rev, phone, phone_rev, address, description, crew)
    SELECT r.id, r.crew_id, search_code(r.id), search_reversed(search_code(r.id)), search_phone(r.citizen_phone),
      search_reversed(search_phone(r.citizen_phone)), search_text(r.address), search_text(r.description), search_text(c.name)
    FROM requests r LEFT JOIN crews c ON c.id = r.crew_id ORDER BY r.received_at, r.id;
  INSERT INTO request_fts (request_fts) VALUES ('rebuild');
  `;
