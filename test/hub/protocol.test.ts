// The reference hub against protocol v1 §2–§5, through a real socket.io-client on loopback.
import { afterEach, describe, expect, it } from 'vitest';
import { parseEvent, SnapshotMessage } from '../../common/protocol/hub-protocol';
import { startHub, type HubOptions, type RunningHub, type StoredEvent } from '../../hub/index';
import { connect, DISTRICTS, TOKEN, type TestConsole } from './client';

const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});

async function hub(opts: HubOptions = {}): Promise<RunningHub> {
  const h = await startHub({ districts: DISTRICTS, simulate: { mode: 'none' }, ...opts });
  open.push(h);
  return h;
}
async function consoleOf(h: RunningHub, auth: Record<string, unknown> = {}): Promise<TestConsole> {
  const c = await connect(h, auth);
  open.push(c);
  return c;
}
const refusal = (h: RunningHub, auth: Record<string, unknown>) =>
  connect(h, auth).then(
    () => 'accepted',
    (e: Error) => e.message,
  );

/** Events of the snapshot answering the latest resume, once its parts 1…parts have arrived. */
function snapshotEvents(c: TestConsole, from: number, seq: number, parts: number) {
  const msgs = c.messages.slice(from).filter((m) => m.name === 'snapshot').map((m) => SnapshotMessage.parse(m.payload));
  const complete = msgs.length === parts && msgs.every((m, i) => m.seq === seq && m.part === i + 1 && m.parts === parts);
  return complete ? msgs.flatMap((m) => m.events as StoredEvent[]) : null;
}

describe('handshake', () => {
  it('refuses in the order unsupported_protocol, unauthorized, unknown_district', async () => {
    const h = await hub();
    expect(await refusal(h, { protocol: 2, token: 'wrong', districtId: '99' })).toBe('unsupported_protocol');
    expect(await refusal(h, { protocol: undefined })).toBe('unsupported_protocol');
    expect(await refusal(h, { token: 'wrong', districtId: '99' })).toBe('unauthorized');
    expect(await refusal(h, { token: '' })).toBe('unauthorized');
    expect(await refusal(h, { consoleId: '' })).toBe('unauthorized');
    expect(await refusal(h, { consoleId: undefined })).toBe('unauthorized');
    expect(await refusal(h, { districtId: '99' })).toBe('unknown_district');
    expect(await refusal(h, {})).toBe('accepted');
  });

  it('says hello with its hubId and head', async () => {
    const h = await hub();
    const c = await consoleOf(h);
    expect(c.hello).toMatchObject({ hubId: h.hubId(), protocol: 1, districtId: '6', headSeq: h.control.headSeq() });
    expect(Number.isFinite(Date.parse(c.hello.serverTime))).toBe(true);
  });
});

