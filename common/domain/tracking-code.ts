// Tracking codes as citizens read them out ("137-0611-004512") and operators type them: with or
// without the dashes, in Persian or Latin digits, in full or only the last digits. A code is
// compared by its digits alone; the last digits (the running number) rank above digits found
// elsewhere in it, since the first ones (137, the district and month) are shared by thousands.
import { digitsOf } from './normalise';

/** Fewer digits than this say too little to look a code up by (every code starts "137"). */
export const MIN_CODE_DIGITS = 3;

export type CodeMatch = 'exact' | 'suffix' | 'infix';

/** The digits a code is compared by: "137-0611-004512" → "1370611004512". */
export function codeDigits(code: string): string {
  return digitsOf(code);
}

/** How the digits typed (`query`, already `digitsOf`) fit a code's digits, or null when they do not. */
export function codeMatch(code: string, query: string): CodeMatch | null {
  if (query.length < MIN_CODE_DIGITS || code.length === 0) return null;
  if (code === query) return 'exact';
  if (code.endsWith(query)) return 'suffix';
  return code.includes(query) ? 'infix' : null;
}
