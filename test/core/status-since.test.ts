// When each crew took its status (CrewView.statusSince), from the event log of a real SQLite file:
// a new crew's off_duty, changes and repeats, removal, a pending crew.set_status, a reopened
// database and a snapshot that replaces the log.
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { queueCommand } from '../../main/core/commands';
import { Store } from '../../main/core/db/store';
import { Replicator } from '../../main/core/sync/replicator';
import { Views } from '../../main/core/views';
import { categories, crew, district, ev, resetSeq } from './fixtures';
import { memoryLogger, tmp } from './helpers';

/** The time fixtures' event of that seq carries (fixtures.ev). */
const atSeq = (seq: number) => new Date(Date.UTC(2026, 10, 28, 9, 0, seq)).toISOString();

describe('crew status since', () => {
  const t = tmp();
  afterAll(() => t.cleanup());
  let n = 0;
  let file: string;
  let store: Store;
  let rep: Replicator;
  let views: Views;
  const open = () => {
    store = Store.open(file);
    rep = new Replicator(store, memoryLogger());
    views = new Views(store, () => null);
  };
  beforeEach(() => {
    resetSeq();
    file = join(t.dir, `s${n++}.db`);
    open();
    return () => store.close();
  });
  const since = () => Object.fromEntries(views.crews().map((c) => [c.id, [c.status, c.statusSince]]));

  it('follows the log: off duty from the upsert, then the time of each real change; a repeat keeps it', () => {
    rep.applyEvents([ev('district.configured', { district, categories }), ev('crew.upserted', { crew: crew('c1') }), ev('crew.upserted', { crew: crew('c2') })]);
    expect(since()).toEqual({ c1: ['off_duty', atSeq(2)], c2: ['off_duty', atSeq(3)] });
    rep.applyEvents([ev('crew.status_changed', { crewId: 'c1', status: 'available' })]); // seq 4
    expect(views.crew('c1')).toMatchObject({ status: 'available', statusSince: atSeq(4) });
    rep.applyEvents([
      ev('crew.upserted', { crew: { ...crew('c1'), name: 'renamed' } }), // 5: not a status change
      ev('crew.status_changed', { crewId: 'c1', status: 'available' }), // 6: a repeat
      ev('crew.status_changed', { crewId: 'c2', status: 'break' }), // 7
    ]);
    expect(since()).toEqual({ c1: ['available', atSeq(4)], c2: ['break', atSeq(7)] });
  });

  it('starts again for a crew removed and added back, and survives reopening the file', () => {
    rep.applyEvents([
      ev('district.configured', { district, categories }),
      ev('crew.upserted', { crew: crew('c1') }),
      ev('crew.status_changed', { crewId: 'c1', status: 'on_site' }),
      ev('crew.removed', { crewId: 'c1' }),
      ev('crew.upserted', { crew: crew('c1') }), // 5: off duty again
    ]);
    expect(since()).toEqual({ c1: ['off_duty', atSeq(5)] });
    store.close();
    open();
    expect(since()).toEqual({ c1: ['off_duty', atSeq(5)] });
  });

  it('shows a pending crew.set_status from when it was issued, and the hub’s time once applied', () => {
    rep.applyEvents([ev('district.configured', { district, categories }), ev('crew.upserted', { crew: crew('c1') }), ev('crew.status_changed', { crewId: 'c1', status: 'available' })]);
    const issued = new Date('2026-11-28T09:30:00Z');
    const { commandId } = queueCommand(store, { type: 'crew.set_status', data: { crewId: 'c1', status: 'break' } }, 'op-1', issued);
    expect(views.crew('c1')).toMatchObject({ status: 'break', statusSince: issued.toISOString() });
    // A pending command that does not change the status leaves the time as it was.
    queueCommand(store, { type: 'crew.set_status', data: { crewId: 'c1', status: 'break' } }, 'op-1', new Date('2026-11-28T09:31:00Z'));
    expect(views.crew('c1')?.statusSince).toBe(issued.toISOString());
    rep.applyEvents([ev('crew.status_changed', { crewId: 'c1', status: 'break' }, { commandId })]); // seq 4
    expect(views.crews().find((c) => c.id === 'c1')).toMatchObject({ status: 'break', statusSince: atSeq(4) });
  });

  it('follows a snapshot that replaces the log', () => {
    rep.applyEvents([ev('district.configured', { district, categories }), ev('crew.upserted', { crew: crew('c1') }), ev('crew.status_changed', { crewId: 'c1', status: 'available' })]);
    expect(since()).toEqual({ c1: ['available', atSeq(3)] });
    const build = rep.beginSnapshot();
    rep.stageSnapshot(build, 40, [
      ev('district.configured', { district, categories }, { seq: 38 }),
      ev('crew.upserted', { crew: crew('c1') }, { seq: 39 }),
      ev('crew.status_changed', { crewId: 'c1', status: 'en_route' }, { seq: 40 }),
    ]);
    rep.commitSnapshot(build, 40, 'hub-b');
    expect(since()).toEqual({ c1: ['en_route', atSeq(40)] });
  });
});
