// The synthesised alert sounds: their lengths, that no two sound alike, that none clips or clicks,
// and that the same input always gives the same samples.
import { describe, expect, it } from 'vitest';
import { durationMs, SOUND_KINDS, synthesize, type SoundKind } from '../../renderer/src/alerts/tones';

const RATES = [44_100, 48_000];

/** Per 10 ms frame: loudness (RMS) and zero crossings, a coarse picture of rhythm and pitch. */
function fingerprint(s: Float32Array, rate: number): Array<[number, number]> {
  const frame = Math.round(rate / 100);
  const out: Array<[number, number]> = [];
  for (let i = 0; i < s.length; i += frame) {
    let sum = 0;
    let crossings = 0;
    for (let j = i; j < Math.min(s.length, i + frame); j++) {
      sum += s[j] * s[j];
      if (j > i && Math.sign(s[j]) !== Math.sign(s[j - 1])) crossings++;
    }
    out.push([Math.sqrt(sum / frame), crossings]);
  }
  return out;
}

/** Mean difference of two fingerprints frame by frame (the shorter one padded with silence), loudness and pitch each scaled to 0–1. */
function difference(a: Array<[number, number]>, b: Array<[number, number]>): number {
  const n = Math.max(a.length, b.length);
  const maxCross = Math.max(...a.map((f) => f[1]), ...b.map((f) => f[1]));
  let d = 0;
  for (let i = 0; i < n; i++) {
    const [ra, ca] = a[i] ?? [0, 0];
    const [rb, cb] = b[i] ?? [0, 0];
    d += Math.abs(ra - rb) + Math.abs(ca - cb) / maxCross;
  }
  return d / n;
}

const rms = (s: Float32Array) => Math.sqrt(s.reduce((sum, x) => sum + x * x, 0) / s.length);

describe('alert tones', () => {
  it('has one sound per priority and one each for a deadline, a reopened request and a refused command', () => {
    expect([...SOUND_KINDS].sort()).toEqual(['deadline', 'high', 'low', 'normal', 'refused', 'reopened', 'urgent']);
  });

  it.each(RATES)('is short and exactly as long as its notes at %i Hz', (rate) => {
    for (const kind of SOUND_KINDS) {
      const s = synthesize(kind, rate);
      expect(s.length).toBe(Math.round((durationMs(kind) / 1000) * rate));
      expect(durationMs(kind)).toBeGreaterThanOrEqual(200);
      expect(durationMs(kind)).toBeLessThanOrEqual(800);
    }
  });

  it.each(RATES)('never clips and starts and ends in silence (no click) at %i Hz', (rate) => {
    for (const kind of SOUND_KINDS) {
      const s = synthesize(kind, rate);
      const peak = s.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
      expect(peak, kind).toBeLessThanOrEqual(1);
      expect(peak, kind).toBeGreaterThan(0.4);
      expect(Number.isFinite(rms(s)), kind).toBe(true);
      expect(Math.abs(s[0]), kind).toBeLessThan(0.01);
      expect(Math.abs(s[s.length - 1]), kind).toBeLessThan(0.01);
    }
  });

  it('makes the urgent sound louder than the low-priority one', () => {
    expect(rms(synthesize('urgent', 48_000))).toBeGreaterThan(2 * rms(synthesize('low', 48_000)));
  });

  it('gives every pair of sounds a clearly different rhythm or pitch', () => {
    const prints = new Map(SOUND_KINDS.map((k) => [k, fingerprint(synthesize(k, 48_000), 48_000)]));
    const pairs: Array<[SoundKind, SoundKind, number]> = [];
    SOUND_KINDS.forEach((a, i) => SOUND_KINDS.slice(i + 1).forEach((b) => pairs.push([a, b, difference(prints.get(a)!, prints.get(b)!)])));
    for (const [a, b, d] of pairs) expect(d, `${a} vs ${b}`).toBeGreaterThan(0.25); // the closest pair (normal, reopened) is ≈0.37
    // The yardstick itself: a sound against itself differs by nothing.
    expect(difference(prints.get('urgent')!, prints.get('urgent')!)).toBe(0);
  });

  it('is deterministic', () => {
    const bytes = (kind: SoundKind) => Buffer.from(synthesize(kind, 44_100).buffer);
    for (const kind of SOUND_KINDS) expect(bytes(kind).equals(bytes(kind)), kind).toBe(true);
  });
});
