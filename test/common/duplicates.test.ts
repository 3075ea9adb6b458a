// The likely-duplicate rule: the trigram similarity, the threshold's cases (docs/duplicates.md),
// and the distance, time, category and open conditions one by one.
import CheapRuler from 'cheap-ruler';
import { describe, expect, it } from 'vitest';
import {
  candidateArea,
  changesDuplicates,
  DUPLICATE_RADIUS_M,
  DUPLICATE_WINDOW_MS,
  duplicateMatch,
  SIMILARITY_THRESHOLD,
  textSimilarity,
  trigrams,
  type DuplicateSubject,
} from '../../common/domain/duplicates';
import type { RequestEvent } from '../../common/domain/lifecycle';

const AT = Date.parse('2026-12-01T08:00:00.000Z');
const ruler = new CheapRuler(29.63, 'meters');

const original: DuplicateSubject = {
  id: 'r-1',
  category: 'pothole',
  lon: 52.5,
  lat: 29.63,
  description: 'چاله بزرگ وسط خیابان، خودروها آسیب می‌بینند',
  address: 'شیراز، بلوار چمران، روبروی باغ ارم',
  receivedAt: new Date(AT).toISOString(),
  closedAt: null,
};

/** A second report `meters` east of the original, `ms` after it. */
function report(over: Partial<DuplicateSubject> = {}, meters = 20, ms = 3600_000): DuplicateSubject {
  const [lon, lat] = ruler.destination([original.lon, original.lat], meters, 90);
  return { ...original, id: 'r-2', lon, lat, receivedAt: new Date(AT + ms).toISOString(), ...over };
}

describe('trigram similarity', () => {
  it('pads each word, so a two-letter word still has trigrams', () => {
    expect([...trigrams('ab')]).toEqual(['  a', ' ab', 'ab ']);
  });

  it('is 1 for the same text, 0 for nothing shared or an empty text, and symmetric', () => {
    expect(textSimilarity('چاله بزرگ', 'چاله بزرگ')).toBe(1);
    expect(textSimilarity('چاله', 'درخت افتاده')).toBe(0);
    expect(textSimilarity('', 'چاله')).toBe(0);
    const a = 'چاله بزرگ وسط خیابان';
    const b = 'یک چاله وسط خیابان هست';
    expect(textSimilarity(a, b)).toBe(textSimilarity(b, a));
  });

  it('reads punctuation as a space', () => {
    expect(textSimilarity('شیراز، بلوار چمران', 'شیراز بلوار چمران')).toBe(1);
  });

  // The cases docs/duplicates.md gives for the threshold.
  it.each([
    ['the same pothole told by two citizens', 'چاله بزرگ وسط خیابان، خودروها آسیب می‌بینند', 'یک چاله بزرگ وسط خیابان هست', true],
    ['the same spot, words in another order', 'چاله عمیق جلوی نانوایی', 'جلوی نانوایی یک چاله عمیق افتاده', true],
    ['Arabic letters for Persian ones (ي ك)', 'چاله بزرگ کنار کوچه ی مدرسه', 'چاله بزرگ كنار كوچه ي مدرسه', true],
    ['Persian and Latin digits, ZWNJ and space', 'خیابان فرهنگ‌شهر، کوچه ۱۲', 'خیابان فرهنگ شهر کوچه 12', true],
    ['English, shortened', 'Large pothole in the middle of the road', 'large pothole middle of road, cars damaged', true],
    ['same street, another problem', 'چاله بزرگ وسط خیابان، خودروها آسیب می‌بینند', 'ترک و نشست آسفالت کنار جدول', false],
    ['same street, another landmark', 'شیراز، بلوار چمران، روبروی باغ ارم', 'شیراز، بلوار چمران، جنب پارک آزادی', false],
    ['another street and landmark', 'شیراز، بلوار چمران، روبروی باغ ارم', 'شیراز، خیابان ستارخان، نبش کوچه ۱۲', false],
    ['two garbage complaints', 'مخزن زباله پر شده و زباله‌ها روی زمین ریخته', 'زباله از دیشب جمع‌آوری نشده', false],
  ])('%s: similar = %s', (_case, a, b, similar) => {
    expect(textSimilarity(a, b) >= SIMILARITY_THRESHOLD).toBe(similar);
  });

  it('makes Arabic and Persian spellings of one text the same text', () => {
    expect(textSimilarity('درپوش دريچه فاضلاب برداشته شده، خطرناك است', 'درپوش دریچه فاضلاب برداشته شده، خطرناک است')).toBe(1);
  });
});

