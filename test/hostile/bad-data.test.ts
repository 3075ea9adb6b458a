// The real core against a hub that sends bad data on a well-formed link (issue 14): fixes dated in
// the future, loosely written timestamps, bogus command acks, empty and reused event ids. Each
// test checks that the stored state stays right, that the bad item is counted where a supervisor
// sees it, and that the core keeps answering its API.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import { queueCommand } from '../../main/core/commands';
import { migrate } from '../../main/core/db/migrate';
import { DB_FILE_NAME, Store } from '../../main/core/db/store';
import { summariseDataDir } from '../../main/core/state-summary';
import { categories, crew, district, newRequest } from '../core/fixtures';
import { configFor, startTestCore, tmp, waitFor, type TestCore } from '../core/helpers';
import { startHostileHub, type HostileConnection, type HostileHub } from '../support/hostile-hub';

const t = tmp('c137-hostile-data-');
afterAll(() => t.cleanup());
let dirs = 0;
const dataDir = () => t.data(`console-${dirs++}`);

type Raw = Record<string, unknown>;
const iso = (ms: number) => new Date(ms).toISOString();
const ev = (seq: number, type: string, data: Raw, over: Raw = {}): Raw => ({
  seq,
  id: `ev-${seq}`,
  type,
  at: iso(Date.now()),
  actor: { kind: 'hub' },
  data,
  ...over,
});

/** A district with one crew, `crew-1`, available (seqs 1–3). */
const baseLog = (): Raw[] => [
  ev(1, 'district.configured', { district, categories }),
  ev(2, 'crew.upserted', { crew: crew('crew-1') }),
  ev(3, 'crew.status_changed', { crewId: 'crew-1', status: 'available' }),
];

interface LogHub extends HostileHub {
  log: Raw[];
  /** Append events to the log and send them to every connection that has resumed. */
  append(...events: Raw[]): void;
  /** The connections that have sent `resume`. */
  resumed: HostileConnection[];
}

/**
 * A hub that follows §2 for `resume` (a replay of its log) and otherwise does what the test says:
 * `onResumed` runs once a connection is replayed to, `onCommand` answers each command.
 */
async function logHub(
  log: Raw[],
  o: {
    hello?: (c: HostileConnection, hub: LogHub) => void;
    onResumed?: (c: HostileConnection, hub: LogHub) => void;
    onCommand?: (cmd: Raw, ack: (a: unknown) => void, hub: LogHub) => void;
  } = {},
): Promise<LogHub> {
  const extra = { log, resumed: [] as HostileConnection[] };
  const hub = (await startHostileHub((c) => {
    c.socket.on('resume', (req: { afterSeq: number }, ack: (a: unknown) => void) => {
      const head = extra.log.length ? (extra.log[extra.log.length - 1].seq as number) : 0;
      ack({ mode: 'replay', fromSeq: req.afterSeq + 1, toSeq: head });
      const rest = extra.log.filter((e) => (e.seq as number) > req.afterSeq);
      if (rest.length) c.socket.emit('events', { events: rest });
      extra.resumed.push(c);
      o.onResumed?.(c, hub);
    });
    c.socket.on('command', (cmd: Raw, ack: (a: unknown) => void) => o.onCommand?.(cmd, ack, hub));
    if (o.hello) o.hello(c, hub);
    else c.hello({ headSeq: extra.log.length ? (extra.log[extra.log.length - 1].seq as number) : 0 });
  })) as LogHub;
  Object.assign(hub, extra, {
    append(...events: Raw[]) {
      hub.log.push(...events);
      for (const c of hub.resumed) if (c.socket.connected) c.socket.emit('events', { events });
    },
  });
  return hub;
}

const live = (tc: TestCore, lastSeq: number) =>
  waitFor(() => {
    const s = tc.core.linkState();
    return s.state === 'live' && s.lastSeq === lastSeq && s;
  }, `console live at seq ${lastSeq}`);

/** The core still answers its API promptly: bootstrap within 2 s, measured here. */
async function expectResponsive(tc: TestCore) {
  const t0 = performance.now();
  const boot = await tc.core.handlers.queries.bootstrap({}, tc.caller);
  expect(performance.now() - t0).toBeLessThan(2000);
  return boot;
}

