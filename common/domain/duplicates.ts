// Likely duplicates: two citizens reporting the same problem. A request is a likely duplicate of
// an earlier open request of the same category, within DUPLICATE_RADIUS_M, received at most
// DUPLICATE_WINDOW_MS before it, whose description or address reads alike (trigram similarity of
// the normalised texts ≥ SIMILARITY_THRESHOLD). Shared by the core (computed when a request
// arrives) and the walk-in form; docs/duplicates.md says why these figures.
import CheapRuler from 'cheap-ruler';
import type { RequestEvent } from './lifecycle';
import { normaliseText } from './normalise';

export const DUPLICATE_RADIUS_M = 50;
export const DUPLICATE_WINDOW_MS = 72 * 3600_000;
/** Jaccard over padded word trigrams; see docs/duplicates.md for the cases it separates. */
export const SIMILARITY_THRESHOLD = 0.4;

// Punctuation (Latin and Arabic-script: ، ؛ ؟ « » …) separates words like a space does.
const NOT_WORD = /[^\p{L}\p{N}]+/u;

/**
 * The trigrams of the normalised text, word by word, each word padded as "  word " (as
 * PostgreSQL's pg_trgm does): short words still give trigrams, and word starts weigh more than
 * letters inside a word, so a shared prefix ("چاله" / "چاله‌ها") counts.
 */
export function trigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of normaliseText(text).split(NOT_WORD)) {
    if (!word) continue;
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  }
  return out;
}

/** |A ∩ B| / |A ∪ B| of the two sets of trigrams, 0 when either text has none. */
export function trigramSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}

export function textSimilarity(a: string, b: string): number {
  return trigramSimilarity(trigrams(a), trigrams(b));
}

/** What the rule reads of a request. */
export interface DuplicateSubject {
  id: string;
  category: string;
  lon: number;
  lat: number;
  description: string;
  address: string;
  receivedAt: string;
  closedAt: string | null;
}

export interface DuplicateMatch {
  meters: number;
  /** The better of the description's and the address's similarity. */
  similarity: number;
}

/** Order of matches shown: the most alike first, then the nearest. */
export function bestMatchFirst(a: DuplicateMatch, b: DuplicateMatch): number {
  return b.similarity - a.similarity || a.meters - b.meters;
}

/** Whether `a` counts as received before `b` (the original of the two); ties go by id. */
export function receivedBefore(a: Pick<DuplicateSubject, 'id' | 'receivedAt'>, b: Pick<DuplicateSubject, 'id' | 'receivedAt'>): boolean {
  const ta = Date.parse(a.receivedAt);
  const tb = Date.parse(b.receivedAt);
  return ta < tb || (ta === tb && a.id < b.id);
}

/**
 * How `later` matches `original` when it is a likely duplicate of it, else null: both open, same
 * category, `original` received first and at most the window before, within the radius, and
 * description or address similar.
 */
export function duplicateMatch(later: DuplicateSubject, original: DuplicateSubject): DuplicateMatch | null {
  if (later.id === original.id || later.closedAt !== null || original.closedAt !== null) return null;
  if (later.category !== original.category || !receivedBefore(original, later)) return null;
  if (Date.parse(later.receivedAt) - Date.parse(original.receivedAt) > DUPLICATE_WINDOW_MS) return null;
  const meters = new CheapRuler(later.lat, 'meters').distance([later.lon, later.lat], [original.lon, original.lat]);
  if (meters > DUPLICATE_RADIUS_M) return null;
  const similarity = Math.max(textSimilarity(later.description, original.description), textSimilarity(later.address, original.address));
  return similarity >= SIMILARITY_THRESHOLD ? { meters, similarity } : null;
}

/**
 * Whether this event can change what its request is a likely duplicate of, or of what: it
 * arrives, opens again, or its category, place or texts change. (Closing changes nothing stored:
 * readers count only open requests.)
 */
export function changesDuplicates(e: RequestEvent): boolean {
  if (e.type === 'request.created' || e.type === 'request.reopened') return true;
  if (e.type !== 'request.updated') return false;
  const c = e.data.changes;
  return c.category !== undefined || c.location !== undefined || c.description !== undefined || c.address !== undefined;
}

/** What a store must scan for a request's candidates: its category, a time window and a box. */
export interface CandidateArea {
  category: string;
  fromReceivedAt: string;
  toReceivedAt: string;
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

/**
 * The area holding every request `s` may be a duplicate of (received up to the window before it)
 * and, with `later`, every request that may be a duplicate of `s` (up to the window after it).
 */
export function candidateArea(s: Pick<DuplicateSubject, 'category' | 'lon' | 'lat' | 'receivedAt'>, later = false): CandidateArea {
  const t = Date.parse(s.receivedAt);
  // Stored times may differ in fraction digits or say +00:00 for Z, so compared as text they are
  // right to the second only: the bounds are a second wider, and duplicateMatch decides exactly.
  const [minLon, minLat, maxLon, maxLat] = new CheapRuler(s.lat, 'meters').bufferPoint([s.lon, s.lat], DUPLICATE_RADIUS_M);
  return {
    category: s.category,
    fromReceivedAt: new Date(t - DUPLICATE_WINDOW_MS - 1000).toISOString(),
    toReceivedAt: new Date((later ? t + DUPLICATE_WINDOW_MS : t) + 1000).toISOString(),
    minLon,
    minLat,
    maxLon,
    maxLat,
  };
}
