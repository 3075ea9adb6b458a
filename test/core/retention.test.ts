// Retention over a real SQLite file: a request closed 91 days ago loses its citizen's name and
// phone everywhere the console keeps them (each table read directly), and its phone no longer
// finds it; one closed 89 days ago and an open one keep theirs; a second run erases nothing; the
// erased request still reads (detail, timeline) and its log still replays.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Store } from '../../main/core/db/store';
import { runRetention } from '../../main/core/retention';
import { searchRequests } from '../../main/core/search';
import { Replicator } from '../../main/core/sync/replicator';
import { Views } from '../../main/core/views';
import { categories, district, ev, newRequest, resetSeq } from './fixtures';
import { memoryLogger, tmp } from './helpers';

const NOW = new Date('2026-12-03T12:00:00.000Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 24 * 3600_000).toISOString();
const phoneOf = (i: number) => `0917111000${i}`;

describe('retention of personal data', () => {
  const t = tmp();
  afterAll(() => t.cleanup());
  let n = 0;
  let store: Store;
  let views: Views;
  const log = memoryLogger();
  const events = () => {
    resetSeq();
    const created = (i: number, commandId?: string) =>
      ev('request.created', { request: newRequest(`137-${i}`, { citizen: { name: `شهروند ${i}`, phone: phoneOf(i) }, receivedAt: daysAgo(100) }) }, {
        at: daysAgo(100),
        ...(commandId ? { commandId, actor: { kind: 'operator', id: 'op-1' } } : {}),
      });
    return [
      ev('district.configured', { district, categories }),
      created(1, 'cmd-1'), // closed 91 days ago, created from this console
      created(2), // closed 89 days ago
      created(3), // open
      ev('request.closed', { id: '137-1', resolution: 'resolved' }, { at: daysAgo(91) }),
      ev('request.closed', { id: '137-2', resolution: 'resolved' }, { at: daysAgo(89) }),
    ];
  };
  beforeEach(() => {
    store = Store.open(join(t.dir, `r${n++}.db`));
    views = new Views(store, () => null);
    const request = { ...newRequest('x', { citizen: { name: 'شهروند 1', phone: phoneOf(1) } }) } as Record<string, unknown>;
    for (const k of ['id', 'ackDueAt', 'resolveDueAt']) delete request[k];
    store.outbox.enqueue({ commandId: 'cmd-1', type: 'request.create', data: { request }, operatorId: 'op-1', issuedAt: daysAgo(100), targetKind: 'request', targetId: 'pending:cmd-1' });
    store.outbox.markAcked('cmd-1', 2, 0, daysAgo(100));
    new Replicator(store, memoryLogger()).applyEvents(events());
    return () => store.close();
  });

  const citizenOf = (id: string) => store.db.prepare('SELECT citizen_name AS name, citizen_phone AS phone FROM requests WHERE id = ?').get(id);
  const eventCitizenOf = (id: string) =>
    JSON.parse((store.db.prepare("SELECT data FROM events WHERE type = 'request.created' AND target_id = ?").get(id) as { data: string }).data).request.citizen;
  const indexedPhoneOf = (id: string) => store.db.prepare('SELECT phone, phone_rev AS rev FROM request_search WHERE request_id = ?').get(id);
  const outboxCitizen = () => JSON.parse((store.db.prepare("SELECT data FROM outbox WHERE command_id = 'cmd-1'").get() as { data: string }).data).request.citizen;
  const foundByPhone = (i: number) => searchRequests(store, views, phoneOf(i), true).hits.map((h) => h.request.id);

  it('erases the name and phone of a request closed 91 days ago from every table, once', () => {
    expect(foundByPhone(1)).toEqual(['137-1']);
    expect(runRetention(store, 90, log, NOW)).toBe(1);
    expect(log.lines.at(-1)).toBe(`info retention: erased personal data of 1 requests closed before ${daysAgo(90)}`);
    expect(citizenOf('137-1')).toEqual({ name: null, phone: null });
    expect(eventCitizenOf('137-1')).toEqual({});
    expect(indexedPhoneOf('137-1')).toEqual({ phone: '', rev: '' });
    expect(outboxCitizen()).toEqual({});
    expect(foundByPhone(1)).toEqual([]);
    expect(store.db.prepare("SELECT count(*) AS n FROM events WHERE data LIKE '%شهروند 1%' OR data LIKE ?").get(`%${phoneOf(1)}%`)).toEqual({ n: 0 });

    expect(runRetention(store, 90, log, NOW)).toBe(0);
    expect(log.lines.at(-1)).toBe(`info retention: erased personal data of 0 requests closed before ${daysAgo(90)}`);
  });

  it('keeps the personal data of a request closed 89 days ago and of an open one', () => {
    runRetention(store, 90, log, NOW);
    for (const i of [2, 3]) {
      expect(citizenOf(`137-${i}`)).toEqual({ name: `شهروند ${i}`, phone: phoneOf(i) });
      expect(eventCitizenOf(`137-${i}`)).toEqual({ name: `شهروند ${i}`, phone: phoneOf(i) });
      expect(indexedPhoneOf(`137-${i}`)).toMatchObject({ phone: expect.stringMatching(/\d{10}/) });
      expect(foundByPhone(i)).toEqual([`137-${i}`]);
    }
  });

  it('leaves a request that still reads and a log that still replays', () => {
    runRetention(store, 90, log, NOW);
    expect(views.requestState('137-1')).toMatchObject({ id: '137-1', status: 'closed', closedAt: daysAgo(91), citizenName: null, citizenPhone: null });
    expect(store.events.requestTimeline('137-1').map((e) => e.type)).toEqual(['request.created', 'request.closed']);
    // The erased log, replayed into a new database, gives the same request without its citizen.
    const copy = Store.open(join(t.dir, `copy${n++}.db`));
    try {
      const stored = store.db.prepare('SELECT seq, id, type, at, actor_kind, actor_id, command_id, data FROM events ORDER BY rowid').all() as Record<string, string>[];
      const raws = stored.map((e) => ({ seq: e.seq, id: e.id, type: e.type, at: e.at, actor: { kind: e.actor_kind, ...(e.actor_id ? { id: e.actor_id } : {}) }, ...(e.command_id ? { commandId: e.command_id } : {}), data: JSON.parse(e.data) }));
      new Replicator(copy, memoryLogger()).applyEvents(raws);
      expect(copy.events.rejected()).toEqual([]);
      expect(copy.requests.get('137-1')).toEqual(store.requests.get('137-1'));
    } finally {
      copy.close();
    }
  });

  it('drops the raw text of events rejected before the cutoff, keeping why they were', () => {
    store.events.addRejected(9, 'bad event', JSON.stringify({ citizen: { phone: phoneOf(9) } }), daysAgo(95));
    store.events.addRejected(10, 'bad event', '{}', daysAgo(10));
    runRetention(store, 90, log, NOW);
    expect(store.db.prepare('SELECT seq, reason, raw FROM rejected_events ORDER BY rowid').all()).toEqual([
      { seq: 9, reason: 'bad event', raw: null },
      { seq: 10, reason: 'bad event', raw: '{}' },
    ]);
  });
});
