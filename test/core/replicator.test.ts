// Applying the event log to a real SQLite store (no socket): order, duplicates, gaps, rejected
// and unknown events, command reconciliation and snapshot replacement.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Store } from '../../main/core/db/store';
import { Replicator, inferSeqs } from '../../main/core/sync/replicator';
import { categories, crew, district, ev, newRequest, resetSeq } from './fixtures';
import { memoryLogger, tmp } from './helpers';

describe('replicator', () => {
  const t = tmp();
  afterAll(() => t.cleanup());
  let n = 0;
  let store: Store;
  let rep: Replicator;
  let log: ReturnType<typeof memoryLogger>;
  beforeEach(() => {
    resetSeq();
    store = Store.open(join(t.dir, `r${n++}.db`));
    log = memoryLogger();
    rep = new Replicator(store, log);
    return () => store.close();
  });

  const base = () => [
    ev('district.configured', { district, categories }),
    ev('crew.upserted', { crew: crew('c1') }),
    ev('request.created', { request: newRequest('137-1') }),
  ];

  it('applies events in order and persists lastSeq with them', () => {
    const r = rep.applyEvents(base());
    expect(r).toMatchObject({ applied: 3, rejected: 0, gap: false });
    expect([...r.changes.requests]).toEqual(['137-1']);
    expect(store.events.meta()).toMatchObject({ lastSeq: 3, lastEventAt: '2026-11-28T09:00:03.000Z' });
    expect(store.crews.get('c1')?.status).toBe('off_duty');
    expect(store.requests.get('137-1')?.status).toBe('new');
    expect(store.reference.district()?.id).toBe('6');
    expect(store.events.count()).toBe(3);
  });

  it('skips duplicates and stops at a gap without applying past it', () => {
    const events = base();
    rep.applyEvents(events.slice(0, 2));
    const again = rep.applyEvents(events); // 1,2 again + 3
    expect(again.applied).toBe(1);
    const gap = rep.applyEvents([ev('request.acknowledged', { id: '137-1', operatorId: 'op' }, { seq: 5 })]);
    expect(gap).toMatchObject({ applied: 0, gap: true });
    expect(store.events.meta().lastSeq).toBe(3);
    expect(store.events.count()).toBe(3);
  });

  it('rejects a malformed event whole, logs and counts it, and still advances lastSeq', () => {
    rep.applyEvents(base());
    const bad = ev('request.acknowledged', { id: '137-1', operatorId: 7 });
    const good = ev('request.acknowledged', { id: '137-1', operatorId: 'op' });
    const r = rep.applyEvents([bad, good]);
    expect(r).toMatchObject({ applied: 1, rejected: 1 });
    expect(store.events.meta()).toMatchObject({ lastSeq: 5, rejectedEvents: 1 });
    expect(store.events.rejected()[0]).toMatchObject({ seq: 4 });
    expect(log.lines.some((l) => l.startsWith('warn rejected event seq=4'))).toBe(true);
    // the same bad event delivered again is a duplicate, not a second rejection
    rep.applyEvents([bad]);
    expect(store.events.meta().rejectedEvents).toBe(1);
  });

  it('infers the seq of an event whose seq is unreadable from its neighbours', () => {
    expect(inferSeqs([{ seq: 'x' }, { seq: 8 }, {}, null])).toEqual([7, 8, 9, 10]);
    expect(inferSeqs([{}, {}])).toEqual([null, null]);
    rep.applyEvents(base());
    rep.applyEvents([{ seq: 'four' }, ev('request.acknowledged', { id: '137-1', operatorId: 'op' }, { seq: 5 })]);
    expect(store.events.meta()).toMatchObject({ lastSeq: 5, rejectedEvents: 1 });
    expect(store.requests.get('137-1')?.status).toBe('acknowledged');
  });

  it('stores unknown event types raw and moves on', () => {
    rep.applyEvents(base());
    const r = rep.applyEvents([ev('request.escalated', { id: '137-1', level: 2 }), ev('request.acknowledged', { id: '137-1', operatorId: 'op' })]);
    expect(r).toMatchObject({ applied: 2, rejected: 0 });
    const raw = store.db.prepare("SELECT unknown, data FROM events WHERE type = 'request.escalated'").get();
    expect(raw).toEqual({ unknown: 1, data: JSON.stringify({ id: '137-1', level: 2 }) });
  });

  it('reconciles an optimistic command when its event arrives', () => {
    rep.applyEvents(base());
    store.outbox.enqueue({ commandId: 'cmd-1', type: 'request.acknowledge', data: { id: '137-1' }, operatorId: 'op', issuedAt: 'x', targetKind: 'request', targetId: '137-1' });
    const r = rep.applyEvents([ev('request.acknowledged', { id: '137-1', operatorId: 'op' }, { commandId: 'cmd-1' })]);
    expect(r.changes.reconciled.map((x) => x.commandId)).toEqual(['cmd-1']);
    expect(store.outbox.overlays()).toEqual([]);
  });

  it('replaces the hub-derived state atomically with a snapshot, keeping the outbox', () => {
    rep.applyEvents(base());
    store.outbox.enqueue({ commandId: 'keep', type: 'request.acknowledge', data: { id: '137-1' }, operatorId: 'op', issuedAt: 'x', targetKind: 'request', targetId: '137-1' });
    const snap = [
      ev('district.configured', { district, categories }, { seq: 40 }),
      ev('crew.upserted', { crew: crew('c2') }, { seq: 40 }),
      ev('crew.status_changed', { crewId: 'c2', status: 'available' }, { seq: 40 }),
      ev('request.created', { request: newRequest('137-9') }, { seq: 40 }),
      { seq: 40, broken: true },
    ];
    const build = rep.beginSnapshot();
    rep.stageSnapshot(build, 40, snap.slice(0, 2));
    // nothing is visible before the commit
    expect(store.requests.all().map((r) => r.id)).toEqual(['137-1']);
    expect(store.events.meta().lastSeq).toBe(3);
    rep.stageSnapshot(build, 40, snap.slice(2));
    const changes = rep.commitSnapshot(build, 40, 'hub-b');
    expect(changes.reconciled).toEqual([]);
    expect(store.events.meta()).toMatchObject({ lastSeq: 40, hubId: 'hub-b', rejectedEvents: 1 });
    expect(store.requests.all().map((r) => r.id)).toEqual(['137-9']);
    expect(store.crews.all().map((c) => [c.id, c.status])).toEqual([['c2', 'available']]);
    expect(store.outbox.pendingCount()).toBe(1);
    expect(rep.meta).toMatchObject({ lastSeq: 40, hubId: 'hub-b' });
    expect(store.events.requestTimeline('137-9').map((e) => e.seq)).toEqual([40]);
  });

  it('an abandoned snapshot build leaves the live state as it was', () => {
    rep.applyEvents(base());
    const build = rep.beginSnapshot();
    rep.stageSnapshot(build, 9, [ev('district.configured', { district, categories }, { seq: 9 })]);
    const again = rep.beginSnapshot(); // a newer resume starts over
    rep.stageSnapshot(again, 12, [ev('request.created', { request: newRequest('137-12') }, { seq: 12 })]);
    expect(store.requests.all().map((r) => r.id)).toEqual(['137-1']);
    rep.commitSnapshot(again, 12, 'hub-c');
    expect(store.requests.all().map((r) => r.id)).toEqual(['137-12']);
    expect(store.reference.district()).toBeNull();
  });

  it('leaves state and cursor untouched when a transaction fails', () => {
    rep.applyEvents(base());
    store.db.exec('DROP TABLE requests');
    expect(() => rep.applyEvents([ev('request.created', { request: newRequest('137-2') })])).toThrow();
    expect(rep.meta.lastSeq).toBe(3);
    expect(store.events.meta().lastSeq).toBe(3);
  });
});