describe('duplicateMatch', () => {
  it('matches a later report of the same category nearby with a similar description', () => {
    const m = duplicateMatch(report({ description: 'یک چاله بزرگ وسط خیابان هست' }), original);
    expect(m).not.toBeNull();
    expect(m!.meters).toBeCloseTo(20, 0);
    expect(m!.similarity).toBeGreaterThanOrEqual(SIMILARITY_THRESHOLD);
  });

  it('matches on the address alone when the descriptions differ', () => {
    expect(duplicateMatch(report({ description: 'ترک و نشست آسفالت کنار جدول' }), original)).not.toBeNull();
    expect(duplicateMatch(report({ description: 'ترک و نشست آسفالت کنار جدول', address: 'شیراز، خیابان ستارخان، نبش کوچه ۱۲' }), original)).toBeNull();
  });

  it('takes the better of the two similarities', () => {
    const m = duplicateMatch(report({ description: 'ترک و نشست آسفالت کنار جدول' }), original);
    expect(m!.similarity).toBe(1); // the same address
  });

  it(`needs ${DUPLICATE_RADIUS_M} m at most`, () => {
    expect(duplicateMatch(report({}, 49), original)).not.toBeNull();
    expect(duplicateMatch(report({}, 51), original)).toBeNull();
  });

  it('needs the original received first, at most 72 hours before', () => {
    expect(duplicateMatch(report({}, 20, DUPLICATE_WINDOW_MS), original)).not.toBeNull();
    expect(duplicateMatch(report({}, 20, DUPLICATE_WINDOW_MS + 1000), original)).toBeNull();
    expect(duplicateMatch(original, report())).toBeNull(); // the earlier one is no one's duplicate of the later
    expect(duplicateMatch(report({}, 20, -60_000), original)).toBeNull();
  });

  it('breaks a tie of received times by id, so exactly one of two is the original', () => {
    const twin = report({ id: 'r-0' }, 20, 0);
    expect(duplicateMatch(original, twin)).not.toBeNull();
    expect(duplicateMatch(twin, original)).toBeNull();
  });

  it('needs the same category', () => {
    expect(duplicateMatch(report({ category: 'sidewalk' }), original)).toBeNull();
  });

  it('needs both open', () => {
    expect(duplicateMatch(report(), { ...original, closedAt: new Date(AT + 60_000).toISOString() })).toBeNull();
    expect(duplicateMatch(report({ closedAt: new Date(AT + 7200_000).toISOString() }), original)).toBeNull();
  });

  it('is never a match of a request with itself', () => {
    expect(duplicateMatch(original, original)).toBeNull();
  });
});

describe('candidateArea', () => {
  it('holds every point the rule can match, with a second to spare for how times are written', () => {
    const a = candidateArea(original);
    expect(a.category).toBe('pothole');
    expect(a.toReceivedAt).toBe(new Date(AT + 1000).toISOString());
    expect(a.fromReceivedAt).toBe(new Date(AT - DUPLICATE_WINDOW_MS - 1000).toISOString());
    for (const bearing of [0, 90, 180, 270]) {
      const [lon, lat] = ruler.destination([original.lon, original.lat], DUPLICATE_RADIUS_M - 0.01, bearing);
      expect(lon >= a.minLon && lon <= a.maxLon && lat >= a.minLat && lat <= a.maxLat).toBe(true);
    }
    expect(a.maxLat - a.minLat).toBeLessThan(0.001);
  });

  it('reaches the window after the request too when asked (a report that arrives late)', () => {
    expect(candidateArea(original, true).toReceivedAt).toBe(new Date(AT + DUPLICATE_WINDOW_MS + 1000).toISOString());
  });
});

describe('changesDuplicates', () => {
  const at = { seq: 1, id: 'e', at: '2026-12-01T08:00:00.000Z', actor: { kind: 'hub' as const } };
  it.each([
    [{ type: 'request.created', data: { request: {} } }, true],
    [{ type: 'request.reopened', data: { id: 'r', reason: 'x' } }, true],
    [{ type: 'request.updated', data: { id: 'r', changes: { description: 'x' } } }, true],
    [{ type: 'request.updated', data: { id: 'r', changes: { location: { lon: 52.5, lat: 29.6 } } } }, true],
    [{ type: 'request.updated', data: { id: 'r', changes: { priority: 'urgent' } } }, false],
    [{ type: 'request.acknowledged', data: { id: 'r', operatorId: 'op' } }, false],
    [{ type: 'request.closed', data: { id: 'r', resolution: 'resolved' } }, false],
  ])('%o → %s', (e, expected) => {
    expect(changesDuplicates({ ...at, ...e } as unknown as RequestEvent)).toBe(expected);
  });
});
