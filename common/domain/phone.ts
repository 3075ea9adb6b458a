// Iranian mobile numbers as citizens and operators type them: 0912…, +98912…, 98912…, 0098912…,
// with Persian or Latin digits, spaces, dashes or brackets. One canonical form is stored (Latin
// digits, 09XXXXXXXXX) and one key is searched (the ten digits after the country code or 0).
import { digitsOf } from './normalise';

const MOBILE = /^9\d{9}$/;

/** The ten digits 9XXXXXXXXX of a number given in any of the usual forms, or null if none fits. */
function nationalDigits(digits: string): string | null {
  for (const prefix of ['0098', '98', '0', '']) {
    if (digits.startsWith(prefix) && MOBILE.test(digits.slice(prefix.length))) return digits.slice(prefix.length);
  }
  return null;
}

/** Only characters people put in a phone number (digits of any script, +, space, -, brackets). */
const PHONE_CHARS = /^[+\d\u06F0-\u06F9\u0660-\u0669\s\-()\u200C]*$/;

/** The stored form (09XXXXXXXXX, Latin digits) of an Iranian mobile number, or null if `input` is not one. */
export function normaliseMobile(input: string): string | null {
  if (!PHONE_CHARS.test(input)) return null;
  const national = nationalDigits(digitsOf(input));
  return national && `0${national}`;
}

/**
 * The digits a phone is searched by: its ten national digits when it is a mobile number in any
 * form, else all its digits (a landline or a partial number is still found by its digits).
 */
export function phoneSearchDigits(phone: string): string {
  const digits = digitsOf(phone);
  return nationalDigits(digits) ?? digits;
}

/**
 * What a typed (maybe partial) phone number is looked for as, among `phoneSearchDigits` keys: a
 * leading 0098, +98 or 0 of a number starting 9 is dropped, so "0912 12" finds 09121234567.
 * A bare "98…" is left alone: it may be the last digits of a number.
 */
export function phoneQueryDigits(query: string): string {
  const digits = digitsOf(query);
  const national = nationalDigits(digits);
  if (national) return national;
  const plus = query.trim().startsWith('+') && digits.startsWith('98') ? 2 : 0;
  const rest = digits.startsWith('00989') ? digits.slice(4) : digits.slice(plus);
  return rest.startsWith('09') ? rest.slice(1) : rest;
}

/** Fewer digits than this match too many numbers to mean one citizen (issue 10: "its last 4+ digits"). */
export const MIN_PHONE_DIGITS = 4;

export type PhoneMatch = 'exact' | 'end' | 'start';

/**
 * How a typed number (`query`, from `phoneQueryDigits`) fits a stored one (`key`, from
 * `phoneSearchDigits`): the whole number, its last digits, or its first digits ("0912 123…" typed
 * from the start). Digits from the middle are not a match: four of them fit a number in ~1,400.
 */
export function phoneMatch(key: string, query: string): PhoneMatch | null {
  if (query.length < MIN_PHONE_DIGITS || key.length === 0) return null;
  if (key === query) return 'exact';
  if (key.endsWith(query)) return 'end';
  return key.startsWith(query) ? 'start' : null;
}
