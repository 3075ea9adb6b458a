// One normalisation for what is indexed and what is typed, so a Persian typist finds a request
// however the hub, the citizen or the operator's keyboard spelled it: Arabic letter forms become
// their Persian ones, marks that do not change the word go, the joiners and spaces are one space,
// every digit is a Latin digit, and Latin letters are folded to lower case.

const LETTERS: Readonly<Record<string, string>> = {
  '\u064A': '\u06CC', // Arabic yeh ي → Persian yeh ی
  '\u0649': '\u06CC', // alef maksura ى → ی
  '\u0643': '\u06A9', // Arabic kaf ك → keheh ک
  '\u0629': '\u0647', // teh marbuta ة → heh ه
  '\u0623': '\u0627', // alef with hamza above أ → ا
  '\u0625': '\u0627', // alef with hamza below إ → ا
  '\u0671': '\u0627', // alef wasla ٱ → ا
  '\u0624': '\u0648', // waw with hamza ؤ → و
};

// Tatweel, the harakat (fathatan … sukun and the rarer marks up to U+065F), superscript alef.
const DROPPED = /[\u0640\u064B-\u065F\u0670]/g;
// Zero-width non-joiner and joiner count as a space; runs of any of them are one.
const SPACES = /[\s\u200C\u200D]+/g;
const FOLDED = /[\u064A\u0649\u0643\u0629\u0623\u0625\u0671\u0624\u06F0-\u06F9\u0660-\u0669]/g;

function fold(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0); // Persian ۰–۹
  if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660); // Arabic-Indic ٠–٩
  return LETTERS[ch];
}

export function normaliseText(s: string): string {
  return s.replace(DROPPED, '').replace(FOLDED, fold).replace(SPACES, ' ').trim().toLowerCase();
}

/** Only the digits of `s`, as Latin digits (Persian and Arabic-Indic ones included). */
export function digitsOf(s: string): string {
  return normaliseText(s).replace(/\D/g, '');
}
