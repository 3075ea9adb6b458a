// The sentence of a conflict's cause (renderer/src/components/causeText): who (an operator by id,
// this console's own marked, a crew by name), what, how long ago — in both languages.
import { describe, expect, it } from 'vitest';
import type { NoticeCause } from '../../common/api/contract';
import { dictionaries } from '../../common/i18n';
import { causeSentence } from '../../renderer/src/components/causeText';
import { isolate } from '../../renderer/src/i18n/format';

const at = '2026-12-03T10:00:00.000Z';
const now = Date.parse(at) + 12_000;
const cause = (over: Partial<NoticeCause>): NoticeCause => ({
  type: 'request.assigned', actorKind: 'operator', actorId: 'op-2', at, status: 'assigned', crewId: 'c1', resolution: null, ...over,
});
const words = (locale: 'fa' | 'en') => ({ t: dictionaries[locale], locale, now, operatorId: 'op-1', crewName: (id: string) => (id === 'c1' ? 'اکیپ کریمی' : id) });
const plain = (s: string) => s.replace(/[\u2068\u2069]/g, '');

describe('causeSentence', () => {
  it('names the other operator, the crew and the age, in English and Persian', () => {
    expect(plain(causeSentence(cause({}), words('en')))).toBe('op-2 assigned “اکیپ کریمی” 12 sec ago.');
    expect(plain(causeSentence(cause({}), words('fa')))).toBe('op-2 ۱۲ ثانیه پیش آن را به «اکیپ کریمی» ارجاع داد.');
  });

  it('isolates the actor and the crew, so a Latin id reads right in a Persian sentence', () => {
    expect(causeSentence(cause({}), words('fa')).startsWith(isolate('op-2'))).toBe(true);
    expect(causeSentence(cause({}), words('fa'))).toContain(isolate('اکیپ کریمی'));
  });

  it('marks this console’s own operator, names a crew actor by its crew, and words status and outcome', () => {
    expect(plain(causeSentence(cause({ actorId: 'op-1', type: 'request.acknowledged' }), words('en')))).toBe('op-1 (this workstation) acknowledged it 12 sec ago.');
    expect(plain(causeSentence(cause({ type: 'request.status_changed', actorKind: 'crew', actorId: 'c1', status: 'on_site' }), words('en')))).toBe(
      'اکیپ کریمی set it to “On site” 12 sec ago.',
    );
    expect(plain(causeSentence(cause({ type: 'request.closed', status: 'closed', resolution: 'duplicate' }), words('fa')))).toBe('op-2 ۱۲ ثانیه پیش آن را بست (تکراری).');
    expect(plain(causeSentence(cause({ type: 'request.reopened', actorKind: 'citizen', actorId: null }), words('en')))).toBe('The citizen reopened it 12 sec ago.');
  });

  it('counts no negative age when the hub’s clock is ahead of this one', () => {
    expect(plain(causeSentence(cause({ at: new Date(now + 5000).toISOString() }), words('en')))).toBe('op-2 assigned “اکیپ کریمی” 0 sec ago.');
  });
});