describe('resume', () => {
  it('replays from afterSeq in ascending messages of at most 1000 valid events, then streams live', async () => {
    const h = await hub();
    for (let i = 0; i < 1200; i++) h.control.createRequest();
    const head = h.control.headSeq();
    const c = await consoleOf(h);
    expect(await c.resume(5, null)).toEqual({ mode: 'replay', fromSeq: 6, toSeq: head });
    await c.waitFor(() => c.events().length === head - 5, 'replay');
    const msgs = c.messages.filter((m) => m.name === 'events');
    expect(msgs.every((m) => m.payload.events.length <= 1000)).toBe(true);
    expect(c.events().map((e) => e.seq)).toEqual(Array.from({ length: head - 5 }, (_, i) => i + 6));
    expect(c.events().every((e) => parseEvent(e).ok)).toBe(true);

    const req = h.control.createRequest();
    await c.waitFor(() => c.events().some((e) => e.data.request?.id === req.id), 'live event');
    expect(c.events().at(-1)!.seq).toBe(head + 1);
  });

  it('answers an empty replay when the console is current, and bad_request for a malformed resume', async () => {
    const h = await hub();
    const c = await consoleOf(h);
    const head = h.control.headSeq();
    expect(await c.resume(head, h.hubId())).toEqual({ mode: 'replay', fromSeq: head + 1, toSeq: head });
    expect(await c.socket.emitWithAck('resume', { afterSeq: -1, hubId: null })).toMatchObject({ mode: 'error', code: 'bad_request' });
    expect(await c.socket.emitWithAck('resume', { afterSeq: 1 })).toMatchObject({ mode: 'error', code: 'bad_request' });
  });

  it('a second resume abandons the replay in progress and starts over', async () => {
    const h = await hub();
    for (let i = 0; i < 2500; i++) h.control.createRequest();
    const head = h.control.headSeq();
    const c = await consoleOf(h);
    c.socket.emit('resume', { afterSeq: 0, hubId: null }, () => {});
    const second = await c.resume(head - 10, h.hubId());
    expect(second).toEqual({ mode: 'replay', fromSeq: head - 9, toSeq: head });
    await c.waitFor(() => c.events().at(-1)?.seq === head, 'end of replay');
    const seqs = c.events().map((e) => e.seq);
    // Whatever of the first replay was on its way came before; then exactly head-9 … head.
    const restart = seqs.lastIndexOf(head - 9);
    expect(seqs.slice(restart)).toEqual(Array.from({ length: 10 }, (_, i) => head - 9 + i));
    expect(seqs.length).toBeLessThan(head);
  });

  it('sends the latest fix per crew after catching up, then live fixes', async () => {
    const h = await hub();
    h.control.pushFixes([{ crewId: 'crew-01', lon: 52.49, lat: 29.65, at: '2026-01-01T10:00:00.000Z' }]);
    h.control.pushFixes([{ crewId: 'crew-01', lon: 52.5, lat: 29.66, at: '2026-01-01T10:00:05.000Z' }]);
    h.control.pushFixes([{ crewId: 'crew-01', lon: 52.0, lat: 29.0, at: '2026-01-01T09:00:00.000Z' }]); // older: ignored
    const c = await consoleOf(h);
    await c.resume(0, null);
    await c.waitFor(() => c.messages.some((m) => m.name === 'positions'), 'positions');
    const first = c.messages.findIndex((m) => m.name === 'positions');
    expect(c.messages.slice(first + 1).some((m) => m.name === 'events')).toBe(false);
    expect(c.messages[first].payload.positions).toEqual([{ crewId: 'crew-01', lon: 52.5, lat: 29.66, at: '2026-01-01T10:00:05.000Z' }]);
    h.control.pushFixes([{ crewId: 'crew-02', lon: 52.48, lat: 29.64, heading: 90 }]);
    await c.waitFor(() => c.messages.filter((m) => m.name === 'positions').length === 2, 'live fix');
  });
});

describe('snapshot', () => {
  async function expectSnapshot(h: RunningHub, c: TestConsole, afterSeq: number, hubId: string | null) {
    const head = h.control.headSeq();
    const from = c.messages.length;
    const ack = await c.resume(afterSeq, hubId);
    expect(ack.mode).toBe('snapshot');
    if (ack.mode !== 'snapshot') return [];
    expect(ack.seq).toBe(head);
    await c.waitFor(() => snapshotEvents(c, from, ack.seq, ack.parts) !== null, 'snapshot parts');
    const events = snapshotEvents(c, from, ack.seq, ack.parts)!;
    expect(events.every((e) => e.seq === head && parseEvent(e).ok)).toBe(true);
    expect(events[0].type).toBe('district.configured');
    return events;
  }

  it('is sent when afterSeq is older than the retained log, compacted and in parts of ≤1000', async () => {
    const h = await hub({ retain: 100 });
    const ids: string[] = [];
    for (let i = 0; i < 700; i++) ids.push(h.control.createRequest().id);
    h.control.applyAsActor({ type: 'request.assign', data: { id: ids[0], crewId: 'crew-01' } });
    h.control.applyAsActor({ type: 'request.set_status', data: { id: ids[0], status: 'en_route' } });
    const c = await consoleOf(h);
    const events = await expectSnapshot(h, c, 3, h.hubId());
    expect(c.messages.filter((m) => m.name === 'snapshot').every((m) => m.payload.events.length <= 1000)).toBe(true);
    const logIds = new Set(h.control.readLog(h.control.headSeq() - 50).map((e) => e.id));
    expect(events.some((e) => logIds.has(e.id))).toBe(false);
    // Crews each have an explicit status; the request keeps its history after its creation.
    const crewStatus = events.filter((e) => e.type === 'crew.status_changed' && e.data.crewId === 'crew-01');
    expect(crewStatus.map((e) => e.data.status)).toEqual(['en_route']);
    const first = events.filter((e) => e.data.id === ids[0] || e.data.request?.id === ids[0]).map((e) => e.type);
    expect(first).toEqual(['request.created', 'request.assigned', 'request.status_changed']);
    expect(events.filter((e) => e.type === 'request.created')).toHaveLength(700);
    // Then live events after the snapshot's seq.
    h.control.createRequest();
    await c.waitFor(() => c.events().some((e) => e.seq === h.control.headSeq()), 'live after snapshot');
  });

  it('is sent when afterSeq is beyond the head or the hubId is foreign', async () => {
    const h = await hub();
    const c = await consoleOf(h);
    await expectSnapshot(h, c, h.control.headSeq() + 5, h.hubId());
    await expectSnapshot(h, c, 1, 'another-hub');
  });

  it('is what a console gets after a log reset: same state, new hubId, log from 1', async () => {
    const h = await hub();
    const r = h.control.createRequest();
    h.control.applyAsActor({ type: 'request.acknowledge', data: { id: r.id } });
    const before = h.control.state();
    const oldHub = h.hubId();
    const c = await consoleOf(h);
    await c.resume(0, null);
    await c.waitFor(() => c.events().length === h.control.headSeq(), 'replay');
    const dropped = new Promise((resolve) => c.socket.once('disconnect', resolve));
    h.control.resetLog();
    await dropped;
    expect(h.hubId()).not.toBe(oldHub);
    expect(h.control.state()).toEqual(before);
    expect(h.control.readLog(1, 1)[0]).toMatchObject({ seq: 1, type: 'district.configured' });
    const c2 = await consoleOf(h);
    expect(c2.hello.hubId).toBe(h.hubId());
    await expectSnapshot(h, c2, 3, oldHub);
  });
});

