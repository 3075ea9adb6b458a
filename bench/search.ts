// Search over a whole local history (issue 10): 100,000 requests in a real SQLite file, written
// through the data layer as the replicator writes them (so indexed as in the core), then 200
// queries of 3–12 characters — tracking codes and their last digits, phone digits, address and
// description fragments, some typed with Arabic letters or Persian digits — timed through the
// handler's own code path (main/core/search.ts), and the same queries as a full scan (LIKE
// '%…%' over the normalised columns, every row read). Goal: p95 ≤ 30 ms and ≥ 10× faster than
// the scan. Prints figures; asserts nothing.
//   npx tsx bench/search.ts [--requests 100000] [--queries 200]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { digitsOf, normaliseText } from '../common/domain/normalise';
import { phoneQueryDigits } from '../common/domain/phone';
import type { Priority } from '../common/protocol/hub-protocol';
import { CREWS, NOTES } from '../hub/district6';
import { plausibleRequest } from '../hub/simulator/generate';
import { rng, type Rng } from '../hub/simulator/random';
import { Store } from '../main/core/db/store';
import type { RequestState } from '../main/core/domain/request';
import { searchRequests } from '../main/core/search';
import { Views } from '../main/core/views';
import { machine, numberFlag } from './lib/hub-process';

const REQUESTS = numberFlag('requests', 100_000);
const QUERIES = numberFlag('queries', 200);
const DAY_MS = 86_400_000;

const persianDigits = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
const arabicLetters = (s: string) => s.replace(/ی/g, 'ي').replace(/ک/g, 'ك');

/** A request of the last year: the simulator's content, a plate number, a note now and then, a crew mostly. */
function requestAt(r: Rng, i: number): RequestState {
  const receivedAt = new Date(Date.UTC(2025, 11, 1) + (i / REQUESTS) * 365 * DAY_MS).toISOString();
  const f = plausibleRequest(r, receivedAt);
  const month = 1 + Math.floor((i / REQUESTS) * 12);
  const plate = String(r.int(1, 480));
  const closed = i < REQUESTS * 0.98;
  return {
    id: `137-06${String(month).padStart(2, '0')}-${String(i + 1).padStart(6, '0')}`,
    category: f.category,
    priority: f.priority as Priority,
    status: closed ? 'closed' : 'new',
    description: r.chance(0.3) ? `${f.description}. ${r.pick(NOTES)}` : f.description,
    address: `${f.address}، پلاک ${r.chance(0.5) ? persianDigits(plate) : plate}`,
    lon: f.location.lon,
    lat: f.location.lat,
    channel: f.channel,
    receivedAt,
    ackDueAt: receivedAt,
    resolveDueAt: receivedAt,
    acknowledgedAt: null,
    crewId: r.chance(0.7) ? r.pick(CREWS).id : null,
    closedAt: closed ? receivedAt : null,
    resolution: closed ? 'resolved' : null,
    rating: null,
    updatedAt: receivedAt,
    citizenName: f.citizen.name ?? null,
    citizenPhone: f.citizen.phone ?? null,
  };
}

/** 3–12 characters of `s` starting anywhere, trimmed; '' when that leaves fewer than 3. */
function fragment(r: Rng, s: string): string {
  const len = r.int(3, 12);
  const at = r.int(0, Math.max(0, s.length - len));
  const f = s.slice(at, at + len).trim();
  return f.length >= 3 ? f : '';
}

