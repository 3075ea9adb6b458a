// What a typed search means and how its hits rank — the same rule for the core's index and any
// other side that searches requests. Text is normalised (./normalise) for the query exactly as for
// the indexed fields; a query made only of digits (and the dashes, spaces, + and brackets people
// type in numbers) is also looked up as a tracking code (./tracking-code) and a phone (./phone).
import { codeDigits, codeMatch, MIN_CODE_DIGITS } from './tracking-code';
import { digitsOf, normaliseText } from './normalise';
import { MIN_PHONE_DIGITS, phoneMatch, phoneQueryDigits, phoneSearchDigits } from './phone';

export const SEARCH_FIELDS = ['code', 'phone', 'address', 'description', 'crew'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/** The normalised fields a request is searched by (code and phone as digits only). */
export interface SearchDoc {
  code: string;
  phone: string;
  address: string;
  description: string;
  crew: string;
}

/** The searched form of a request's fields and its crew's name. */
export function searchDoc(r: { id: string; citizenPhone: string | null; address: string; description: string }, crewName: string | null): SearchDoc {
  return {
    code: codeDigits(r.id),
    phone: r.citizenPhone ? phoneSearchDigits(r.citizenPhone) : '',
    address: normaliseText(r.address),
    description: normaliseText(r.description),
    crew: crewName ? normaliseText(crewName) : '',
  };
}

/** A query with fewer characters than this (spaces aside) finds nothing: one letter is in every address. */
export const MIN_QUERY_CHARS = 2;

export interface SearchQuery {
  /** Normalised words; a text hit holds every one of them, in any of address, description, crew. */
  words: string[];
  /** The digits to look a tracking code up by (a query that is only a number), else null. */
  code: string | null;
  /** The digits to look a phone up by (a query that is only a number), else null. */
  phone: string | null;
}

const NUMBER_ONLY = /^[\d\u06F0-\u06F9\u0660-\u0669\s\-+()\u200C]+$/;

/** What `text` is searched as, or null when it is too short to search. */
export function parseSearchQuery(text: string): SearchQuery | null {
  const normalised = normaliseText(text);
  if (normalised.replace(/ /g, '').length < MIN_QUERY_CHARS) return null;
  const words = normalised.split(' ');
  if (!NUMBER_ONLY.test(text)) return { words, code: null, phone: null };
  const code = digitsOf(text);
  const phone = phoneQueryDigits(text);
  return {
    words,
    code: code.length >= MIN_CODE_DIGITS ? code : null,
    phone: phone.length >= MIN_PHONE_DIGITS ? phone : null,
  };
}

const TEXT_FIELDS = ['address', 'description', 'crew'] as const;

/**
 * The fields of `doc` the query matched, in SEARCH_FIELDS order. The phone counts only for a
 * caller who may see it (`withPhone`); a text field counts when it holds one of the words.
 */
export function matchedFields(doc: SearchDoc, q: SearchQuery, withPhone: boolean): SearchField[] {
  const out: SearchField[] = [];
  if (q.code && codeMatch(doc.code, q.code)) out.push('code');
  if (withPhone && q.phone && phoneMatch(doc.phone, q.phone)) out.push('phone');
  for (const f of TEXT_FIELDS) if (q.words.some((w) => doc[f].includes(w))) out.push(f);
  return out;
}

/** Every word is in one of the text fields (not necessarily the same one). */
function textMatches(doc: SearchDoc, q: SearchQuery): boolean {
  return q.words.every((w) => TEXT_FIELDS.some((f) => doc[f].includes(w)));
}

/** The tier of text hits, ordered among themselves by `textScore`. */
export const TEXT_TIER = 4;

/**
 * Whether `doc` is a hit and how good, best first: 0 its whole tracking code, 1 the code's last
 * digits, 2 the whole phone, 3 the phone's last or first digits, 4 the words in its text (ordered
 * among themselves by `textScore`), 5 digits found inside the code (every code starts
 * "137-", so they say little); null when it is not a hit. A code or phone is one request in
 * thousands, a word is in many. The phone counts only for a caller who may see it.
 */
export function hitTier(doc: SearchDoc, q: SearchQuery, withPhone: boolean): number | null {
  const code = q.code ? codeMatch(doc.code, q.code) : null;
  if (code === 'exact') return 0;
  if (code === 'suffix') return 1;
  const phone = withPhone && q.phone ? phoneMatch(doc.phone, q.phone) : null;
  if (phone === 'exact') return 2;
  if (phone) return 3;
  if (textMatches(doc, q)) return TEXT_TIER;
  return code === 'infix' ? 5 : null;
}

// BM25's term-frequency saturation and length normalisation, with its usual constants; a field
// of AVERAGE_FIELD_CHARS counts as average length (the hub's addresses and descriptions run 30–60).
const K1 = 1.2;
const B = 0.75;
const AVERAGE_FIELD_CHARS = 40;
/** Added when the words stand side by side as typed ("پلاک 12", not "پلاک 7 … 12"). */
const AS_TYPED = 10;
/** Added per word that starts a word of the text ("زند" in "بلوار زند", not in "فرزند"). */
const WORD_START = 0.5;

function occurrences(text: string, w: string): number {
  let n = 0;
  for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + w.length)) n++;
  return n;
}

/**
 * How well a text hit matches, higher first: per word and field, BM25's saturated term frequency
 * over the field's length (short fields that say it more rank first), plus a word-start bonus,
 * plus AS_TYPED when the words appear together as typed. Word weights (BM25's IDF) are left out:
 * every text hit holds every word, and counting each word's matches over the whole history is
 * what made the index's own bm25 cost a pass over all of them (docs/search.md).
 */
export function textScore(doc: SearchDoc, q: SearchQuery): number {
  let score = 0;
  const phrase = q.words.join(' ');
  for (const f of TEXT_FIELDS) {
    const text = doc[f];
    if (!text) continue;
    if (q.words.length > 1 && text.includes(phrase)) score += AS_TYPED;
    const norm = K1 * (1 - B + (B * text.length) / AVERAGE_FIELD_CHARS);
    for (const w of q.words) {
      const tf = occurrences(text, w);
      if (tf === 0) continue;
      score += (tf * (K1 + 1)) / (tf + norm);
      if (text.startsWith(w) || text.includes(` ${w}`)) score += WORD_START;
    }
  }
  return score;
}
