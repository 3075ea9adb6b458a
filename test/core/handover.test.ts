// Shift handover over a real SQLite file: the note carries exactly the open requests overdue when
// it was written (the queue's shared rule), most overdue first; the text's limits; the pending
// note for the next account and not its writer; the acknowledgement's rules; the list by day;
// all of it still there after the database is opened again.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Store } from '../../main/core/db/store';
import { Handover, HandoverError } from '../../main/core/handover';
import { Replicator } from '../../main/core/sync/replicator';
import { Views } from '../../main/core/views';
import { categories, district, ev, newRequest, resetSeq } from './fixtures';
import { memoryLogger, tmp } from './helpers';

// The fixtures' requests are received at 09:00 UTC with the acknowledgement due at 09:15.
const NOW = new Date('2026-11-28T10:00:00.000Z');

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof HandoverError) return err.code;
    throw err;
  }
  return null;
};

describe('shift handover', () => {
  const t = tmp();
  afterAll(() => t.cleanup());
  let n = 0;
  let path: string;
  let store: Store;
  let clock: Date;
  const handover = (s: Store) => {
    const views = new Views(s, () => null);
    return new Handover(s, () => views.requests(NOW.toISOString()), () => clock);
  };
  beforeEach(() => {
    resetSeq();
    clock = NOW;
    path = join(t.dir, `h${n++}.db`);
    store = Store.open(path);
    new Replicator(store, memoryLogger()).applyEvents([
      ev('district.configured', { district, categories }),
      ev('request.created', { request: newRequest('137-1') }), // ack due 09:15: overdue 45 min
      ev('request.created', { request: newRequest('137-2', { ackDueAt: '2026-11-28T10:30:00.000Z' }) }), // not yet due
      ev('request.created', { request: newRequest('137-3', { ackDueAt: '2026-11-28T09:30:00.000Z' }) }), // overdue 30 min
      ev('request.created', { request: newRequest('137-4') }),
      ev('request.closed', { id: '137-4', resolution: 'resolved' }), // closed: nothing to hand over
      ev('request.created', { request: newRequest('137-5', { resolveDueAt: '2026-11-28T09:50:00.000Z' }) }),
      ev('request.acknowledged', { id: '137-5', operatorId: 'op-1' }), // resolution overdue 10 min
      ev('request.created', { request: newRequest('137-6') }),
      ev('request.acknowledged', { id: '137-6', operatorId: 'op-1' }), // acknowledged, resolution due 13:00
    ]);
    return () => store.close();
  });

  it('attaches exactly the open overdue requests, most overdue first, with the deadline each missed', () => {
    const note = handover(store).write('sara', '  دو خودرو در تعمیرگاه  ');
    expect(note).toMatchObject({ writtenBy: 'sara', writtenAt: NOW.toISOString(), text: 'دو خودرو در تعمیرگاه', acknowledgedBy: null, acknowledgedAt: null });
    expect(note.overdue).toEqual([
      { id: '137-1', category: 'pothole', priority: 'normal', status: 'new', which: 'ack', deadline: '2026-11-28T09:15:00.000Z' },
      { id: '137-3', category: 'pothole', priority: 'normal', status: 'new', which: 'ack', deadline: '2026-11-28T09:30:00.000Z' },
      { id: '137-5', category: 'pothole', priority: 'normal', status: 'acknowledged', which: 'resolve', deadline: '2026-11-28T09:50:00.000Z' },
    ]);
  });

  it('keeps the text between 1 and 4000 characters after trimming', () => {
    const h = handover(store);
    expect(codeOf(() => h.write('sara', ' \n\t '))).toBe('invalid');
    expect(codeOf(() => h.write('sara', 'x'.repeat(4001)))).toBe('invalid');
    expect(h.write('sara', ` ${'x'.repeat(4000)} `).text).toHaveLength(4000);
    expect(h.write('sara', 'y').text).toBe('y');
  });

  it('offers the newest unacknowledged note to another account, never to its writer', () => {
    const h = handover(store);
    expect(h.pending('reza')).toBeNull();
    h.write('sara', 'older');
    clock = new Date('2026-11-28T10:05:00.000Z');
    const newer = h.write('sara', 'newer');
    expect(h.pending('reza')?.id).toBe(newer.id);
    expect(h.pending('sara')).toBeNull();
    h.acknowledge(newer.id, 'reza');
    expect(h.pending('reza')?.text).toBe('older');
  });

  it('is acknowledged once, by someone else, and only if it exists', () => {
    const h = handover(store);
    const note = h.write('sara', 'note');
    expect(codeOf(() => h.acknowledge(note.id, 'sara'))).toBe('own_note');
    expect(codeOf(() => h.acknowledge(note.id + 100, 'reza'))).toBe('not_found');
    clock = new Date('2026-11-28T10:10:00.000Z');
    expect(h.acknowledge(note.id, 'reza')).toMatchObject({ acknowledgedBy: 'reza', acknowledgedAt: '2026-11-28T10:10:00.000Z' });
    expect(codeOf(() => h.acknowledge(note.id, 'ali'))).toBe('already_acknowledged');
    expect(h.pending('reza')).toBeNull();
  });

  it("lists a day's notes, newest first, bounds [from, to)", () => {
    const h = handover(store);
    const at = (iso: string, text: string) => ((clock = new Date(iso)), h.write('sara', text));
    at('2026-11-27T20:29:59.999Z', 'the day before'); // Tehran 23:59:59.999 on the 27th
    at('2026-11-27T20:30:00.000Z', 'first'); // Tehran 00:00 on the 28th
    at('2026-11-28T12:00:00.000Z', 'second');
    at('2026-11-28T20:30:00.000Z', 'the next day');
    expect(h.list('2026-11-27T20:30:00.000Z', '2026-11-28T20:30:00.000Z').map((x) => x.text)).toEqual(['second', 'first']);
  });

  it('survives opening the database again', () => {
    const h = handover(store);
    const note = h.write('sara', 'note');
    h.acknowledge(note.id, 'reza');
    store.close();
    store = Store.open(path);
    expect(handover(store).list('2026-11-28T00:00:00.000Z', '2026-11-29T00:00:00.000Z')).toEqual([
      { ...note, acknowledgedBy: 'reza', acknowledgedAt: NOW.toISOString() },
    ]);
  });
});
