// Locale-aware formatting on the platform's Intl only: Jalali calendar and Persian digits in
// Persian, Gregorian in English, always in Tehran time (the rooms work in it whatever the
// machine's zone). Built from formatToParts so the layout does not drift between ICU versions.
import { DISTRICT_TIME_ZONE } from '../../../common/domain/tehran-day';
import type { Locale } from '../../../common/i18n';

export type { Locale };

const DATE_LOCALE: Record<Locale, string> = { fa: 'fa-IR-u-ca-persian-nu-arabext', en: 'en-GB' };
const NUMBER_LOCALE: Record<Locale, string> = { fa: 'fa-IR', en: 'en-GB' };

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key);
  if (!f) cache.set(key, (f = make()));
  return f as T;
}

function dateParts(t: Date | string | number, locale: Locale, opts: Intl.DateTimeFormatOptions) {
  const f = cached(`d|${locale}|${JSON.stringify(opts)}`, () =>
    new Intl.DateTimeFormat(DATE_LOCALE[locale], { timeZone: DISTRICT_TIME_ZONE, hourCycle: 'h23', ...opts }),
  );
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const p of f.formatToParts(toDate(t))) parts[p.type] = p.value;
  return parts;
}

function toDate(t: Date | string | number): Date {
  return t instanceof Date ? t : new Date(t);
}

