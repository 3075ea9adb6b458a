// A hub that sends one enormous message: half a million fixes (most of them invalid), or 100,000
// duplicate events. The core works through it in slices, answering its API in between, lands
// every valid fix, and logs one summary line for the message, not one per slice or event.
import { afterAll, describe, expect, it } from 'vitest';
import { summariseDataDir } from '../../main/core/state-summary';
import { startHostileHub } from '../support/hostile-hub';
import { configFor, startTestCore, tmp, waitFor, type TestCore } from '../core/helpers';
import { bootstrapLatency, crewId, districtLog, idleLatency, replaying, wireMs } from './harness';

const t = tmp('c137-hostile-huge-');
afterAll(() => t.cleanup());

const CREWS = 20;

async function liveCore(dir: string, log = districtLog({ crews: CREWS, requests: 3 })) {
  const hub = await startHostileHub((c) => replaying(c, log));
  const tc = await startTestCore(configFor(hub.url, t.data(dir)));
  await waitFor(() => {
    const s = tc.core.linkState();
    return s.state === 'live' && s.lastSeq === log.length;
  }, 'live');
  return { hub, tc, log };
}

/** Call bootstrap back to back until `done()`; the slowest answer. */
async function worstLatencyUntil(tc: TestCore, done: () => boolean, timeoutMs: number): Promise<number> {
  const until = Date.now() + timeoutMs;
  let worst = 0;
  while (!done()) {
    if (Date.now() > until) throw new Error('timed out waiting for the message to be processed');
    worst = Math.max(worst, await bootstrapLatency(tc));
  }
  return worst;
}

describe('huge messages from a hub', () => {
  it('works through 500,000 fixes, mostly invalid, in slices: the API answers meanwhile and every valid fix lands', async () => {
    const { hub, tc } = await liveCore('positions');
    const idle = await idleLatency(tc);
    const base = Date.now() - 3_600_000;
    const positions: unknown[] = [];
    const lastValid = new Map<string, { lon: number; at: string }>();
    for (let i = 0; i < 500_000; i++) {
      const id = crewId((i % CREWS) + 1);
      const at = new Date(base + i).toISOString();
      if (Math.floor(i / CREWS) % 5 === 0) {
        const lon = 52.5 + (i % 1000) / 10_000;
        positions.push({ crewId: id, lon, lat: 29.65, at });
        lastValid.set(id, { lon, at });
      } else positions.push(i % 2 ? { crewId: id, lon: 999, lat: 29.65, at } : { crewId: id, lat: 'north', at });
    }
    const msg = { positions };
    const wire = wireMs(msg);

    const landed = () => [...lastValid].every(([id, fix]) => tc.batches.some((b) => b.fixes.some((f) => f.crewId === id && f.at === fix.at)));
    hub.connections[0]!.socket.emit('positions', msg);
    const worst = await worstLatencyUntil(tc, landed, 60_000);
    console.log(`bootstrap during 500,000 fixes: worst ${worst.toFixed(0)} ms (idle ${idle.toFixed(1)} ms, wire ${wire.toFixed(0)} ms)`);
    expect(worst).toBeLessThan(2 * wire + Math.max(20 * idle, 200));

    const crews = (await tc.core.handlers.queries.bootstrap({}, tc.caller)).crews;
    for (const [id, fix] of lastValid) expect(crews.find((c) => c.id === id)?.fix).toMatchObject({ lon: fix.lon, lat: 29.65, at: fix.at });
    expect(lastValid.size).toBe(CREWS);
    await waitFor(() => summariseDataDir(tc.core.dataDir).crews.every((c) => c.fixAt === lastValid.get(c.id)!.at), 'positions flushed');
    expect(tc.core.linkState()).toMatchObject({ state: 'live', error: null });
  }, 90_000);

  it('logs one line for a message of 100,000 duplicate events, with its count and seq range', async () => {
    const { hub, tc, log } = await liveCore('duplicates');
    const idle = await idleLatency(tc);
    const lastSeq = log.length;
    const events = Array.from({ length: 100_000 }, (_, i) => log[i % lastSeq]!);
    const msg = { events };
    const wire = wireMs(msg);
    const linesBefore = tc.log.lines.length;
    hub.connections[0]!.socket.emit('events', msg);
    const summarised = () => tc.log.lines.slice(linesBefore).some((l) => l.includes('duplicates skipped'));
    const worst = await worstLatencyUntil(tc, summarised, 30_000);
    await new Promise((r) => setTimeout(r, 300)); // nothing more comes of that message

    const lines = tc.log.lines.slice(linesBefore);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^warn events message of 100000 events \\(seq 1…${lastSeq}\\): 100000 duplicates skipped`));
    expect(tc.core.linkState()).toMatchObject({ state: 'live', lastSeq, rejectedEvents: 0, error: null });
    expect(summariseDataDir(tc.core.dataDir).lastSeq).toBe(lastSeq);
    expect(worst).toBeLessThan(2 * wire + Math.max(20 * idle, 200));
  }, 60_000);
});
