// Crews (hub-derived) and their latest GPS fix (ours: volatile, flushed periodically, latest wins).
import type { CrewState } from '../domain/crew';
import type { Connection } from './connection';
import type { SearchStore } from './search';
import { json, Table } from './table';

export interface FixRow {
  crewId: string;
  lon: number;
  lat: number;
  heading: number | null;
  speedKmh: number | null;
  accuracyM: number | null;
  at: string;
}

const CREWS = new Table<CrewState>('crews', {
  id: 'id',
  name: 'name',
  contractorId: 'contractor_id',
  categories: json('categories'),
  vehicle: 'vehicle',
  phone: 'phone',
  status: 'status',
});
const CREW_BY_ID = `${CREWS.select} WHERE id = ?`;

const FIXES = new Table<FixRow>('crew_positions', {
  crewId: 'crew_id',
  lon: 'lon',
  lat: 'lat',
  heading: 'heading',
  speedKmh: 'speed_kmh',
  accuracyM: 'accuracy_m',
  at: 'at',
});
// Fixes are written once a second, not per event: binding them by name costs nothing that matters.
const FIX_UPSERT = `INSERT INTO crew_positions (${FIXES.columns.join(', ')}) VALUES (${FIXES.fields.map((f) => `@${f}`).join(', ')})
  ON CONFLICT (crew_id) DO UPDATE SET lon = excluded.lon, lat = excluded.lat, heading = excluded.heading,
    speed_kmh = excluded.speed_kmh, accuracy_m = excluded.accuracy_m, at = excluded.at
  WHERE julianday(excluded.at) >= julianday(crew_positions.at)`;

export class CrewStore {
  constructor(
    private readonly c: Connection,
    private readonly search: SearchStore,
  ) {}

  get(id: string): CrewState | null {
    return CREWS.one(this.c.st(CREW_BY_ID).get(id));
  }

  has(id: string): boolean {
    return this.c.st('SELECT 1 FROM crews WHERE id = ?').get(id) !== undefined;
  }

  all(): CrewState[] {
    return CREWS.all(this.c.st(`${CREWS.select} ORDER BY id`).all());
  }

  /** Write a crew; a new name reaches the search text of its requests too (read before the write). */
  put(s: CrewState): void {
    this.search.crewNamed(s.id, s.name);
    this.c.st(CREWS.replace).run(s.id, s.name, s.contractorId, JSON.stringify(s.categories), s.vehicle, s.phone, s.status);
  }

  delete(id: string): void {
    this.c.st('DELETE FROM crews WHERE id = ?').run(id);
    if (!this.c.isStaging) this.c.st('DELETE FROM crew_positions WHERE crew_id = ?').run(id);
  }

  positions(): FixRow[] {
    return FIXES.all(this.c.st(`${FIXES.select} ORDER BY crew_id`).all()); // once, at start-up
  }

  /** Store fixes latest-wins by `at` (an older fix never overwrites a newer one). */
  putPositions(fixes: Iterable<FixRow>): void {
    const up = this.c.st(FIX_UPSERT);
    this.c.tx(() => {
      for (const f of fixes) up.run(f);
    });
  }

  /** Forget the stored fixes of these crews (fixes that turned out to be impossible). */
  dropPositions(crewIds: Iterable<string>): void {
    const del = this.c.st('DELETE FROM crew_positions WHERE crew_id = ?');
    this.c.tx(() => {
      for (const id of crewIds) del.run(id);
    });
  }

  /** The running total of fixes refused as impossible (dated after the hub's clock). */
  rejectedFixes(): number {
    const row = this.c.st("SELECT value FROM meta WHERE key = 'rejectedFixes'").get() as { value: string } | undefined;
    return Number(row?.value ?? 0);
  }

  /** Add to that total; returns the new total. */
  addRejectedFixes(n: number): number {
    this.c
      .st("INSERT INTO meta (key, value) VALUES ('rejectedFixes', ?) ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + excluded.value")
      .run(n);
    return this.rejectedFixes();
  }

  /** Positions of crews that no longer exist are dropped (after a snapshot). */
  prunePositions(): void {
    this.c.st('DELETE FROM crew_positions WHERE crew_id NOT IN (SELECT id FROM crews)').run();
  }
}