describe('commands', () => {
  it('answers invalid, not_found, conflict and forbidden', async () => {
    const h = await hub();
    const r = h.control.createRequest();
    const c = await consoleOf(h);
    const code = async (type: string, data: unknown) => {
      const ack = await c.command(type, data);
      return ack.ok ? `ok` : ack.code;
    };
    expect(await c.socket.emitWithAck('command', { type: 'request.note' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await code('request.fly', { id: r.id })).toBe('invalid');
    expect(await code('request.note', { id: r.id })).toBe('invalid');
    expect(await code('request.note', { id: r.id, note: 'x'.repeat(2001) })).toBe('invalid');
    expect(await code('request.reopen', { id: r.id, reason: 'hub-only change' })).toBe('invalid');
    expect(await code('request.acknowledge', { id: 'nope' })).toBe('not_found');
    expect(await code('request.assign', { id: r.id, crewId: 'nope' })).toBe('not_found');
    expect(await code('request.set_status', { id: r.id, status: 'en_route' })).toBe('conflict');
    expect(await code('request.unassign', { id: r.id })).toBe('conflict');
    expect(await code('request.acknowledge', { id: r.id })).toBe('ok');
    expect(await code('request.acknowledge', { id: r.id })).toBe('conflict');
    expect(await code('request.transfer', { id: r.id, toDistrictId: '6', reason: 'x' })).toBe('forbidden');
    expect(await code('request.assign', { id: r.id, crewId: 'crew-01' })).toBe('ok');
    expect(await code('request.assign', { id: r.id, crewId: 'crew-01' })).toBe('conflict');
    expect(await code('request.assign', { id: r.id, crewId: 'crew-02' })).toBe('conflict');
    expect(await code('request.set_status', { id: r.id, status: 'on_site' })).toBe('ok');
    expect(await code('request.set_status', { id: r.id, status: 'en_route' })).toBe('conflict');
    expect(await code('request.close', { id: r.id, resolution: 'resolved' })).toBe('ok');
    expect(await code('request.close', { id: r.id, resolution: 'resolved' })).toBe('conflict');
    expect(await code('request.note', { id: r.id, note: 'after closing' })).toBe('ok');
    expect(h.control.state().crews.find((x) => x.id === 'crew-01')!.status).toBe('available');
  });

  it('produces the events of §5 with commandId and operator actor, ack = last seq', async () => {
    const h = await hub();
    const r = h.control.createRequest();
    const c = await consoleOf(h);
    await c.resume(h.control.headSeq(), h.hubId());
    const assign = await c.command('request.assign', { id: r.id, crewId: 'crew-03' }, { commandId: 'cmd-a', operatorId: 'op-7' });
    expect(assign).toEqual({ ok: true, seq: h.control.headSeq() });
    await c.waitFor(() => c.events().length === 2, 'events of the command');
    expect(c.events().map((e) => [e.type, e.commandId, e.actor])).toEqual([
      ['request.assigned', 'cmd-a', { kind: 'operator', id: 'op-7' }],
      ['crew.status_changed', 'cmd-a', { kind: 'operator', id: 'op-7' }],
    ]);
    const created = await c.command('request.create', {
      request: { category: 'flooding', priority: 'urgent', description: 'آبگرفتگی', address: 'بلوار چمران', location: { lon: 52.5, lat: 29.65 }, citizen: {}, channel: 'phone', receivedAt: '2026-11-28T09:00:00.000Z' },
    });
    expect(created.ok).toBe(true);
    await c.waitFor(() => c.events().length === 3, 'created');
    expect(c.events()[2].data.request).toMatchObject({ ackDueAt: '2026-11-28T09:10:00.000Z', resolveDueAt: '2026-11-28T13:00:00.000Z' });
    expect(c.events()[2].data.request.id).toMatch(/^137-06\d\d-\d{6}$/);
  });

  it('is idempotent by commandId: same ack, applied once, even with another payload', async () => {
    const h = await hub();
    const r = h.control.createRequest();
    const c = await consoleOf(h);
    const first = await c.command('request.note', { id: r.id, note: 'one' }, { commandId: 'cmd-1' });
    const again = await c.command('request.note', { id: r.id, note: 'two' }, { commandId: 'cmd-1' });
    const refused = await c.command('request.acknowledge', { id: 'nope' }, { commandId: 'cmd-2' });
    h.control.createRequest({ id: 'nope' });
    expect(await c.command('request.acknowledge', { id: 'nope' }, { commandId: 'cmd-2' })).toEqual(refused);
    expect(again).toEqual(first);
    expect(h.control.appliedCommands()).toEqual({ 'cmd-1': 1 });
    expect(h.control.readLog().filter((e) => e.type === 'request.noted')).toHaveLength(1);
  });

  it('serialises racing workstations: the slower one gets conflict', async () => {
    const h = await hub();
    const r = h.control.createRequest();
    const [a, b] = [await consoleOf(h), await consoleOf(h)];
    const acks = await Promise.all([
      a.command('request.assign', { id: r.id, crewId: 'crew-01' }),
      b.command('request.assign', { id: r.id, crewId: 'crew-02' }),
    ]);
    expect(acks.filter((x) => x.ok)).toHaveLength(1);
    expect(acks.filter((x) => !x.ok && x.code === 'conflict')).toHaveLength(1);
  });

  it('answers rate_limited under abuse without remembering it', async () => {
    const h = await hub({ commandRate: 5 });
    const r = h.control.createRequest();
    const c = await consoleOf(h);
    const acks = await Promise.all(Array.from({ length: 30 }, (_, i) => c.command('request.note', { id: r.id, note: `n${i}` }, { commandId: `n${i}` })));
    const limited = acks.findIndex((x) => !x.ok && x.code === 'rate_limited');
    expect(limited).toBeGreaterThan(0);
    await new Promise((res) => setTimeout(res, 1100));
    expect(await c.command('request.note', { id: r.id, note: 'retry' }, { commandId: `n${limited}` })).toMatchObject({ ok: true });
  });
});

describe('control', () => {
  it('injects raw messages and raw log events', async () => {
    const h = await hub();
    const c = await consoleOf(h);
    await c.resume(h.control.headSeq(), h.hubId());
    const seq = h.control.appendRaw({ type: 'request.teleported', data: { id: 'x' } });
    expect(h.control.emitRaw('events', { events: [{ bogus: true }] })).toBe(1);
    await c.waitFor(() => c.messages.filter((m) => m.name === 'events').length === 2, 'raw messages');
    expect(c.events().map((e) => e.seq ?? 'bogus')).toEqual([seq, 'bogus']);
  });

  it('pauses live emission and resumes it in order', async () => {
    const h = await hub();
    const c = await consoleOf(h);
    await c.resume(h.control.headSeq(), h.hubId());
    await c.waitFor(() => h.control.connections() === 1, 'connected');
    await new Promise((r) => setTimeout(r, 50)); // let the empty replay finish: the console is caught up
    h.control.pauseLive();
    h.control.createRequest();
    h.control.createRequest();
    await new Promise((r) => setTimeout(r, 100));
    expect(c.events()).toHaveLength(0);
    h.control.resumeLive();
    await c.waitFor(() => c.events().length === 2, 'queued events');
  });

  it('tells a token to nobody', async () => {
    const lines: string[] = [];
    const h = await hub({ log: (l) => lines.push(l) });
    await refusal(h, { token: 'bad' });
    await consoleOf(h);
    expect(lines.join('\n')).not.toContain(TOKEN);
    expect(lines.join('\n')).not.toContain('bad');
  });
});
