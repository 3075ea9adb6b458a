import { describe, expect, it } from 'vitest';
import {
  formatAge,
  formatClockDuration,
  formatClockTime,
  formatCountdown,
  formatDateTime,
  formatDistance,
  formatDuration,
  formatLongDate,
  formatNumber,
  formatTimeOfDay,
  localDigits,
} from '../../renderer/src/i18n/format';

// 20:45:30 UTC on 20 March 2025 is 00:15:30 on Nowruz, 1 Farvardin 1404, in Tehran (UTC+3:30):
// the calendar, the day and the year all roll over, so a wrong zone or calendar shows.
const NOWRUZ = '2025-03-20T20:45:30Z';
const MIN = 60_000;

describe('dates and times in Tehran', () => {
  it('shows the Jalali date with Persian digits', () => {
    expect(formatLongDate(NOWRUZ, 'fa')).toBe('جمعه ۱ فروردین ۱۴۰۴');
    expect(formatDateTime(NOWRUZ, 'fa')).toBe('۱۴۰۴/۰۱/۰۱ ۰۰:۱۵');
    expect(formatClockTime(NOWRUZ, 'fa')).toBe('۰۰:۱۵:۳۰');
    expect(formatTimeOfDay(NOWRUZ, 'fa')).toBe('۰۰:۱۵');
  });

  it('shows the Gregorian date in English, still in Tehran time', () => {
    expect(formatLongDate(NOWRUZ, 'en')).toBe('Friday 21 March 2025');
    expect(formatDateTime(NOWRUZ, 'en')).toBe('21/03/2025 00:15');
    expect(formatClockTime(NOWRUZ, 'en')).toBe('00:15:30');
  });

  it('accepts epoch milliseconds and Date objects alike', () => {
    const ms = Date.parse(NOWRUZ);
    expect(formatClockTime(ms, 'fa')).toBe(formatClockTime(new Date(ms), 'fa'));
  });
});

describe('numbers', () => {
  it('uses Persian digits and separators in Persian', () => {
    expect(formatNumber(12345, 'fa')).toBe('۱۲٬۳۴۵');
    expect(formatNumber(0, 'fa')).toBe('۰');
    expect(formatNumber(12345, 'en')).toBe('12,345');
  });
});

describe('relative ages', () => {
  it('says how long ago in words', () => {
    expect(formatAge(3 * MIN + 20_000, 'fa')).toBe('۳ دقیقه پیش');
    expect(formatAge(3 * MIN, 'en')).toBe('3 min ago');
    expect(formatAge(45_000, 'fa')).toBe('۴۵ ثانیه پیش');
    expect(formatAge(2 * 60 * MIN + 5 * MIN, 'fa')).toBe('۲ ساعت پیش');
    expect(formatAge(50 * 60 * MIN, 'en')).toBe('2 days ago');
  });

  it('treats a clock slightly ahead of the event as zero', () => {
    expect(formatAge(-1500, 'en')).toBe('0 sec ago');
  });
});

describe('durations', () => {
  it('names the two largest units', () => {
    expect(formatDuration(2 * 60 * MIN + 5 * MIN + 9_000, 'fa')).toBe('۲ ساعت و ۵ دقیقه');
    expect(formatDuration(2 * 60 * MIN + 5 * MIN, 'en')).toBe('2h 5m');
    expect(formatDuration(90_000, 'fa')).toBe('۱ دقیقه و ۳۰ ثانیه');
    expect(formatDuration(3 * 60 * MIN, 'en')).toBe('3h');
    expect(formatDuration(0, 'en')).toBe('0s');
  });

  it('ignores the sign', () => {
    expect(formatDuration(-5 * MIN, 'en')).toBe('5m');
  });

  it('shows countdowns as a clock', () => {
    expect(formatClockDuration(5 * MIN + 3_000, 'fa')).toBe('۰۵:۰۳');
    expect(formatClockDuration(-(65 * MIN + 3_000), 'fa')).toBe('۱:۰۵:۰۳');
    expect(formatClockDuration(65 * MIN + 3_000, 'en')).toBe('1:05:03');
    expect(formatClockDuration(999, 'en')).toBe('00:00');
  });

  it('switches countdowns to words beyond a day', () => {
    expect(formatCountdown(23 * 60 * MIN, 'en')).toBe('23:00:00');
    expect(formatCountdown(-(7 * 24 * 60 + 5 * 60) * MIN, 'fa')).toBe('۷ روز و ۵ ساعت');
  });
});

describe('distances', () => {
  it('switches from metres to kilometres', () => {
    expect(formatDistance(0.853, 'fa')).toBe('۸۵۰ متر');
    expect(formatDistance(2.345, 'fa')).toBe('۲٫۳ کیلومتر');
    expect(formatDistance(2.345, 'en')).toBe('2.3 km');
    expect(formatDistance(0.4, 'en')).toBe('400 m');
  });
});

describe('digits in a string', () => {
  it('writes a phone number in Persian digits in Persian and leaves it as is in English', () => {
    expect(localDigits('+98 917 123 4560', 'fa')).toBe('+۹۸ ۹۱۷ ۱۲۳ ۴۵۶۰');
    expect(localDigits('+98 917 123 4560', 'en')).toBe('+98 917 123 4560');
  });

  it('writes tracking codes and the digits inside hub text in Persian digits, Arabic-Indic ones too', () => {
    expect(localDigits('137-0609-000123', 'fa')).toBe('۱۳۷-۰۶۰۹-۰۰۰۱۲۳');
    expect(localDigits('خیابان زند، کوچه 12، پلاک ٤٥', 'fa')).toBe('خیابان زند، کوچه ۱۲، پلاک ۴۵');
    expect(localDigits('0123456789', 'fa')).toBe('۰۱۲۳۴۵۶۷۸۹');
    expect(localDigits('٠١٢٣٤٥٦٧٨٩', 'fa')).toBe('۰۱۲۳۴۵۶۷۸۹');
    expect(localDigits('کوچه ۱۲', 'fa')).toBe('کوچه ۱۲');
    expect(localDigits('Zand St. 12, alley ٤٥', 'en')).toBe('Zand St. 12, alley ٤٥');
  });
});
