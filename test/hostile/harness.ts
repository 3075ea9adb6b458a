// Pieces the broken-hub tests share: a small valid district log for a hostile hub to serve, a
// hub script answering `resume` with a replay of it, and how long the core takes to answer an API
// call — from the moment the call is wanted, so a blocked event loop counts.
import { performance } from 'node:perf_hooks';
import type { ResumeAck, ResumeRequest } from '../../common/protocol/hub-protocol';
import type { HostileConnection } from '../support/hostile-hub';
import { categories, crew, district, ev, newRequest } from '../core/fixtures';
import type { TestCore } from '../core/helpers';

export type LogEvent = ReturnType<typeof ev>;

/** seq 1…: district.configured, then `crews` crews (upserted, available), then `requests` requests. */
export function districtLog(o: { crews: number; requests: number }): LogEvent[] {
  const log: LogEvent[] = [];
  const next = (type: string, data: Record<string, unknown>) => log.push(ev(type, data, { seq: log.length + 1 }));
  next('district.configured', { district, categories });
  for (let i = 1; i <= o.crews; i++) {
    next('crew.upserted', { crew: crew(crewId(i)) });
    next('crew.status_changed', { crewId: crewId(i), status: 'available' });
  }
  for (let i = 1; i <= o.requests; i++) next('request.created', { request: newRequest(`137-0611-${String(i).padStart(6, '0')}`) });
  return log;
}

export const crewId = (i: number) => `crew-${String(i).padStart(2, '0')}`;

type ResumeHandler = (req: ResumeRequest, ack: (a: ResumeAck) => void) => void;

/** Send hello and handle each `resume` with `onResume`. */
export function onResume(c: HostileConnection, headSeq: number, handler: ResumeHandler): void {
  c.socket.on('resume', handler);
  c.hello({ headSeq });
}

/** Answer `resume` with a replay of `log` up to its end, sending only `send(events after afterSeq)`. */
export function replaying(c: HostileConnection, log: LogEvent[], send: (rest: LogEvent[]) => LogEvent[] = (rest) => rest): void {
  onResume(c, log.length, (req, ack) => {
    ack({ mode: 'replay', fromSeq: req.afterSeq + 1, toSeq: log.length });
    const rest = send(log.filter((e) => e.seq > req.afterSeq));
    for (let i = 0; i < rest.length; i += 1000) c.socket.emit('events', { events: rest.slice(i, i + 1000) });
  });
}

/** Milliseconds from wanting a `bootstrap` to having it (a turn of the event loop in between). */
export async function bootstrapLatency(tc: TestCore): Promise<number> {
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, 0));
  await tc.core.handlers.queries.bootstrap({}, tc.caller);
  return performance.now() - t0;
}

/**
 * JSON-encoding and decoding `msg` once, in this run. Socket.io does as much and more with it in
 * one go each (encode at the hub, decode at the console, both on this test's one event loop), and
 * the core checks the envelope once: the part of a huge message's cost no core can slice. A
 * bound allows twice this.
 */
export function wireMs(msg: unknown): number {
  const t0 = performance.now();
  JSON.parse(JSON.stringify(msg));
  return performance.now() - t0;
}

/** The slowest of `n` bootstraps on a core with nothing to do: this run's baseline. */
export async function idleLatency(tc: TestCore, n = 20): Promise<number> {
  let worst = 0;
  for (let i = 0; i < n; i++) worst = Math.max(worst, await bootstrapLatency(tc));
  return worst;
}
