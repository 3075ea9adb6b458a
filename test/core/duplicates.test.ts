// Likely duplicates in the data layer, over a real SQLite file: pairs found as requests arrive
// (replayed events), counted only while the original is open (by the hub or an optimistic close),
// the same after a snapshot, dropped with the hub state, built once for an upgraded database.
import Database from 'better-sqlite3';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { migrate } from '../../main/core/db/migrate';
import { Store } from '../../main/core/db/store';
import { Replicator } from '../../main/core/sync/replicator';
import { Views } from '../../main/core/views';
import { categories, district, ev, newRequest, resetSeq } from './fixtures';
import { memoryLogger, tmp } from './helpers';

// About 20 m and 500 m east of the first report, at Shiraz's latitude.
const NEAR = { lon: 52.5502, lat: 29.64 };
const FAR = { lon: 52.5552, lat: 29.64 };

const first = newRequest('137-1', { description: 'چاله بزرگ وسط خیابان، خودروها آسیب می‌بینند', receivedAt: '2026-11-28T08:00:00.000Z' });
// The same pothole, told by another citizen with Arabic letters, an hour later.
const second = newRequest('137-2', { description: 'يك چاله بزرگ وسط خيابان هست', location: NEAR, receivedAt: '2026-11-28T09:00:00.000Z' });
// Same place and category, another problem and address.
const other = newRequest('137-3', { description: 'ترک و نشست آسفالت کنار جدول', address: 'کوچه ۷', location: NEAR, receivedAt: '2026-11-28T09:30:00.000Z' });

