// 3 — latest GPS fix per crew (volatile, flushed periodically).
export const crewPositionsTable = `
  CREATE TABLE crew_positions (
    crew_id TEXT PRIMARY KEY,
    lon REAL NOT NULL,
    lat REAL NOT NULL,
    heading REAL,
    speed_kmh REAL,
    accuracy_m REAL,
    at TEXT NOT NULL
  );
  `;
