// The search normalisation (each rule of issue 10) and Iranian mobile numbers.
import { describe, expect, it } from 'vitest';
import { digitsOf, normaliseText } from '../../common/domain/normalise';
import { normaliseMobile, phoneQueryDigits, phoneSearchDigits } from '../../common/domain/phone';

describe('normaliseText', () => {
  it.each([
    ['Arabic yeh ي', 'علي', 'علی'],
    ['alef maksura ى', 'موسى', 'موسی'],
    ['Arabic kaf ك', 'كوچه', 'کوچه'],
    ['teh marbuta ة', 'مدرسة', 'مدرسه'],
    ['alef with hamza above أ', 'أحمد', 'احمد'],
    ['alef with hamza below إ', 'إمام', 'امام'],
    ['alef wasla ٱ', 'ٱلله', 'الله'],
    ['waw with hamza ؤ', 'مؤسسه', 'موسسه'],
    ['tatweel', 'خیـــابان', 'خیابان'],
    ['harakat', 'مُحَمَّد', 'محمد'],
    ['superscript alef', 'رحمٰن', 'رحمن'],
    ['zero-width non-joiner as a space', 'می\u200Cرود', 'می رود'],
    ['zero-width joiner as a space', 'می\u200Dرود', 'می رود'],
    ['runs of spaces as one', 'بلوار   زند\u200C \t', 'بلوار زند'],
    ['Persian digits', '۱۳۷-۰۶۱۱', '137-0611'],
    ['Arabic-Indic digits', '٠١٢٣٤٥٦٧٨٩', '0123456789'],
    ['Latin case', 'Zand BLVD', 'zand blvd'],
  ])('%s', (_rule, input, expected) => expect(normaliseText(input)).toBe(expected));

  it('spells a query and an indexed text alike whichever letters they used', () => {
    expect(normaliseText('كوچة علي‌اكبر')).toBe(normaliseText('کوچه علی اکبر'));
  });

  it('keeps what it has no rule for', () => expect(normaliseText('آب ئ ژ گ')).toBe('آب ئ ژ گ'));
});

describe('digitsOf', () => {
  it('keeps only digits, of any script, as Latin', () => expect(digitsOf('۱۳۷-0611-٠٠٤٥١٢')).toBe('1370611004512'));
});

describe('Iranian mobile numbers', () => {
  it.each(['09121234567', '+989121234567', '989121234567', '00989121234567', '۰۹۱۲ ۱۲۳ ۴۵۶۷', '0912-123-4567', '(0912) 1234567'])(
    '%s is stored as 09121234567 and searched as its ten digits',
    (typed) => {
      expect(normaliseMobile(typed)).toBe('09121234567');
      expect(phoneSearchDigits(typed)).toBe('9121234567');
    },
  );

  it.each(['', '0912123456', '091212345678', '08121234567', '02112345678', '0912x234567', 'abc'])('%j is not a mobile number', (typed) =>
    expect(normaliseMobile(typed)).toBeNull(),
  );

  it('searches a landline or a partial number by its digits', () => expect(phoneSearchDigits('071-3233 4455')).toBe('07132334455'));

  it.each([
    ['09121234567', '9121234567'],
    ['0912 12', '91212'],
    ['+98912', '912'],
    ['00989121', '9121'],
    ['4567', '4567'],
    ['۴۵۶۷', '4567'],
    ['9812', '9812'],
  ])('a typed %j is looked for as %j', (typed, key) => expect(phoneQueryDigits(typed)).toBe(key));
});
