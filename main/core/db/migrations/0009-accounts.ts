// 9 — the console's own people: accounts (the username is also the id the hub's log names), the
// failed sign-ins per attempted username (the throttle survives restarts), and the wall display's
// lasting tokens, kept only as SHA-256 hashes.
export const accountsTables = `
  CREATE TABLE accounts (
    username TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('operator', 'supervisor', 'mayor')),
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    disabled_at TEXT
  ) WITHOUT ROWID;
  CREATE TABLE sign_in_failures (
    username TEXT PRIMARY KEY CHECK (length(username) <= 64),
    failures INTEGER NOT NULL,
    last_failed_at TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE wall_tokens (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  ) WITHOUT ROWID;
  `;
