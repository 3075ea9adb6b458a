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

/**
 * Whether `doc` is a hit and how good, best first: 0 its whole tracking code, 1 the code's last
 * digits, 2 the whole phone, 3 the phone's last or first digits, 4 the words in its text (where
 * the text index's relevance, bm25, orders), 5 digits found inside the code (every code starts
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
  if (textMatches(doc, q)) return 4;
  return code === 'infix' ? 5 : null;
}
