// The simulator: deterministic per seed, valid protocol events, inside the drawn district.
import { afterEach, describe, expect, it } from 'vitest';
import { parseEvent } from '../../common/protocol/hub-protocol';
import { startHub, type HubOptions, type RunningHub, type StoredEvent } from '../../hub/index';
import { inside } from '../../hub/simulator/geo';
import { connect, connectRaw, DISTRICTS, TOKEN } from './client';

const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});
async function hub(simulate: HubOptions['simulate'], extra: HubOptions = {}): Promise<RunningHub> {
  const h = await startHub({ districts: DISTRICTS, simulate, ...extra });
  open.push(h);
  return h;
}

/** An event without what depends on the wall clock or on random ids. */
function comparable(e: StoredEvent) {
  const { receivedAt, ackDueAt, resolveDueAt, ...request } = e.data.request ?? {};
  return { type: e.type, actor: e.actor, commandId: e.commandId, data: e.data.request ? { request } : e.data };
}

describe('burst', () => {
  it('makes at least burstEvents valid events, the same ones for the same seed', async () => {
    const a = await hub({ mode: 'burst', burstEvents: 3000, seed: 5 });
    const b = await hub({ mode: 'burst', burstEvents: 3000, seed: 5 });
    const c = await hub({ mode: 'burst', burstEvents: 3000, seed: 6 });
    const log = a.control.readLog();
    expect(log.length).toBeGreaterThanOrEqual(3001);
    expect(log.every((e, i) => e.seq === i + 1 && parseEvent(e).ok)).toBe(true);
    expect(b.control.readLog().map(comparable)).toEqual(log.map(comparable));
    expect(c.control.readLog().map(comparable)).not.toEqual(log.map(comparable));
    const types = new Set(log.map((e) => e.type));
    for (const t of ['request.created', 'request.acknowledged', 'request.assigned', 'request.status_changed', 'request.closed', 'request.feedback', 'crew.status_changed']) {
      expect(types).toContain(t);
    }
    // Simulated history in the past, in order (after district.configured, stamped at start).
    expect(log.every((e, i) => i < 2 || e.at >= log[i - 1].at)).toBe(true);
    expect(Date.parse(log.at(-1)!.at)).toBeLessThanOrEqual(Date.now());
    const created = log.filter((e) => e.type === 'request.created').map((e) => e.data.request);
    expect(created.every((r) => inside([r.location.lon, r.location.lat]))).toBe(true);
  });
});

describe('day', () => {
  it('starts from the same night backlog for the same seed and runs live with crews moving', async () => {
    const a = await hub({ mode: 'day', speed: 120, seed: 9 });
    const b = await hub({ mode: 'day', speed: 120, seed: 9 });
    const head = Math.min(a.control.headSeq(), b.control.headSeq());
    expect(head).toBeGreaterThan(50);
    expect(b.control.readLog(1, head).map(comparable)).toEqual(a.control.readLog(1, head).map(comparable));

    const c = await connect(a);
    open.push(c);
    await c.resume(0, null);
    const fixes = () => c.messages.filter((m) => m.name === 'positions').flatMap((m) => m.payload.positions);
    await c.waitFor(() => new Set(fixes().map((f) => f.crewId)).size >= 5, 'fixes of several crews');
    expect(fixes().every((f) => inside([f.lon, f.lat]))).toBe(true);
    const head0 = a.control.headSeq();
    await c.waitFor(() => a.control.headSeq() > head0, 'live activity at 120x', 15_000);
    await c.waitFor(() => c.events().at(-1)?.seq === a.control.headSeq(), 'live events');
  });
});

describe('flood', () => {
  it('sends one fix per crew per second in batches', async () => {
    const h = await hub({ mode: 'flood', floodCrews: 50 });
    const c = await connect(h);
    open.push(c);
    await c.resume(0, null);
    const ids = () => new Set(c.messages.filter((m) => m.name === 'positions').flatMap((m) => m.payload.positions.map((f: { crewId: string }) => f.crewId)));
    await c.waitFor(() => [...ids()].filter((id) => id.startsWith('flood-')).length === 50, 'a fix of every flood crew');
    expect(h.control.state().crews.filter((x) => x.id.startsWith('flood-'))).toHaveLength(50);
  });
});

describe('link drops', () => {
  it('disconnects consoles every dropEverySeconds; they reconnect', async () => {
    const h = await hub({ mode: 'none' }, { dropEverySeconds: 1 });
    const socket = connectRaw(h, { protocol: 1, districtId: '6', consoleId: 'dropme', token: TOKEN }, true);
    open.push(socket);
    let hellos = 0;
    socket.on('hello', () => hellos++);
    const start = Date.now();
    while (hellos < 2 && Date.now() - start < 8000) await new Promise((r) => setTimeout(r, 50));
    expect(hellos).toBeGreaterThanOrEqual(2);
  });
});
