import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Store } from '../../main/core/db/store';
import { newRequestState } from '../../main/core/domain/request';
import { newRequest } from './fixtures';
import { tmp } from './helpers';

describe('data layer', () => {
  const t = tmp();
  afterAll(() => t.cleanup());
  let n = 0;
  let store: Store;
  beforeEach(() => {
    store = Store.open(join(t.dir, `s${n++}.db`));
    return () => store.close();
  });

  const cmd = (commandId: string, targetId = 'r1') => ({
    commandId,
    type: 'request.acknowledge',
    data: { id: targetId },
    operatorId: 'op',
    issuedAt: '2026-11-28T09:00:00.000Z',
    targetKind: 'request' as const,
    targetId,
  });

  it('forgets the event ids of a transaction that rolled back (the id may come again with another seq)', () => {
    const event = { seq: 1, id: 'ev-1', type: 'x.y', at: '2026-11-28T09:00:00.000Z', actorKind: 'system', actorId: null, commandId: null, targetId: null, data: {}, unknown: true };
    expect(() =>
      store.refetchableTx(() => {
        store.events.append([event]);
        throw new Error('the message failed half-way');
      }),
    ).toThrow(/half-way/);
    expect(store.events.seqsOfIds(['ev-1']).size).toBe(0);
    store.refetchableTx(() => store.events.append([{ ...event, seq: 2 }]));
    expect(store.events.seqsOfIds(['ev-1'])).toEqual(new Map([['ev-1', 2]]));
  });

  it('keeps the cursor and the running total of rejected events in meta', () => {
    store.tx(() => store.events.setCursor(7, '2026-11-28T09:00:07.000Z'));
    store.events.setHubId('hub-x');
    expect(store.events.addRejected(8, 'bad', '{}', 'now')).toBe(1);
    expect(store.events.addRejected(9, 'bad', null, 'now')).toBe(2);
    expect(store.events.meta()).toEqual({ hubId: 'hub-x', lastSeq: 7, lastEventAt: '2026-11-28T09:00:07.000Z', rejectedEvents: 2 });
    expect(store.events.rejected().map((r) => r.seq)).toEqual([8, 9]);
  });

  it('commits hub-event transactions without fsync and everything else with it', () => {
    const level = () => store.db.pragma('synchronous', { simple: true });
    expect(level()).toBe(2); // FULL: the outbox
    expect(store.refetchableTx(() => (store.events.setCursor(1, null), level()))).toBe(1); // NORMAL
    expect(level()).toBe(2);
    expect(() => store.refetchableTx(() => { throw new Error('boom'); })).toThrow('boom');
    expect(level()).toBe(2);
    expect(store.events.meta().lastSeq).toBe(1);
    // Inside a FULL transaction the outer level holds.
    expect(store.tx(() => store.refetchableTx(level))).toBe(2);
  });

  it('stores requests and lists open ones plus those closed since a time', () => {
    const open = newRequestState(newRequest('r1'), 'x');
    store.requests.put(open);
    store.requests.put({ ...newRequestState(newRequest('r2'), 'x'), status: 'closed', closedAt: '2026-11-27T10:00:00.000Z' });
    store.requests.put({ ...newRequestState(newRequest('r3'), 'x'), status: 'closed', closedAt: '2026-11-28T10:00:00.000Z' });
    expect(store.requests.get('r1')).toEqual(open);
    expect(store.requests.openOrClosedSince('2026-11-28T00:00:00.000Z').map((r) => r.id)).toEqual(['r1', 'r3']);
  });

  it('keeps the latest fix per crew by time, whatever the write order', () => {
    const fix = (at: string, lon: number) => ({ crewId: 'c1', lon, lat: 29.6, heading: null, speedKmh: null, accuracyM: null, at });
    store.crews.putPositions([fix('2026-11-28T09:00:05.000Z', 52.5)]);
    store.crews.putPositions([fix('2026-11-28T09:00:01.000Z', 52.1)]);
    expect(store.crews.positions()[0].lon).toBe(52.5);
    store.crews.putPositions([fix('2026-11-28T09:00:09.000Z', 52.9)]);
    expect(store.crews.positions()[0].lon).toBe(52.9);
  });

  it('sends the outbox in order and settles rows by ack', () => {
    store.outbox.enqueue(cmd('a'));
    store.outbox.enqueue(cmd('b'));
    store.outbox.enqueue(cmd('c', 'r2'));
    expect(store.outbox.firstPending()?.commandId).toBe('a');
    expect(store.outbox.pendingByTarget()).toEqual(new Map([['r1', 2], ['r2', 1]]));
    // ok ack ahead of the stream: the overlay stays until the stream reaches seq 10
    store.outbox.markAcked('a', 10, 5, 'now');
    expect(store.outbox.row('a')).toMatchObject({ state: 'acked', overlay: true, ackSeq: 10 });
    expect(store.outbox.firstPending()?.commandId).toBe('b');
    expect(store.outbox.reconcileAckedUpTo(9)).toEqual([]);
    expect(store.outbox.reconcileAckedUpTo(10).map((r) => r.commandId)).toEqual(['a']);
    // failed ack undoes the effect at once
    store.outbox.markFailed('b', 'conflict', 'already acknowledged', 'now');
    expect(store.outbox.row('b')).toMatchObject({ state: 'failed', overlay: false });
    // an event carrying the commandId reconciles before the ack
    expect(store.outbox.reconcile('c')?.targetId).toBe('r2');
    expect(store.outbox.reconcile('c')).toBeNull();
    expect(store.outbox.row('c')).toMatchObject({ state: 'pending', overlay: false });
    expect(store.outbox.pendingCount()).toBe(1);
    expect(store.outbox.overlays()).toEqual([]);
  });

  it('a snapshot clears hub-derived state but keeps the outbox', () => {
    store.requests.put(newRequestState(newRequest('r1'), 'x'));
    store.outbox.enqueue(cmd('a'));
    store.clearHubState();
    expect(store.requests.all()).toEqual([]);
    expect(store.outbox.pendingCount()).toBe(1);
  });

  it('lets a read-only connection read while a writer holds the database', () => {
    store.tx(() => store.events.setCursor(3, null));
    const reader = Store.openReadOnly(store.path);
    try {
      store.db.exec('BEGIN IMMEDIATE');
      store.events.setCursor(4, null); // uncommitted
      expect(reader.events.meta().lastSeq).toBe(3);
      store.db.exec('COMMIT');
      expect(reader.events.meta().lastSeq).toBe(4);
      expect(() => reader.events.setCursor(5, null)).toThrow(/readonly/);
    } finally {
      reader.close();
    }
  });

  it('notices commits by another connection through data_version', () => {
    const other = Store.open(store.path);
    const before = store.dataVersion();
    other.outbox.enqueue(cmd('z'));
    other.close();
    expect(store.dataVersion()).not.toBe(before);
    expect(store.outbox.after(0).map((r) => r.commandId)).toEqual(['z']);
  });
});
