// A bare socket.io-client following the benchmark hub's log from seq 0: the raw transfer rate,
// and the wire under the floor consumers (floor.ts), on the main thread or in a worker — which
// imports only this, not the storage.
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import { NAMESPACE, parseEvent, PROTOCOL_VERSION, type HubEvent } from '../../common/protocol/hub-protocol';
import { DISTRICT, TOKEN } from './hub-process';

export interface Run {
  events: number;
  ms: number;
  /** CPU time of this process during the run, all its threads (the hub's is in its own process). */
  cpuMs: number;
}

export const cpuMs = (since: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1000;
};

type RawEvents = { seq: number }[];

/** The events of a message that pass the schemas (rejects are only counted by a real console). */
export function validate(raws: readonly unknown[]): HubEvent[] {
  const valid: HubEvent[] = [];
  for (const raw of raws) {
    const p = parseEvent(raw);
    if (p.ok) valid.push(p.event);
  }
  return valid;
}

/**
 * Resume from 0, hand every `events` message to `consume` and stop at the ack's toSeq; timed
 * from the resume ack (`onResumed` hears it too). With a consumer that only counts, this is the
 * raw transfer rate.
 */
export function stream(
  url: string,
  name: string,
  consume: (events: RawEvents) => void = () => {},
  onResumed: (toSeq: number) => void = () => {},
): Promise<Run> {
  const socket = io(url + NAMESPACE, {
    auth: { protocol: PROTOCOL_VERSION, districtId: DISTRICT, consoleId: `bench-${name}`, token: TOKEN },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  return new Promise((resolve, reject) => {
    let t0 = 0;
    let cpu0 = process.cpuUsage();
    let toSeq = 0;
    let lastSeq = 0;
    let count = 0;
    const check = () => {
      if (toSeq === 0 || lastSeq < toSeq) return;
      const ms = performance.now() - t0;
      socket.close();
      resolve({ events: count, ms, cpuMs: cpuMs(cpu0) });
    };
    socket.on('connect_error', reject);
    socket.on('hello', () =>
      socket.emit('resume', { afterSeq: 0, hubId: null }, (ack: { toSeq: number }) => {
        t0 = performance.now();
        cpu0 = process.cpuUsage();
        toSeq = ack.toSeq;
        onResumed(toSeq);
        check();
      }),
    );
    socket.on('events', (m: { events: RawEvents }) => {
      consume(m.events);
      count += m.events.length;
      lastSeq = m.events[m.events.length - 1].seq;
      check();
    });
  });
}