describe('duplicates in the data layer', () => {
  const t = tmp();
  afterAll(() => t.cleanup());
  let n = 0;
  let store: Store;
  let rep: Replicator;
  let views: Views;
  const path = () => join(t.dir, `d${n++}.db`);
  beforeEach(() => {
    resetSeq();
    store = Store.open(path());
    rep = new Replicator(store, memoryLogger());
    views = new Views(store, () => null);
    return () => store.close();
  });

  const arrive = () => [
    ev('district.configured', { district, categories }),
    ev('request.created', { request: first }),
    ev('request.created', { request: second }),
    ev('request.created', { request: other }),
  ];
  const badges = () => Object.fromEntries(views.requests('2026-11-28T00:00:00.000Z').map((r) => [r.id, r.duplicates]));
  const originalsOf = (id: string) => views.withOriginals(views.requestState(id)!).originals.map((c) => c.request.id);

  it('stores the pair when the later report arrives, with its distance and similarity', () => {
    const r = rep.applyEvents(arrive());
    expect(store.duplicates.originalsOf(['137-2', '137-3'])).toEqual([
      { duplicateId: '137-2', originalId: '137-1', meters: expect.closeTo(19.4, 0), similarity: expect.any(Number) },
    ]);
    expect(badges()).toEqual({ '137-1': 0, '137-2': 1, '137-3': 0 });
    const [candidate] = views.withOriginals(views.requestState('137-2')!).originals;
    expect(candidate).toMatchObject({ request: { id: '137-1', duplicates: 0 }, meters: expect.closeTo(19.4, 0) });
    expect(candidate.similarity).toBeGreaterThan(0.4);
    expect([...r.changes.requests].sort()).toEqual(['137-1', '137-2', '137-3']);
  });

  it('finds the pair also when the later-received report arrives first', () => {
    rep.applyEvents([ev('district.configured', { district, categories }), ev('request.created', { request: second })]);
    const r = rep.applyEvents([ev('request.created', { request: first })]);
    expect(store.duplicates.originalsOf(['137-2']).map((p) => p.originalId)).toEqual(['137-1']);
    expect([...r.changes.requests].sort()).toEqual(['137-1', '137-2']); // the badge of 137-2 changed
  });

  it('counts an original only while it is open: closing drops the badge, reopening brings it back', () => {
    rep.applyEvents(arrive());
    rep.applyEvents([ev('request.closed', { id: '137-1', resolution: 'resolved' })]);
    expect(badges()['137-2']).toBe(0);
    expect(originalsOf('137-2')).toEqual([]);
    // A live batch about the original carries its duplicate too: its badge changed.
    expect(views.requestsByIds(['137-1']).views.map((v) => [v.id, v.duplicates])).toEqual([['137-1', 0], ['137-2', 0]]);
    rep.applyEvents([ev('request.reopened', { id: '137-1', reason: 'still there' })]);
    expect(badges()['137-2']).toBe(1);
  });

  it('shows no badge on a duplicate once it is closed itself', () => {
    rep.applyEvents([...arrive(), ev('request.closed', { id: '137-2', resolution: 'duplicate', duplicateOf: '137-1' })]);
    expect(views.requestsByIds(['137-2']).views[0]).toMatchObject({ status: 'closed', duplicates: 0 });
  });

  it('drops the badge as soon as the operator closes the original (optimistic, before the hub acks)', () => {
    rep.applyEvents(arrive());
    store.outbox.enqueue({
      commandId: 'c-1', type: 'request.close', data: { id: '137-1', resolution: 'resolved' }, operatorId: 'op',
      issuedAt: '2026-11-28T10:00:00.000Z', targetKind: 'request', targetId: '137-1',
    });
    expect(views.requestsByIds(['137-1']).views.map((v) => [v.id, v.status, v.duplicates])).toEqual([['137-1', 'closed', 0], ['137-2', 'new', 0]]);
    expect(originalsOf('137-2')).toEqual([]);
  });

  it('finds the pairs again when a report moves away, and tells the original its badge changed', () => {
    rep.applyEvents(arrive());
    const r = rep.applyEvents([ev('request.updated', { id: '137-2', changes: { location: FAR } })]);
    expect(badges()['137-2']).toBe(0);
    expect([...r.changes.requests].sort()).toEqual(['137-1', '137-2']);
  });

  it('matches a request being created (provisional) at read time, and a form that is not sent yet', () => {
    rep.applyEvents(arrive());
    const { location, ...fields } = newRequest('x', { description: 'چاله بزرگ وسط خیابان', location: NEAR, receivedAt: '2026-11-28T09:10:00.000Z' });
    store.outbox.enqueue({
      commandId: 'c-2', type: 'request.create', data: { request: { ...fields, location } }, operatorId: 'op',
      issuedAt: '2026-11-28T09:10:00.000Z', targetKind: 'request', targetId: 'pending:c-2',
    });
    expect(badges()['pending:c-2']).toBe(2); // both reports of the pothole are its originals
    expect(originalsOf('pending:c-2').sort()).toEqual(['137-1', '137-2']);
    const form = { category: 'pothole', ...location, description: fields.description, address: fields.address, receivedAt: '2026-11-28T10:00:00.000Z' };
    expect(views.originalsForNew(form).map((c) => c.request.id).sort()).toEqual(['137-1', '137-2']);
    expect(views.originalsForNew({ ...form, receivedAt: '2026-12-02T10:00:00.000Z' })).toEqual([]); // beyond 72 hours
  });

  it('looks candidates up through the partial index on open requests', () => {
    const plan = store.db
      .prepare(`EXPLAIN QUERY PLAN SELECT id FROM requests WHERE closed_at IS NULL AND category = ? AND lat BETWEEN ? AND ?
        AND lon BETWEEN ? AND ? AND received_at BETWEEN ? AND ?`)
      .all('pothole', 29.6, 29.7, 52.5, 52.6, 'a', 'b') as { detail: string }[];
    expect(plan.map((p) => p.detail).join()).toMatch(/USING (COVERING )?INDEX requests_open_by_place \(category=\? AND lat>\? AND lat<\?\)/);
  });

  it('holds the same pairs after a snapshot as after the replay of the same events', () => {
    rep.applyEvents(arrive());
    const replayed = store.duplicates.ofOpenRequests();
    resetSeq();
    const build = rep.beginSnapshot();
    rep.stageSnapshot(build, 4, arrive());
    store.tx(() => store.db.prepare('DELETE FROM duplicates').run()); // nothing of the old pairs may survive by chance
    rep.commitSnapshot(build, 4, 'hub-b');
    expect(store.duplicates.ofOpenRequests()).toEqual(replayed);
    expect(replayed).toHaveLength(1);
  });

  it('drops the pairs with the rest of the hub state', () => {
    rep.applyEvents(arrive());
    store.clearHubState();
    expect(store.duplicates.ofOpenRequests()).toEqual([]);
    expect(store.db.prepare('SELECT count(*) FROM duplicates').pluck().get()).toBe(0);
  });

  it('builds the pairs once for a database upgraded with requests in it', () => {
    const p = path();
    const db = new Database(p);
    migrate(db, 5); // before migration 7
    const put = db.prepare(`INSERT INTO requests (id, category, priority, status, description, address, lon, lat, channel,
      received_at, ack_due_at, resolve_due_at, updated_at) VALUES (?, ?, 'normal', 'new', ?, ?, ?, ?, 'phone', ?, ?, ?, ?)`);
    for (const r of [first, second]) {
      put.run(r.id, r.category, r.description, r.address, r.location.lon, r.location.lat, r.receivedAt, r.ackDueAt, r.resolveDueAt, r.receivedAt);
    }
    db.close();
    const upgraded = Store.open(p);
    try {
      expect(upgraded.duplicates.ofOpenRequests().map((x) => [x.duplicateId, x.originalId])).toEqual([['137-2', '137-1']]);
      expect(upgraded.db.prepare("SELECT count(*) FROM meta WHERE key = 'duplicatesToBuild'").pluck().get()).toBe(0);
    } finally {
      upgraded.close();
    }
  });
});