/** Wall-clock time of day, "۰۰:۱۵:۳۰" / "00:15:30". */
export function formatClockTime(t: Date | string | number, locale: Locale): string {
  const p = dateParts(t, locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return `${p.hour}:${p.minute}:${p.second}`;
}

/** Time of day without seconds, "۱۱:۴۵". */
export function formatTimeOfDay(t: Date | string | number, locale: Locale): string {
  const p = dateParts(t, locale, { hour: '2-digit', minute: '2-digit' });
  return `${p.hour}:${p.minute}`;
}

/** Long date with weekday: "جمعه ۱ فروردین ۱۴۰۴" / "Friday 21 March 2025". */
export function formatLongDate(t: Date | string | number, locale: Locale): string {
  const p = dateParts(t, locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
}

/** Compact date and time for tables and details: "۱۴۰۴/۰۱/۰۱ ۰۰:۱۵" / "21/03/2025 00:15". */
export function formatDateTime(t: Date | string | number, locale: Locale): string {
  const p = dateParts(t, locale, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  const date = locale === 'fa' ? `${p.year}/${p.month}/${p.day}` : `${p.day}/${p.month}/${p.year}`;
  return `${date} ${p.hour}:${p.minute}`;
}

export function formatNumber(n: number, locale: Locale, fractionDigits = 0): string {
  return cached(`n|${locale}|${fractionDigits}`, () =>
    new Intl.NumberFormat(NUMBER_LOCALE[locale], { maximumFractionDigits: fractionDigits }),
  ).format(n);
}

function twoDigits(n: number, locale: Locale): string {
  return cached(`2|${locale}`, () =>
    new Intl.NumberFormat(NUMBER_LOCALE[locale], { minimumIntegerDigits: 2, useGrouping: false }),
  ).format(n);
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long ago, from a non-negative age in ms: "۳ دقیقه پیش" / "3 min ago" (short: it fills table cells). */
export function formatAge(ageMs: number, locale: Locale): string {
  const rtf = cached(`r|${locale}`, () =>
    new Intl.RelativeTimeFormat(NUMBER_LOCALE[locale], { numeric: 'always', style: locale === 'fa' ? 'long' : 'short' }),
  );
  const age = Math.max(0, ageMs);
  if (age < MINUTE) return rtf.format(-Math.floor(age / SECOND), 'second');
  if (age < HOUR) return rtf.format(-Math.floor(age / MINUTE), 'minute');
  if (age < DAY) return rtf.format(-Math.floor(age / HOUR), 'hour');
  return rtf.format(-Math.floor(age / DAY), 'day');
}

function unit(n: number, u: 'day' | 'hour' | 'minute' | 'second', locale: Locale): string {
  return cached(`u|${locale}|${u}`, () =>
    new Intl.NumberFormat(NUMBER_LOCALE[locale], { style: 'unit', unit: u, unitDisplay: locale === 'fa' ? 'long' : 'narrow' }),
  ).format(n);
}

/** A span in words, its two largest units: "۲ ساعت و ۵ دقیقه" / "2h 5m". */
export function formatDuration(ms: number, locale: Locale): string {
  const total = Math.floor(Math.abs(ms) / SECOND);
  const parts: Array<[number, 'day' | 'hour' | 'minute' | 'second']> = [
    [Math.floor(total / 86400), 'day'],
    [Math.floor(total / 3600) % 24, 'hour'],
    [Math.floor(total / 60) % 60, 'minute'],
    [total % 60, 'second'],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  if (first < 0) return unit(0, 'second', locale);
  const shown = parts.slice(first, first + 2).filter(([n]) => n > 0).map(([n, u]) => unit(n, u, locale));
  return shown.join(locale === 'fa' ? ' و ' : ' ');
}

/** A countdown, sign dropped: as a clock under a day ("۱:۰۵:۰۳", "۰۵:۰۳"), in words beyond. */
export function formatCountdown(ms: number, locale: Locale): string {
  return Math.abs(ms) < DAY ? formatClockDuration(ms, locale) : formatDuration(ms, locale);
}

/** A span as a clock, sign dropped: "۱:۰۵:۰۳", "۰۵:۰۳" — for countdowns that change every second. */
export function formatClockDuration(ms: number, locale: Locale): string {
  const total = Math.floor(Math.abs(ms) / SECOND);
  const h = Math.floor(total / 3600);
  const m = Math.floor(total / 60) % 60;
  const s = total % 60;
  const mmss = `${twoDigits(m, locale)}:${twoDigits(s, locale)}`;
  return h > 0 ? `${formatNumber(h, locale)}:${mmss}` : mmss;
}

/** Straight-line distance: "۸۵۰ متر", "۲٫۳ کیلومتر" / "850 m", "2.3 km". */
export function formatDistance(km: number, locale: Locale): string {
  if (km < 1) return formatMeters(Math.round(km * 100) * 10, locale);
  const display = locale === 'fa' ? 'long' : 'short';
  return cached(`km|${locale}`, () =>
    new Intl.NumberFormat(NUMBER_LOCALE[locale], { style: 'unit', unit: 'kilometer', unitDisplay: display, maximumFractionDigits: 1 }),
  ).format(km);
}

/** A short distance to the metre: "۲۰ متر" / "20 m". */
export function formatMeters(m: number, locale: Locale): string {
  return cached(`m|${locale}`, () =>
    new Intl.NumberFormat(NUMBER_LOCALE[locale], { style: 'unit', unit: 'meter', unitDisplay: locale === 'fa' ? 'long' : 'short' }),
  ).format(Math.round(m));
}

/**
 * Digits inside text from the hub or the citizen (tracking codes, addresses, descriptions, phone
 * numbers) in Persian digits when the console speaks Persian: Latin 0–9 and Arabic-Indic ٠–٩
 * (U+0660…) become ۰–۹ (U+06F0…). In English the text is shown as it was written. Search
 * normalises every kind of digit, so a code shown this way is still found by its Latin digits.
 */
export function localDigits(text: string, locale: Locale): string {
  if (locale !== 'fa') return text;
  return text.replace(/[0-9\u0660-\u0669]/g, (d) => {
    const c = d.charCodeAt(0);
    return String.fromCharCode(0x06f0 + (c >= 0x0660 ? c - 0x0660 : c - 0x30));
  });
}

/**
 * A value set apart from the sentence around it, in whatever direction it runs (U+2068 … U+2069,
 * what <bdi> does): a Latin operator id or an English name inside a Persian sentence built as text.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}
