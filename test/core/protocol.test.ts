// The schemas the sync layer parses every inbound event with (common/protocol/hub-protocol.ts),
// at the limits of protocol §3.1 and §8.
import { describe, expect, it } from 'vitest';
import { Fix, Hello, Id, parseEvent, Time } from '../../common/protocol/hub-protocol';
import { categories, crew, district, ev, newRequest } from './fixtures';

const created = (over: Record<string, unknown> = {}) => ev('request.created', { request: { ...newRequest('137-1'), ...over } }, { seq: 5 });
const reason = (raw: unknown) => {
  const r = parseEvent(raw);
  return r.ok ? null : r.reason;
};

describe('event parsing', () => {
  it('accepts every known event type with valid data', () => {
    const events = [
      ev('district.configured', { district, categories }),
      ev('contractor.upserted', { contractor: { id: 'ctr-1', name: 'پیمانکار', categories: ['pothole'] } }),
      ev('crew.upserted', { crew: crew('c1') }),
      ev('crew.removed', { crewId: 'c1' }),
      ev('crew.status_changed', { crewId: 'c1', status: 'break' }),
      created(),
      ev('request.updated', { id: '137-1', changes: { priority: 'urgent', location: { lon: 52.5, lat: 29.6 } } }),
      ev('request.acknowledged', { id: '137-1', operatorId: 'op' }),
      ev('request.assigned', { id: '137-1', crewId: 'c1', operatorId: 'op' }),
      ev('request.unassigned', { id: '137-1', operatorId: 'op' }),
      ev('request.status_changed', { id: '137-1', status: 'on_site' }),
      ev('request.noted', { id: '137-1', note: 'x', author: 'op' }),
      ev('request.closed', { id: '137-1', resolution: 'duplicate', duplicateOf: '137-0' }),
      ev('request.reopened', { id: '137-1', reason: 'not fixed' }),
      ev('request.feedback', { id: '137-1', rating: 5 }),
    ];
    for (const e of events) expect(parseEvent(e), e.type).toMatchObject({ ok: true });
  });

  it('counts code points, not UTF-16 units', () => {
    const astral = '𝒜'; // one code point, two UTF-16 units
    expect(reason(created({ description: astral.repeat(2000) }))).toBeNull();
    expect(reason(created({ description: astral.repeat(2001) }))).toMatch(/description/);
    expect(reason(created({ id: 'ب'.repeat(64) }))).toBeNull();
    expect(reason(created({ id: 'ب'.repeat(65) }))).toMatch(/request.id/);
    expect(reason(created({ citizen: { phone: '0'.repeat(33) } }))).toMatch(/phone/);
    expect(reason(created({ address: 'x'.repeat(501) }))).toMatch(/address/);
  });

  it('rejects an event over 64 KiB of UTF-8 JSON as a whole', () => {
    // 2,000 three-byte characters are within the description limit; the note pushes past 64 KiB.
    const big = ev('request.noted', { id: '137-1', note: 'ن'.repeat(2000), author: 'op', pad: 'ش'.repeat(33_000) }, { seq: 9 });
    const r = parseEvent(big);
    expect(r).toMatchObject({ ok: false, seq: 9 });
    expect(!r.ok && r.reason).toMatch(/64 KiB/);
  });

  it('measures the 64 KiB limit to the byte, whatever the characters', () => {
    // An unknown event type: only the envelope and the size are checked, so the padding is free.
    const sized = (char: string, bytes: number) => {
      const base = ev('request.escalated', { id: '137-1', pad: '' }, { seq: 9 });
      const room = 64 * 1024 - new TextEncoder().encode(JSON.stringify(base)).length;
      const perChar = new TextEncoder().encode(JSON.stringify(char)).length - 2;
      const fill = room + bytes;
      return ev('request.escalated', { id: '137-1', pad: char.repeat(fill / perChar) + 'y'.repeat(fill % perChar) }, { seq: 9 });
    };
    for (const char of ['x', 'ش', '𝒜', '\u0001', '"']) {
      expect(reason(sized(char, 0)), `${JSON.stringify(char)} at the limit`).toBeNull();
      expect(reason(sized(char, 1)), `${JSON.stringify(char)} one byte past it`).toBe(`event of ${64 * 1024 + 1} bytes exceeds 64 KiB`);
    }
    const cyclic: Record<string, unknown> = { ...ev('request.escalated', { id: '137-1' }) };
    cyclic.self = cyclic;
    expect(reason(cyclic)).toBe('not serialisable as JSON');
    // Values JSON.stringify turns into something else are measured as it serialises them.
    expect(reason({ ...ev('request.escalated', { id: '137-1' }), when: new Date(0), skip: undefined })).toBeNull();
  });

  it('rejects unknown enumeration values and out-of-range coordinates', () => {
    expect(reason(created({ priority: 'critical' }))).toMatch(/priority/);
    expect(reason(created({ channel: 'fax' }))).toMatch(/channel/);
    expect(reason(created({ location: { lon: 181, lat: 29 } }))).toMatch(/location.lon/);
    expect(reason(created({ location: { lon: 52, lat: -91 } }))).toMatch(/location.lat/);
    expect(reason(ev('crew.status_changed', { crewId: 'c1', status: 'sleeping' }))).toMatch(/status/);
    expect(reason(ev('request.feedback', { id: 'x', rating: 6 }))).toMatch(/rating/);
    expect(reason({ ...created(), actor: { kind: 'robot' } })).toMatch(/actor.kind/);
    expect(Fix.safeParse({ crewId: 'c1', lon: 200, lat: 29, at: '2026-11-28T09:00:00.000Z' }).success).toBe(false);
  });

  it('takes only ISO-8601 UTC timestamps (§1), in every time field', () => {
    for (const at of ['2026-11-28T09:14:03.120Z', '2026-11-28T09:14:03Z', '2026-11-28T09:14:03.1Z', '2026-11-28T09:14:03.123456789Z', '2026-11-28T09:14:03.120+00:00', '2028-02-29T23:59:59.999Z']) {
      expect(Time.safeParse(at).success, at).toBe(true);
    }
    const bad = ['1', '2026', '2026-11-28', '2026-11-28 09:14:03Z', '2026-11-28T09:14Z', '2026-11-28T09:14:03.120', '2026-11-28t09:14:03.120z',
      '2026-11-28T12:44:03.120+03:30', '2026-11-28T09:14:03.120-00:00', '2026-02-29T00:00:00Z', '2026-04-31T00:00:00Z', '2026-13-01T00:00:00Z',
      '2026-11-28T24:00:00Z', '2026-11-28T09:60:00Z', '2026-11-28T09:14:60Z', '+002026-11-28T09:14:03.120Z', 'Sat, 28 Nov 2026 09:14:03 GMT', ' 2026-11-28T09:14:03Z'];
    for (const at of bad) expect(Time.safeParse(at).success, at).toBe(false);
    expect(reason(ev('crew.status_changed', { crewId: 'c1', status: 'break' }, { at: '1' }))).toBe('at: not an ISO-8601 UTC time');
    expect(reason(created({ ackDueAt: '2026-11-28 09:15' }))).toMatch(/request.ackDueAt: not an ISO-8601 UTC time/);
    expect(Fix.safeParse({ crewId: 'c1', lon: 52, lat: 29, at: '1' }).success).toBe(false);
    expect(Hello.safeParse({ hubId: 'h', protocol: 1, districtId: '6', serverTime: '1', headSeq: 0 }).success).toBe(false);
  });

  it('refuses an empty id wherever an id is due', () => {
    expect(reason(ev('crew.status_changed', { crewId: 'c1', status: 'break' }, { id: '' }))).toBe('id: empty');
    expect(reason(ev('crew.status_changed', { crewId: '', status: 'break' }))).toBe('crew.status_changed: crewId: empty');
    expect(reason(created({ id: '' }))).toMatch(/request.id: empty/);
    expect(reason(ev('request.escalated', { id: '137-1' }, { id: '' }))).toBe('id: empty');
    expect(Id.safeParse('x').success).toBe(true);
  });

  it('reports the seq of a malformed event and flags unknown types without rejecting them', () => {
    expect(parseEvent({ seq: 12, type: 'request.created' })).toMatchObject({ ok: false, seq: 12 });
    expect(parseEvent('garbage')).toMatchObject({ ok: false, seq: null });
    expect(parseEvent(ev('request.escalated', { id: '137-1', level: 2 }))).toMatchObject({ ok: true, event: { unknown: true } });
  });

  it('ignores unknown fields (forward compatibility)', () => {
    const c = created({ colour: 'red' });
    const r = parseEvent({ ...c, extra: 1, data: { ...c.data, also: 2 } });
    expect(r.ok).toBe(true);
    const e = r.ok ? (r.event as Record<string, unknown> & { data: Record<string, unknown> }) : null;
    expect(Object.keys(e!)).toEqual(['seq', 'id', 'type', 'at', 'actor', 'data']);
    expect(Object.keys(e!.data)).toEqual(['request']);
    expect(e!.data.request).not.toHaveProperty('colour');
    // Same for an unknown type, whose data is kept whole (it is stored raw).
    const u = parseEvent({ ...ev('request.escalated', { id: '137-1', level: 2 }), extra: 1 });
    expect(u.ok && Object.keys(u.event)).toEqual(['seq', 'id', 'type', 'at', 'actor', 'data', 'unknown']);
    expect(u.ok && u.event.data).toEqual({ id: '137-1', level: 2 });
  });
});
