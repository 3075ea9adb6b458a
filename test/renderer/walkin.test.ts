// The walk-in form's rules (renderer/src/components/walkin): each refusal, the limits of §3.1,
// Persian digits in the phone, and the category search in both languages.
import { describe, expect, it } from 'vitest';
import type { Boundary, Category } from '../../common/protocol/hub-protocol';
import { checkWalkIn, EMPTY_DRAFT, problemsOf, type WalkInDraft } from '../../renderer/src/components/walkin/validate';
import { distinctAddresses, matchCategories } from '../../renderer/src/components/walkin/match';
import type { RequestView } from '../../common/api/contract';

const CATEGORIES: Category[] = [
  { code: 'pothole', nameFa: 'چاله و خرابی آسفالت', nameEn: 'Pothole / damaged asphalt', defaultPriority: 'normal', ackMinutes: 60, resolveMinutes: 4320 },
  { code: 'fallen_tree', nameFa: 'سقوط درخت', nameEn: 'Fallen tree', defaultPriority: 'urgent', ackMinutes: 10, resolveMinutes: 180 },
  { code: 'sidewalk', nameFa: 'خرابی پیاده‌رو', nameEn: 'Damaged sidewalk', defaultPriority: 'low', ackMinutes: 240, resolveMinutes: 10080 },
];
const byCode = Object.fromEntries(CATEGORIES.map((c) => [c.code, c]));
const BOUNDARY: Boundary = { type: 'Polygon', coordinates: [[[52.4, 29.6], [52.6, 29.6], [52.6, 29.7], [52.4, 29.7], [52.4, 29.6]]] };
const ctx = { categories: byCode, boundary: BOUNDARY };
const AT = '2026-12-03T10:00:00.000Z';

const filled: WalkInDraft = {
  ...EMPTY_DRAFT,
  category: 'fallen_tree',
  description: '  درخت روی خودرو افتاده  ',
  address: 'خیابان زند، نبش کوچه ۱۲',
  location: { lon: 52.5, lat: 29.65 },
};

describe('the walk-in form rules', () => {
  it('makes the request from a filled form: trimmed texts, the category priority, no citizen block fields when empty', () => {
    const r = checkWalkIn(filled, ctx, AT);
    expect(r).toEqual({
      ok: true,
      request: {
        category: 'fallen_tree',
        priority: 'urgent',
        description: 'درخت روی خودرو افتاده',
        address: 'خیابان زند، نبش کوچه ۱۲',
        location: { lon: 52.5, lat: 29.65 },
        citizen: {},
        channel: 'walk_in',
        receivedAt: AT,
      },
    });
  });

  it('keeps a changed priority and the chosen channel', () => {
    const r = checkWalkIn({ ...filled, priority: 'low', channel: 'phone' }, ctx, AT);
    expect(r.ok && [r.request.priority, r.request.channel]).toEqual(['low', 'phone']);
  });

  it('refuses an empty form with every required field named, and sends nothing', () => {
    const r = checkWalkIn(EMPTY_DRAFT, ctx, AT);
    expect(r).toEqual({
      ok: false,
      problems: { category: { kind: 'required' }, description: { kind: 'required' }, address: { kind: 'required' }, location: { kind: 'required' } },
    });
  });

  it('refuses blank text (spaces only) as missing', () => {
    expect(problemsOf({ ...filled, description: ' \n ', address: '\u200c ' }, ctx)).toEqual({
      description: { kind: 'required' },
      address: { kind: 'required' },
    });
  });

  it('refuses a category the district does not have', () => {
    expect(problemsOf({ ...filled, category: 'volcano' }, ctx)).toEqual({ category: { kind: 'unknownCategory' } });
  });

  it('refuses a location outside the district and accepts one inside', () => {
    expect(problemsOf({ ...filled, location: { lon: 52.7, lat: 29.65 } }, ctx)).toEqual({ location: { kind: 'outsideDistrict' } });
    expect(problemsOf({ ...filled, location: { lon: 52.59, lat: 29.69 } }, ctx)).toEqual({});
  });

  it('holds §3.1 limits in code points: description 2,000, address and name 500, phone 32', () => {
    const emoji = '🌳'; // two UTF-16 units, one code point
    expect(problemsOf({ ...filled, description: emoji.repeat(2000) }, ctx)).toEqual({});
    expect(problemsOf({ ...filled, description: 'a'.repeat(2001) }, ctx)).toEqual({ description: { kind: 'tooLong', max: 2000 } });
    expect(problemsOf({ ...filled, address: emoji.repeat(500) }, ctx)).toEqual({});
    expect(problemsOf({ ...filled, address: 'ب'.repeat(501) }, ctx)).toEqual({ address: { kind: 'tooLong', max: 500 } });
    expect(problemsOf({ ...filled, citizenName: 'ن'.repeat(501) }, ctx)).toEqual({ citizenName: { kind: 'tooLong', max: 500 } });
    expect(problemsOf({ ...filled, citizenPhone: '0912 123 4567' + ' '.repeat(19) + '8' }, ctx)).toEqual({
      citizenPhone: { kind: 'tooLong', max: 32 },
    });
  });

  it('accepts an Iranian mobile number in Persian or Latin digits, stored as 09… in Latin digits', () => {
    for (const typed of ['۰۹۱۲ ۳۴۵ ۶۷۸۹', '+98 912 345 6789', '09123456789', '٠٩١٢٣٤٥٦٧٨٩']) {
      const r = checkWalkIn({ ...filled, citizenName: ' مریم احمدی ', citizenPhone: typed }, ctx, AT);
      expect(r.ok && r.request.citizen).toEqual({ name: 'مریم احمدی', phone: '09123456789' });
    }
  });

  it('refuses a phone that is not an Iranian mobile number', () => {
    for (const typed of ['۰۷۱۳۶۲۶۱۲۳۴', '0912345678', '0912345678a', 'call me']) {
      expect(problemsOf({ ...filled, citizenPhone: typed }, ctx)).toEqual({ citizenPhone: { kind: 'notMobile' } });
    }
  });

  it('does not check the location against a district not configured yet', () => {
    expect(problemsOf({ ...filled, location: { lon: 10, lat: 10 } }, { ...ctx, boundary: null })).toEqual({});
  });
});

