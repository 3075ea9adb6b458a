// Tracking-code and phone matching, and what a typed search means and how its hits rank.
import { describe, expect, it } from 'vitest';
import { phoneMatch } from '../../common/domain/phone';
import { hitTier, matchedFields, parseSearchQuery, searchDoc, textScore, type SearchDoc } from '../../common/domain/search-query';
import { codeDigits, codeMatch } from '../../common/domain/tracking-code';

describe('tracking codes', () => {
  it('are compared by their digits, in any script', () => {
    expect(codeDigits('137-0611-004512')).toBe('1370611004512');
    expect(codeDigits('۱۳۷-۰۶۱۱-۰۰۴۵۱۲')).toBe('1370611004512');
  });
  it.each([
    ['1370611004512', 'exact'],
    ['004512', 'suffix'],
    ['4512', 'suffix'],
    ['512', 'suffix'],
    ['0611', 'infix'],
    ['137', 'infix'],
    ['12', null], // too few digits to mean one code
    ['9999', null],
  ])('typed %s: %s', (typed, expected) => expect(codeMatch('1370611004512', typed)).toBe(expected));
});

describe('phone matching', () => {
  it.each([
    ['9121234567', 'exact'],
    ['4567', 'end'],
    ['234567', 'end'],
    ['912123', 'start'],
    ['1234', null], // digits from the middle
    ['567', null], // fewer than 4
  ])('typed %s: %s', (typed, expected) => expect(phoneMatch('9121234567', typed)).toBe(expected));
  it('never matches a request without a phone', () => expect(phoneMatch('', '4567')).toBeNull());
});

describe('search queries', () => {
  it('normalise the words as the index does', () => {
    expect(parseSearchQuery('  كوچة   علي ')).toEqual({ words: ['کوچه', 'علی'], code: null, phone: null });
  });
  it('look a number up as a code and a phone too', () => {
    expect(parseSearchQuery('+98 912 123 4567')).toEqual({ words: ['+98', '912', '123', '4567'], code: '989121234567', phone: '9121234567' });
    expect(parseSearchQuery('۴۵۱۲')).toEqual({ words: ['4512'], code: '4512', phone: '4512' });
    expect(parseSearchQuery('512')).toEqual({ words: ['512'], code: '512', phone: null });
    expect(parseSearchQuery('کوچه 12')).toMatchObject({ code: null, phone: null }); // words and digits: text only
  });
  it('need two characters', () => {
    expect(parseSearchQuery('آ')).toBeNull();
    expect(parseSearchQuery(' ۱ ')).toBeNull();
    expect(parseSearchQuery('آب')).toEqual({ words: ['آب'], code: null, phone: null });
  });
});

describe('search hits', () => {
  const doc: SearchDoc = searchDoc(
    { id: '137-0611-004512', citizenPhone: '+989121234567', address: 'شیراز، بلوار زند', description: 'چاله بزرگ' },
    'اکیپ آسفالت — مهدی زارعی',
  );
  const tier = (text: string, withPhone = true) => hitTier(doc, parseSearchQuery(text)!, withPhone);
  const matched = (text: string, withPhone = true) => matchedFields(doc, parseSearchQuery(text)!, withPhone);

  it('index the same normalised forms', () => expect(doc).toEqual({ code: '1370611004512', phone: '9121234567', address: 'شیراز، بلوار زند', description: 'چاله بزرگ', crew: 'اکیپ آسفالت — مهدی زارعی' }));
  it('rank a whole code, its last digits, a whole phone, its ends, words, digits inside a code', () => {
    expect([tier('137-0611-004512'), tier('4512'), tier('09121234567'), tier('4567'), tier('زند'), tier('0611')]).toEqual([0, 1, 2, 3, 4, 5]);
  });
  it('need every word, in any of the text fields', () => {
    expect(tier('زند زارعي')).toBe(4);
    expect(matched('زند زارعي')).toEqual(['address', 'crew']);
    expect(tier('زند درخت')).toBeNull();
  });
  it('ignore the phone for a caller who may not see it', () => {
    expect(tier('09121234567', false)).toBeNull();
    expect(matched('4567', false)).toEqual([]);
    expect(matched('4567')).toEqual(['phone']);
  });
  it('say which fields matched', () => {
    expect(matched('004512')).toEqual(['code']);
    expect(matched('چاله')).toEqual(['description']);
  });
});

describe('text relevance', () => {
  const doc = (address: string, description = '') => ({ code: '', phone: '', address, description, crew: '' });
  const score = (d: SearchDoc, text: string) => textScore(d, parseSearchQuery(text)!);
  it('ranks a field that says it more, or says less besides, first', () => {
    expect(score(doc('چاله', 'چاله چاله'), 'چاله')).toBeGreaterThan(score(doc('بلوار زند، کنار چاله قدیمی'), 'چاله'));
    expect(score(doc('بلوار زند'), 'زند')).toBeGreaterThan(score(doc('شیراز، بلوار کریمخان زند، روبروی باغ، نبش کوچه 12، پلاک 40'), 'زند'));
  });
  it('ranks the words side by side as typed above the same words apart', () => {
    expect(score(doc('کوچه 7، پلاک 12'), 'پلاک 12')).toBeGreaterThan(score(doc('کوچه 12، پلاک 7'), 'پلاک 12'));
  });
  it('ranks a word that starts a word above one found inside another', () => {
    expect(score(doc('بلوار زند'), 'زند')).toBeGreaterThan(score(doc('کوچه فرزند'), 'زند'));
  });
});
