// The search index of requests (docs/search.md): one row of normalised fields per request
// (request_search) and SQLite's full-text index over its text (request_fts: FTS5, trigram
// tokenizer, so any 3 characters find the words holding them). Written in the transactions that
// write the requests; its rows are hub-derived, but rather than being staged with a snapshot they
// are rebuilt from the adopted requests (rebuild), in the transaction that adopts them.
//
// The FTS table takes its text from request_search (external content) and is kept in step here,
// not by triggers: a row's old text is deleted from the index before it changes, and the bulk
// paths (rebuild, clear) use FTS5's own 'rebuild' and 'delete-all' instead of row by row. The
// index finds candidates; which are hits, and in what order, is common/domain/search-query's rule.
import type Database from 'better-sqlite3';
import { normaliseText } from '../../../common/domain/normalise';
import { phoneSearchDigits } from '../../../common/domain/phone';
import { hitTier, searchDoc, TEXT_TIER, textScore, type SearchDoc, type SearchQuery } from '../../../common/domain/search-query';
import { codeDigits } from '../../../common/domain/tracking-code';
import type { RequestState } from '../domain/request';
import type { Connection } from './connection';
import { CLOSED_BEFORE } from './requests';

/** The trigram tokenizer cannot match fewer characters than this. */
const TRIGRAM = 3;
/** The newest text matches ranked by relevance (textScore); older ones of a broader query are not considered. */
const TEXT_CANDIDATES = 200;
/** Pages one tidy step may merge: a few milliseconds of work. */
const TIDY_PAGES = 200;

const reversed = (s: string) => s.split('').reverse().join('');

/**
 * The rules of common/domain as SQL functions, for statements that index many requests at once
 * (the migration that builds the index, a rebuild). Registered on every connection that writes.
 */
export function registerSearchFunctions(db: Database.Database): void {
  const fn = (name: string, f: (s: string) => string) => db.function(name, { deterministic: true }, (s: unknown) => f(typeof s === 'string' ? s : ''));
  fn('search_text', normaliseText);
  fn('search_code', codeDigits);
  fn('search_phone', phoneSearchDigits);
  fn('search_reversed', reversed);
}

interface IndexedRow extends SearchDoc {
  rowid: number;
  requestId: string;
  crewId: string | null;
}
const ROW = 'rowid, request_id AS requestId, crew_id AS crewId, code, phone, address, description, crew';
const FTS_COLUMNS = 'code, address, description, crew';
// One row's index entry is written from values: INSERT … SELECT from the content table into its
// own FTS table costs ~8× more per row (measured: 416 vs 50 µs), so SELECT serves only the bulk paths.
const FTS_DELETE_ROW = `INSERT INTO request_fts (request_fts, rowid, ${FTS_COLUMNS}) VALUES ('delete', ?, ?, ?, ?, ?)`;
const FTS_INSERT_ROW = `INSERT INTO request_fts (rowid, ${FTS_COLUMNS}) VALUES (?, ?, ?, ?, ?)`;
const FTS_DELETE = `INSERT INTO request_fts (request_fts, rowid, ${FTS_COLUMNS}) SELECT 'delete', rowid, ${FTS_COLUMNS} FROM request_search`;
const FTS_INSERT = `INSERT INTO request_fts (rowid, ${FTS_COLUMNS}) SELECT rowid, ${FTS_COLUMNS} FROM request_search`;

/** Every request, its crew's name, as the migration of version 6 indexed them (oldest first, so rowid order is arrival order). */
const INDEX_ALL = `INSERT INTO request_search (request_id, crew_id, code, code_rev, phone, phone_rev, address, description, crew)
  SELECT r.id, r.crew_id, search_code(r.id), search_reversed(search_code(r.id)), search_phone(r.citizen_phone),
    search_reversed(search_phone(r.citizen_phone)), search_text(r.address), search_text(r.description), search_text(c.name)
  FROM requests r LEFT JOIN crews c ON c.id = r.crew_id ORDER BY r.received_at, r.id`;

/** A LIKE pattern finding `s` anywhere (escaped with \). */
const containing = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
/** An FTS5 string: the words as one phrase, which the trigram tokenizer finds as a substring. */
const phrase = (s: string) => `"${s.replace(/"/g, '""')}"`;
/** The three text fields as one string, for the LIKE checks of words too short for the index. */
const TEXT = "(s.address || char(10) || s.description || char(10) || s.crew)";

/** One request found, with its searched fields (to tell which of them matched). */
export interface SearchHit {
  requestId: string;
  doc: SearchDoc;
}