describe('the category search', () => {
  const codes = (q: string) => matchCategories(CATEGORIES, q).map((c) => c.code);
  it('lists every category for an empty query', () => {
    expect(codes('  ')).toEqual(['pothole', 'fallen_tree', 'sidewalk']);
  });
  it('finds by Persian name, also typed with Arabic letters or a space for the joiner', () => {
    expect(codes('درخت')).toEqual(['fallen_tree']);
    expect(codes('پياده رو')).toEqual(['sidewalk']); // Arabic yeh, space for ZWNJ
  });
  it('finds by English name, case folded, name starts before word starts before substrings', () => {
    expect(codes('TREE')).toEqual(['fallen_tree']);
    // "Damaged sidewalk" starts with it, "Pothole / damaged asphalt" has a word that does.
    expect(codes('damaged')).toEqual(['sidewalk', 'pothole']);
    expect(codes('walk')).toEqual(['sidewalk']); // inside a word
    expect(codes('fallen_')).toEqual(['fallen_tree']); // by its code
  });
  it('finds nothing for a name no category has', () => {
    expect(codes('volcano')).toEqual([]);
  });
});

describe('the address search', () => {
  const r = (id: string, address: string) => ({ id, address }) as RequestView;
  it('keeps hits that matched by address, one per address however spelled, in the search order, up to the limit', () => {
    const hits = [
      { request: r('a', 'خیابان زند، کوچه ۱۲'), matched: ['address'] },
      { request: r('b', 'خیابان زند، کوچه 12'), matched: ['address', 'description'] }, // same address, Latin digits
      { request: r('c', 'بلوار چمران'), matched: ['description'] }, // found by its text, not its address
      { request: r('d', 'خیابان زند، پلاک ۳'), matched: ['address'] },
      { request: r('e', 'خیابان زند، پلاک ۴'), matched: ['address'] },
    ];
    expect(distinctAddresses(hits, 5).map((x) => x.id)).toEqual(['a', 'd', 'e']);
    expect(distinctAddresses(hits, 2).map((x) => x.id)).toEqual(['a', 'd']);
  });
});