/** waitFor for a probe that asks the core's API (a promise). */
async function eventually<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** `fn` on the data directory's database, opened next to (or between runs of) the core. */
function inStore<T>(dir: string, fn: (store: Store) => T, o: { write?: boolean } = {}): T {
  const path = join(dir, DB_FILE_NAME);
  const store = o.write ? Store.open(path) : Store.openReadOnly(path);
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

const fixOf = async (tc: TestCore, crewId: string) => (await expectResponsive(tc)).crews.find((c) => c.id === crewId)?.fix ?? null;

describe('a fix from the future', () => {
  it('is rejected against the hub clock and counted; later real fixes still move the crew, across a restart', async () => {
    const hub = await logHub(baseLog());
    const dir = dataDir();
    let tc = await startTestCore(configFor(hub.url, dir));
    await live(tc, 3);
    const c = hub.resumed[0];
    c.socket.emit('positions', { positions: [{ crewId: 'crew-1', lon: 52.51, lat: 29.61, at: '9999-12-31T00:00:00.000Z' }] });
    c.socket.emit('positions', { positions: [{ crewId: 'crew-1', lon: 52.52, lat: 29.62, at: iso(Date.now()) }] });
    await eventually(async () => (await fixOf(tc, 'crew-1'))?.lon === 52.52, 'the real fix shown');
    // within the tolerance: a device clock a little ahead of the hub's is still believed
    const ahead = iso(Date.now() + 30_000);
    c.socket.emit('positions', { positions: [{ crewId: 'crew-1', lon: 52.53, lat: 29.63, at: ahead }] });
    await eventually(async () => (await fixOf(tc, 'crew-1'))?.at === ahead, 'the slightly early fix shown');
    await waitFor(() => summariseDataDir(dir).rejectedFixes === 1, 'the rejected fix counted on disk');
    expect(summariseDataDir(dir).crews[0]).toMatchObject({ lon: 52.53, fixAt: ahead });
    expect(tc.log.lines.some((l) => /warn refused 1 crew fix.*future/.test(l))).toBe(true);
    await tc.close();

    tc = await startTestCore(configFor(hub.url, dir));
    await live(tc, 3);
    const later = iso(Date.now() + 31_000);
    hub.resumed[1].socket.emit('positions', { positions: [{ crewId: 'crew-1', lon: 52.54, lat: 29.64, at: later }] });
    await eventually(async () => (await fixOf(tc, 'crew-1'))?.lon === 52.54, 'a later real fix after the restart');
    expect(summariseDataDir(dir).rejectedFixes).toBe(1);
  });

  it("is judged by the hub's clock, not the workstation's", async () => {
    // The hub's clock is an hour behind this machine's: a fix stamped with this machine's time is
    // an hour ahead of the hub and cannot be real.
    const hub = await logHub(baseLog(), { hello: (c) => c.hello({ headSeq: 3, serverTime: iso(Date.now() - 3600_000) }) });
    const dir = dataDir();
    const tc = await startTestCore(configFor(hub.url, dir));
    await live(tc, 3);
    const c = hub.resumed[0];
    c.socket.emit('positions', { positions: [{ crewId: 'crew-1', lon: 52.51, lat: 29.61, at: iso(Date.now()) }] });
    c.socket.emit('positions', { positions: [{ crewId: 'crew-1', lon: 52.52, lat: 29.62, at: iso(Date.now() - 3600_000) }] });
    await eventually(async () => (await fixOf(tc, 'crew-1'))?.lon === 52.52, "the fix in the hub's time shown");
    await waitFor(() => summariseDataDir(dir).rejectedFixes === 1, 'the early fix counted');
  });

  it('already stored by an older console is dropped once the hub clock is known', async () => {
    const hub = await logHub(baseLog());
    const dir = dataDir();
    let tc = await startTestCore(configFor(hub.url, dir));
    await live(tc, 3);
    await tc.close();
    const future = { crewId: 'crew-1', lon: 52.5, lat: 29.6, heading: null, speedKmh: null, accuracyM: null, at: '9999-12-31T00:00:00.000Z' };
    inStore(dir, (store) => store.crews.putPositions([future]), { write: true });

    tc = await startTestCore(configFor(hub.url, dir));
    await live(tc, 3);
    await eventually(async () => (await fixOf(tc, 'crew-1')) === null, 'the stored future fix dropped');
    await waitFor(() => tc.batches.some((b) => b.crews.some((c) => c.id === 'crew-1' && c.fix === null)), 'the crew sent again without it');
    const now = iso(Date.now());
    hub.resumed[1].socket.emit('positions', { positions: [{ crewId: 'crew-1', lon: 52.55, lat: 29.65, at: now }] });
    await waitFor(() => summariseDataDir(dir).crews[0].fixAt === now, 'the real fix on disk');
    expect(summariseDataDir(dir).rejectedFixes).toBe(1);
  });
});

describe('timestamps', () => {
  it('rejects an event or a fix whose time is not an ISO-8601 UTC timestamp', async () => {
    const hub = await logHub(baseLog());
    const dir = dataDir();
    const tc = await startTestCore(configFor(hub.url, dir));
    await live(tc, 3);
    hub.append(
      ev(4, 'crew.status_changed', { crewId: 'crew-1', status: 'break' }, { at: '1' }),
      ev(5, 'crew.status_changed', { crewId: 'crew-1', status: 'off_duty' }, { at: '2026-11-28 09:00:00' }),
      ev(6, 'crew.status_changed', { crewId: 'crew-1', status: 'en_route' }, { at: '2026-02-30T09:00:00.000Z' }),
      ev(7, 'crew.status_changed', { crewId: 'crew-1', status: 'on_site' }, { at: '2026-11-28T12:30:00.000+03:30' }),
    );
    await live(tc, 7);
    hub.resumed[0].socket.emit('positions', { positions: [{ crewId: 'crew-1', lon: 52.51, lat: 29.61, at: '1' }] });
    const s = summariseDataDir(dir);
    expect(s.rejectedEvents).toBe(4);
    expect(s.crews[0].status).toBe('available');
    expect(tc.log.lines.filter((l) => /rejected event seq=[4-7]: at: not an ISO-8601 UTC time/.test(l))).toHaveLength(4);
    hub.append(ev(8, 'crew.status_changed', { crewId: 'crew-1', status: 'break' }, { at: '2026-11-28T09:00:00Z' }));
    await live(tc, 8);
    expect(summariseDataDir(dir).crews[0]).toMatchObject({ status: 'break', fixAt: null });
    expect(await fixOf(tc, 'crew-1')).toBeNull();
  });
});

describe('event ids', () => {
  it('rejects an empty id and an id reused by an event of another seq, in one message, across messages and restarts', async () => {
    const hub = await logHub(baseLog());
    const dir = dataDir();
    let tc = await startTestCore(configFor(hub.url, dir));
    await live(tc, 3);
    hub.append(
      ev(4, 'crew.status_changed', { crewId: 'crew-1', status: 'break' }, { id: '' }),
      ev(5, 'crew.status_changed', { crewId: 'crew-1', status: 'en_route' }, { id: 'ev-5' }),
      ev(6, 'crew.status_changed', { crewId: 'crew-1', status: 'off_duty' }, { id: 'ev-5' }),
    );
    await live(tc, 6);
    hub.append(ev(7, 'crew.status_changed', { crewId: 'crew-1', status: 'on_site' }, { id: 'ev-2' }));
    await live(tc, 7);
    let s = summariseDataDir(dir);
    expect(s.rejectedEvents).toBe(3);
    expect(s.crews[0].status).toBe('en_route');
    expect(tc.log.lines.some((l) => /rejected event seq=4: id: /.test(l))).toBe(true);
    expect(tc.log.lines.some((l) => l.includes('rejected event seq=6: event id already used by seq 5'))).toBe(true);
    expect(tc.log.lines.some((l) => l.includes('rejected event seq=7: event id already used by seq 2'))).toBe(true);
    await tc.close();

    tc = await startTestCore(configFor(hub.url, dir));
    await live(tc, 7);
    hub.append(ev(8, 'crew.status_changed', { crewId: 'crew-1', status: 'break' }, { id: 'ev-5' }), ev(9, 'crew.status_changed', { crewId: 'crew-1', status: 'available' }));
    await live(tc, 9);
    s = summariseDataDir(dir);
    expect(s.rejectedEvents).toBe(4);
    expect(s.crews[0].status).toBe('available');
    await expectResponsive(tc);
    expect(inStore(dir, (store) => store.events.count())).toBe(5); // 1, 2, 3, 5, 9
  });

  it('still knows every id after a replay long enough for the ids to be indexed in batches', async () => {
    const statuses = ['break', 'available'] as const;
    const log = baseLog();
    for (let seq = 4; seq <= 20_010; seq++) log.push(ev(seq, 'crew.status_changed', { crewId: 'crew-1', status: statuses[seq % 2] }));
    const hub = await logHub(log);
    const dir = dataDir();
    let tc = await startTestCore(configFor(hub.url, dir));
    await waitFor(() => tc.core.linkState().lastSeq === 20_010, 'the replay done', 60_000);
    hub.append(ev(20_011, 'crew.status_changed', { crewId: 'crew-1', status: 'off_duty' }, { id: 'ev-10' }));
    await live(tc, 20_011);
    expect(tc.log.lines.some((l) => l.includes('rejected event seq=20011: event id already used by seq 10'))).toBe(true);
    await tc.close();
    tc = await startTestCore(configFor(hub.url, dir));
    await live(tc, 20_011);
    hub.append(
      ev(20_012, 'crew.status_changed', { crewId: 'crew-1', status: 'off_duty' }, { id: 'ev-11' }),
      ev(20_013, 'crew.status_changed', { crewId: 'crew-1', status: 'off_duty' }, { id: 'ev-20009' }),
    );
    await live(tc, 20_013);
    const s = summariseDataDir(dir);
    expect(s.rejectedEvents).toBe(3);
    expect(s.crews[0].status).toBe('break'); // seq 20,010's
    expect(tc.log.lines.some((l) => l.includes('rejected event seq=20012: event id already used by seq 11'))).toBe(true);
    expect(tc.log.lines.some((l) => l.includes('rejected event seq=20013: event id already used by seq 20009'))).toBe(true);
    inStore(dir, (store) => {
      // the first 20,000 ids went into event_ids in one batch; the rest were found in the log's tail
      expect(store.db.prepare("SELECT value FROM meta WHERE key = 'eventIdsUpTo'").get()).toEqual({ value: '20000' });
      expect(store.db.prepare('SELECT count(*) AS n FROM event_ids').get()).toEqual({ n: 20_000 });
    });
    await expectResponsive(tc);
  }, 90_000);

  it('rejects an id reused inside a snapshot and still applies the rest of it', async () => {
    const snapshot = [
      ev(9, 'district.configured', { district, categories }, { id: 's-1' }),
      ev(9, 'crew.upserted', { crew: crew('crew-1') }, { id: 's-2' }),
      ev(9, 'crew.status_changed', { crewId: 'crew-1', status: 'break' }, { id: 's-3' }),
      ev(9, 'crew.status_changed', { crewId: 'crew-1', status: 'off_duty' }, { id: 's-3' }),
      ev(9, 'request.created', { request: newRequest('137-1') }, { id: 's-4' }),
    ];
    const hub = await startHostileHub((c) => {
      c.socket.on('resume', (_req: unknown, ack: (a: unknown) => void) => {
        ack({ mode: 'snapshot', seq: 9, parts: 1 });
        c.socket.emit('snapshot', { seq: 9, part: 1, parts: 1, events: snapshot });
        // a live event reusing an id of the snapshot, now the log
        c.socket.emit('events', { events: [ev(10, 'crew.status_changed', { crewId: 'crew-1', status: 'available' }, { id: 's-2' })] });
      });
      c.hello({ headSeq: 9 });
    });
    const dir = dataDir();
    const tc = await startTestCore(configFor(hub.url, dir));
    await live(tc, 10);
    const s = summariseDataDir(dir);
    expect(s).toMatchObject({ lastSeq: 10, rejectedEvents: 2, requests: [{ id: '137-1', status: 'new' }], crews: [{ id: 'crew-1', status: 'break' }] });
    expect(tc.log.lines.some((l) => l.includes('rejected event seq=9: event id already used in this snapshot'))).toBe(true);
    expect(tc.log.lines.some((l) => l.includes('rejected event seq=10: event id already used by seq 9'))).toBe(true);
    expect(tc.log.lines.some((l) => l.includes('sync failed'))).toBe(false);
    await expectResponsive(tc);
  });

  it('an older log that already holds an id twice is indexed on upgrade: the later copy is moved to the rejected events', async () => {
    const dir = dataDir();
    mkdirSync(dir, { recursive: true });
    const db = new Database(join(dir, DB_FILE_NAME));
    migrate(db, 4);
    const ins = db.prepare("INSERT INTO events (seq, id, type, at, actor_kind, data) VALUES (?, ?, 'crew.status_changed', '2026-11-28T09:00:00.000Z', 'hub', '{}')");
    ins.run(1, 'a');
    ins.run(2, 'b');
    ins.run(3, 'a');
    db.prepare("INSERT INTO meta (key, value) VALUES ('lastSeq', '3'), ('rejectedEvents', '2')").run();
    db.close();
    inStore(
      dir,
      (store) => {
        expect(store.events.count()).toBe(2);
        expect(store.events.meta()).toMatchObject({ lastSeq: 3, rejectedEvents: 3 });
        expect(store.events.rejected()).toEqual([{ seq: 3, receivedAt: expect.any(String), reason: 'event id already used by seq 1 (found on upgrade)' }]);
      },
      { write: true },
    );
  });
});

describe('a bogus command ack', () => {
  /** A request assigned to crew-1 (seqs 4–6 after the base log). */
  const assignedLog = () => [
    ...baseLog(),
    ev(4, 'request.created', { request: newRequest('137-1') }),
    ev(5, 'request.assigned', { id: '137-1', crewId: 'crew-1', operatorId: 'op-2' }),
    ev(6, 'crew.status_changed', { crewId: 'crew-1', status: 'assigned' }),
  ];
  const requestView = async (tc: TestCore) => (await expectResponsive(tc)).requests.find((r) => r.id === '137-1');
  const outboxRow = (dir: string, commandId: string) => inStore(dir, (store) => store.outbox.row(commandId));

  it('an ack far beyond the hub head is malformed: the command stays pending, is re-sent, and an ok ack whose events never come lets the view return to the hub state', async () => {
    const commands: Raw[] = [];
    const hub = await logHub(assignedLog(), {
      onCommand: (cmd, ack) => {
        commands.push(cmd);
        // first a seq no hub can have reached; then a plausible one whose events never come
        ack({ ok: true, seq: commands.length === 1 ? 1e15 : 7 });
      },
    });
    const dir = dataDir();
    const tc = await startTestCore(configFor(hub.url, dir));
    await live(tc, 6);
    const { commandId } = await tc.core.handlers.commands.submit({ type: 'request.set_status', data: { id: '137-1', status: 'en_route' } }, tc.caller);
    expect(await requestView(tc)).toMatchObject({ status: 'en_route', pendingCommands: 1 });
    await waitFor(() => commands.length === 1, 'the command sent');
    await waitFor(() => tc.log.lines.some((l) => l.includes(`malformed ack for command ${commandId}`)), 'the bogus ack refused');
    expect(outboxRow(dir, commandId)).toMatchObject({ state: 'pending', ackSeq: null, overlay: true });

    await waitFor(() => commands.length === 2, 'the command re-sent', 5000);
    expect(commands[1].commandId).toBe(commandId);
    await waitFor(() => outboxRow(dir, commandId)?.state === 'acked', 'the plausible ack taken');
    expect(await requestView(tc)).toMatchObject({ status: 'en_route', pendingCommands: 0 }); // its events may still come
    const view = await eventually(async () => {
      const v = await requestView(tc);
      return v?.status === 'assigned' && v;
    }, 'the view back to the hub state', 15_000);
    expect(view).toMatchObject({ status: 'assigned', crewId: 'crew-1', pendingCommands: 0 });
    expect(outboxRow(dir, commandId)).toMatchObject({ state: 'acked', ackSeq: 7, overlay: false });
    await waitFor(() => tc.batches.some((b) => b.requests.some((r) => r.id === '137-1' && r.status === 'assigned')), 'the hub state in a live batch');
    expect(tc.log.lines.some((l) => l.includes(`events of command ${commandId} (request.set_status) did not arrive by seq 7`))).toBe(true);
    expect(summariseDataDir(dir)).toMatchObject({ outboxPending: 0, requests: [{ id: '137-1', status: 'assigned' }] });
  }, 30_000);

  it('an overlay already acked with an impossible seq by an older console is dropped', async () => {
    const hub = await logHub(assignedLog());
    const dir = dataDir();
    let tc = await startTestCore(configFor(hub.url, dir));
    await live(tc, 6);
    await tc.close();
    const commandId = inStore(
      dir,
      (store) => {
        const { commandId } = queueCommand(store, { type: 'request.set_status', data: { id: '137-1', status: 'en_route' } }, 'op-1');
        store.outbox.markAcked(commandId, 1e15, 6, iso(Date.now() - 3600_000));
        return commandId;
      },
      { write: true },
    );

    tc = await startTestCore(configFor(hub.url, dir));
    await live(tc, 6);
    await eventually(async () => (await requestView(tc))?.status === 'assigned', 'the stale overlay dropped', 15_000);
    expect(outboxRow(dir, commandId)).toMatchObject({ state: 'acked', overlay: false });
  });
});