export class SearchStore {
  constructor(private readonly c: Connection) {}

  /**
   * Index a request as it is now (call where the request is written, in its transaction). A
   * snapshot's staged requests are not indexed one by one: the whole index is rebuilt when the
   * snapshot is adopted.
   */
  put(r: RequestState): void {
    if (this.c.isStaging) return;
    const crewName = r.crewId ? ((this.c.st('SELECT name FROM crews WHERE id = ?').get(r.crewId) as { name: string } | undefined)?.name ?? null) : null;
    const doc = searchDoc(r, crewName);
    const old = this.c.st(`SELECT ${ROW} FROM request_search WHERE request_id = ?`).get(r.id) as IndexedRow | undefined;
    if (old && old.crewId === r.crewId && sameDoc(old, doc)) return; // most events change only the status
    if (old) this.c.st(FTS_DELETE_ROW).run(old.rowid, old.code, old.address, old.description, old.crew);
    const values = [r.crewId, doc.code, reversed(doc.code), doc.phone, reversed(doc.phone), doc.address, doc.description, doc.crew];
    let rowid: number | bigint;
    if (old) {
      this.c
        .st('UPDATE request_search SET crew_id = ?, code = ?, code_rev = ?, phone = ?, phone_rev = ?, address = ?, description = ?, crew = ? WHERE rowid = ?')
        .run(...values, old.rowid);
      rowid = old.rowid;
    } else {
      rowid = this.c
        .st('INSERT INTO request_search (request_id, crew_id, code, code_rev, phone, phone_rev, address, description, crew) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(r.id, ...values).lastInsertRowid;
    }
    this.c.st(FTS_INSERT_ROW).run(rowid, doc.code, doc.address, doc.description, doc.crew);
  }

  /**
   * A crew is about to be written with `name`: if that is not the name it has (or it is new), the
   * text of every request it holds follows. Call before the crew's row is written.
   */
  crewNamed(crewId: string, name: string): void {
    if (this.c.isStaging) return;
    const stored = this.c.st('SELECT name FROM crews WHERE id = ?').get(crewId) as { name: string } | undefined;
    if (stored?.name === name) return;
    this.c.st(`${FTS_DELETE} WHERE crew_id = ?`).run(crewId);
    this.c.st('UPDATE request_search SET crew = ? WHERE crew_id = ?').run(normaliseText(name), crewId);
    this.c.st(`${FTS_INSERT} WHERE crew_id = ?`).run(crewId);
  }

  /** Index every request again, from scratch (a snapshot was adopted). */
  rebuild(): void {
    this.c.st('DELETE FROM request_search').run();
    this.c.st(INDEX_ALL).run();
    this.c.st("INSERT INTO request_fts (request_fts) VALUES ('rebuild')").run();
  }

  /**
   * Merge the index's segments into one (FTS5 'optimize'). Each write adds a small segment; FTS5
   * merges them only as they pile up, and a query reads every one (docs/search.md: p95 halved
   * after a merge at 100,000 requests). Seconds on a large index: the benchmark's; the core tidies.
   */
  merge(): void {
    this.c.st("INSERT INTO request_fts (request_fts) VALUES ('optimize')").run();
  }

  /** A bounded step of the same merging (FTS5 'merge', TIDY_PAGES pages at most): the core runs one now and then. */
  tidy(): void {
    this.c.st(`INSERT INTO request_fts (request_fts, rank) VALUES ('merge', ${TIDY_PAGES})`).run();
  }

  /**
   * Retention (docs/retention.md): the phone digits of requests closed before `closedBefore` leave
   * their index row, so the erased number no longer finds them (the phone is not in request_fts).
   * Returns the requests whose row still had them.
   */
  erasePersonalData(closedBefore: string): string[] {
    return this.c
      .st(`UPDATE request_search SET phone = '', phone_rev = ''
        WHERE phone != '' AND request_id IN (SELECT id FROM requests WHERE ${CLOSED_BEFORE}) RETURNING request_id`)
      .pluck()
      .all(closedBefore) as string[];
  }

  /** Drop the whole index (the hub-derived state is dropped). */
  clear(): void {
    this.c.st('DELETE FROM request_search').run();
    this.c.st("INSERT INTO request_fts (request_fts) VALUES ('delete-all')").run();
  }

  /**
   * The requests `q` finds, best first (common/domain/search-query's tiers), at most `limit`.
   * Each source below finds candidates cheaply through an index and in its tier's order; every
   * candidate is then checked and ranked by the one pure rule (`hitTier`).
   */
  search(q: SearchQuery, withPhone: boolean, limit: number): SearchHit[] {
    const sources: number[][] = [];
    const rowids = (sql: string, ...args: unknown[]) => (this.c.st(sql).raw().all(...args, limit) as [number][]).map((r) => r[0]);
    // A digit is below ':' in ASCII: [key, key + ':') holds every string starting with key.
    const startingWith = (col: string, key: string) => rowids(`SELECT rowid FROM request_search WHERE ${col} >= ? AND ${col} < ? ORDER BY rowid DESC LIMIT ?`, key, `${key}:`);
    if (q.code) sources.push(startingWith('code_rev', reversed(q.code)));
    if (withPhone && q.phone) sources.push(startingWith('phone_rev', reversed(q.phone)), startingWith('phone', q.phone));
    const long = q.words.filter((w) => [...w].length >= TRIGRAM);
    const short = q.words.filter((w) => [...w].length < TRIGRAM);
    const shortLike = short.map(() => ` AND ${TEXT} LIKE ? ESCAPE '\\'`).join('');
    const shortArgs = short.map(containing);
    if (long.length > 0) {
      // The newest matches only, read newest first until enough are found. Neither ORDER BY rank
      // nor bm25() here: FTS5's bm25 counts every match of each phrase for its weights, so a word
      // in half the addresses cost ~70 ms at 100,000 requests whatever the LIMIT. The candidates
      // are ranked by textScore (common/domain/search-query) below. Words too short for the index
      // are checked row by row, so fewer candidates are read then.
      const text = (words: string[], likes: string, args: string[], candidates: number) => {
        const match = `{address description crew} : (${words.map(phrase).join(' AND ')})`;
        const from = args.length ? 'request_fts f JOIN request_search s ON s.rowid = f.rowid' : 'request_fts f';
        return (this.c.st(`SELECT f.rowid FROM ${from} WHERE request_fts MATCH ?${likes} ORDER BY f.rowid DESC LIMIT ?`).raw().all(match, ...args, candidates) as [number][]).map((r) => r[0]);
      };
      // The words as typed, side by side: when they alone fill the page, the words apart cannot
      // outrank them (textScore puts them first).
      const candidates = Math.max(limit, TEXT_CANDIDATES);
      const together = q.words.length > 1 ? text([q.words.join(' ')], '', [], candidates) : [];
      sources.push(together);
      if (together.length < limit) sources.push(text(long, shortLike, shortArgs, short.length ? limit : candidates));
    } else {
      // Every word is shorter than a trigram: the newest requests holding them, read newest first
      // until `limit` are found (a full scan only when fewer than that exist).
      sources.push(rowids(`SELECT s.rowid FROM request_search s WHERE 1${shortLike} ORDER BY s.rowid DESC LIMIT ?`, ...shortArgs));
    }
    if (q.code) sources.push(rowids('SELECT rowid FROM request_fts WHERE request_fts MATCH ? ORDER BY rowid DESC LIMIT ?', `{code} : ${phrase(q.code)}`));
    return this.ranked(sources, q, withPhone, limit);
  }

  /**
   * The candidates of all sources, each checked, ordered by tier, then (text hits) by textScore,
   * then by their place in the source that found them first (newest first).
   */
  private ranked(sources: number[][], q: SearchQuery, withPhone: boolean, limit: number): SearchHit[] {
    const place = new Map<number, number>();
    for (const list of sources) for (const id of list) if (!place.has(id)) place.set(id, place.size);
    if (place.size === 0) return [];
    const rows = this.c.st(`SELECT ${ROW} FROM request_search WHERE rowid IN (SELECT value FROM json_each(?))`).all(JSON.stringify([...place.keys()])) as IndexedRow[];
    return rows
      .map((row) => ({ row, tier: hitTier(row, q, withPhone), at: place.get(row.rowid)! }))
      .filter((h): h is { row: IndexedRow; tier: number; at: number } => h.tier !== null)
      .map((h) => ({ ...h, score: h.tier === TEXT_TIER ? textScore(h.row, q) : 0 }))
      .sort((a, b) => a.tier - b.tier || b.score - a.score || a.at - b.at)
      .slice(0, limit)
      .map(({ row: { rowid: _r, requestId, crewId: _c, ...doc } }) => ({ requestId, doc }));
  }
}

function sameDoc(a: SearchDoc, b: SearchDoc): boolean {
  return a.code === b.code && a.phone === b.phone && a.address === b.address && a.description === b.description && a.crew === b.crew;
}
