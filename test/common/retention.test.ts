// The retention cutoff: `days` whole days before now, and only a sensible number of days.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION_DAYS, retentionCutoff } from '../../common/domain/retention';

describe('retention cutoff', () => {
  const now = new Date('2026-12-03T12:00:00.000Z');
  it('is that many days of 24 h before now', () => {
    expect(DEFAULT_RETENTION_DAYS).toBe(90);
    expect(retentionCutoff(now, 90)).toBe('2026-09-04T12:00:00.000Z');
    expect(retentionCutoff(now, 1)).toBe('2026-12-02T12:00:00.000Z');
    expect(retentionCutoff(now, 3650)).toBe('2016-12-05T12:00:00.000Z');
  });
  it.each([0, -1, 3651, 1.5, Number.NaN, Infinity])('refuses %s days with a clear error', (days) => {
    expect(() => retentionCutoff(now, days)).toThrow(/retention days must be a whole number from 1 to 3650/);
  });
});
