// Days as the rooms name them: Jalali (Solar Hijri) calendar days in Asia/Tehran, written
// `1405-09-12` with Latin digits (what the CLIs take and the API carries). Intl's persian calendar
// does the conversion, so no table of leap years is kept here; parsing searches the few days around
// an estimate for the one Intl names that way.
import { DISTRICT_TIME_ZONE, startOfTehranDay } from './tehran-day';

const jalali = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', {
  timeZone: DISTRICT_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const DAY_MS = 86_400_000;
const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The Jalali day (Tehran) containing the instant `at`. */
export function jalaliDayOf(at: number | Date): string {
  const p = Object.fromEntries(jalali.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}

export interface DayBounds {
  /** The day's first instant (00:00 Tehran), UTC ISO. */
  from: string;
  /** The next day's first instant (exclusive), UTC ISO. */
  to: string;
}

/** The instants a Jalali day spans in Tehran; throws on a malformed or non-existent day. */
export function tehranDayBounds(day: string): DayBounds {
  const m = PATTERN.exec(day);
  if (!m) throw new RangeError(`"${day}" is not a Jalali day (YYYY-MM-DD, e.g. 1405-09-12)`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1300 || y > 1500) throw new RangeError(`"${day}" is not a Jalali day`);
  // Farvardin 1 falls on March 20–22; months 1–6 have 31 days, 7–11 have 30.
  const dayOfYear = (mo <= 6 ? (mo - 1) * 31 : 186 + (mo - 7) * 30) + (d - 1);
  const estimate = Date.UTC(y + 621, 2, 21, 12) + dayOfYear * DAY_MS;
  for (const shift of [0, -1, 1, -2, 2, -3, 3]) {
    const noon = estimate + shift * DAY_MS;
    if (jalaliDayOf(noon) === day) {
      const from = startOfTehranDay(noon);
      return { from: new Date(from).toISOString(), to: new Date(startOfTehranDay(from + DAY_MS + 3 * 3600_000)).toISOString() };
    }
  }
  throw new RangeError(`"${day}" is not a day of the Jalali calendar`);
}

/** The day before (or `n` days from) a Jalali day. */
export function addJalaliDays(day: string, n: number): string {
  return jalaliDayOf(Date.parse(tehranDayBounds(day).from) + n * DAY_MS + 12 * 3600_000);
}