function queriesOf(r: Rng, sample: RequestState[]): string[] {
  const out: string[] = [];
  while (out.length < QUERIES) {
    const q = r.pick(sample);
    const kind = out.length % 5;
    let text = '';
    if (kind === 0) text = digitsOf(q.id).slice(-r.int(4, 12)); // a code's last digits, up to nearly all of it
    else if (kind === 1 && q.citizenPhone) text = r.chance(0.5) ? q.citizenPhone.slice(-r.int(4, 7)) : q.citizenPhone.slice(0, r.int(7, 11));
    else if (kind === 2 || kind === 3) text = fragment(r, q.address);
    else if (kind === 4) text = fragment(r, q.description);
    if (!text) continue;
    if (r.chance(0.25)) text = persianDigits(arabicLetters(text));
    out.push(text);
  }
  return out;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (n: number) => `${n.toFixed(2)} ms`;

/** The same query as a full scan: every row read, LIKE '%…%' over the normalised columns. */
function fullScan(store: Store, text: string): number {
  const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const t = like(normaliseText(text));
  const d = digitsOf(text);
  const code = d ? like(d) : null;
  const phone = d ? like(phoneQueryDigits(text)) : null;
  return (
    store.db
      .prepare(
        `SELECT request_id FROM request_search WHERE code LIKE ? ESCAPE '\\' OR phone LIKE ? ESCAPE '\\' OR address LIKE ? ESCAPE '\\'
           OR description LIKE ? ESCAPE '\\' OR crew LIKE ? ESCAPE '\\'`,
      )
      .all(code, phone, t, t, t) as unknown[]
  ).length;
}

console.log(`search benchmark — ${machine()}, ${new Date().toISOString()}`);
const dir = mkdtempSync(join(tmpdir(), 'c137-bench-search-'));
try {
  const store = Store.open(join(dir, 'console137.db'));
  const r = rng(7);
  let t = performance.now();
  store.tx(() => {
    for (const c of CREWS) store.crews.put({ id: c.id, name: c.name, contractorId: c.contractorId, categories: c.categories, vehicle: c.vehicle ?? null, phone: null, status: 'available' });
  });
  const sample: RequestState[] = [];
  const BATCH = 2_000;
  for (let i = 0; i < REQUESTS; i += BATCH) {
    store.refetchableTx(() => {
      for (let j = i; j < Math.min(REQUESTS, i + BATCH); j++) {
        const req = requestAt(r, j);
        store.requests.put(req);
        if (j % 97 === 0) sample.push(req);
      }
    });
  }
  const writeMs = performance.now() - t;
  console.log(`${REQUESTS.toLocaleString('en-US')} requests written and indexed in ${(writeMs / 1000).toFixed(1)} s (${((writeMs * 1000) / REQUESTS).toFixed(0)} µs per request)`);
  store.checkpoint('TRUNCATE');

  const queries = queriesOf(r, sample);
  const views = new Views(store, () => null);
  // Warm both paths once (statement cache, page cache) so neither pays the first read alone.
  for (const q of queries.slice(0, 10)) {
    searchRequests(store, views, q, true);
    fullScan(store, q);
  }
  /** Every query through the index and as a scan; prints the figures under `title`. */
  const measure = (title: string) => {
    const indexed: number[] = [];
    const scanned: number[] = [];
    const byQuery: [string, number][] = [];
    let hits = 0;
    let empty = 0;
    for (const q of queries) {
      t = performance.now();
      const n = searchRequests(store, views, q, true).hits.length;
      indexed.push(performance.now() - t);
      byQuery.push([q, indexed[indexed.length - 1]]);
      hits += n;
      if (n === 0) empty++;
      t = performance.now();
      fullScan(store, q);
      scanned.push(performance.now() - t);
    }
    indexed.sort((a, b) => a - b);
    scanned.sort((a, b) => a - b);
    const [i50, i95, s50, s95] = [percentile(indexed, 50), percentile(indexed, 95), percentile(scanned, 50), percentile(scanned, 95)];
    console.log(`-- ${title} (load average ${machine().split('load average ')[1]})`);
    console.log(`${queries.length} queries of 3–12 characters (e.g. ${queries.slice(0, 6).map((q) => JSON.stringify(q)).join(', ')}); ${hits} hits shown (limit 50), ${empty} with none`);
    console.log(`index (the handler's path): p50 ${ms(i50)}, p95 ${ms(i95)}, max ${ms(indexed[indexed.length - 1])}`);
    console.log(`full scan (LIKE):           p50 ${ms(s50)}, p95 ${ms(s95)}, max ${ms(scanned[scanned.length - 1])}`);
    console.log(`index vs scan: ${(s50 / i50).toFixed(1)}× faster at p50, ${(s95 / i95).toFixed(1)}× at p95 (goal: p95 ≤ 30 ms, ≥ 10×)`);
    const slowest = byQuery.sort((a, b) => b[1] - a[1]).slice(0, 8);
    console.log(`slowest through the index: ${slowest.map(([q, t]) => `${JSON.stringify(q)} ${ms(t)}`).join(', ')}`);
  };
  const segments = () => (store.db.prepare('SELECT count(*) AS n FROM request_fts_idx').get() as { n: number }).n;
  measure(`the index as ${REQUESTS.toLocaleString('en-US')} single writes left it (${segments()} index rows)`);
  t = performance.now();
  store.tx(() => store.search.merge());
  console.log(`FTS5 merge of the whole index: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  measure(`after the merge (${segments()} index rows)`);
  const two = ['آب', 'گل', '۱۲', 'زن'];
  const shortMs = two.map((q) => {
    const t0 = performance.now();
    searchRequests(store, views, q, true);
    return performance.now() - t0;
  });
  console.log(`two-character queries (no trigram; newest first by LIKE): ${two.map((q, i) => `${q} ${ms(shortMs[i])}`).join(', ')}`);
  console.log(`load average now: ${machine().split('load average ')[1]}`);
  store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
