import { describe, expect, it } from 'vitest';
import { addJalaliDays, jalaliDayOf, tehranDayBounds } from '../../common/domain/jalali-day';

describe('Jalali days in Tehran', () => {
  it('names the Tehran day of an instant, not the UTC one', () => {
    // 2026-12-03 21:00 UTC is already 2026-12-04 00:30 in Tehran (UTC+3:30): 13 Azar 1405.
    expect(jalaliDayOf(Date.parse('2026-12-03T20:29:59Z'))).toBe('1405-09-12');
    expect(jalaliDayOf(Date.parse('2026-12-03T20:30:00Z'))).toBe('1405-09-13');
  });

  it('gives a day its Tehran midnight-to-midnight bounds', () => {
    expect(tehranDayBounds('1405-09-12')).toEqual({ from: '2026-12-02T20:30:00.000Z', to: '2026-12-03T20:30:00.000Z' });
    // Nowruz 1405 (1 Farvardin) was 2026-03-21; the last day of 1404 (Esfand 29) the day before.
    expect(tehranDayBounds('1405-01-01').from).toBe('2026-03-20T20:30:00.000Z');
    expect(addJalaliDays('1405-01-01', -1)).toBe('1404-12-29');
    expect(addJalaliDays('1405-09-12', 7)).toBe('1405-09-19');
  });

  it('round-trips every day of two years', () => {
    let day = '1404-01-01';
    for (let i = 0; i < 730; i++) {
      const { from, to } = tehranDayBounds(day);
      expect(jalaliDayOf(Date.parse(from))).toBe(day);
      expect(jalaliDayOf(Date.parse(to) - 1)).toBe(day);
      day = jalaliDayOf(Date.parse(to));
    }
  });

  it('refuses what is not a day', () => {
    for (const bad of ['1405-9-12', '1405-13-01', '1405-07-31', '1404-12-31', 'today', '']) {
      expect(() => tehranDayBounds(bad), bad).toThrow(RangeError);
    }
  });
});
