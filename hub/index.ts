// The reference 137 hub: a Socket.IO v4 server implementing hub protocol v1
// (../shared/protocol/hub-protocol-v1.md) on namespace /district, with its own SQLite store and a
// simulator of a district-6 day. Used by the demo, by the console's tests and by benchmarks.
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Server } from 'socket.io';
import { NAMESPACE } from '../common/protocol/hub-protocol';
import { createControl, type HubControl } from './control';
import { District } from './district';
import { attach } from './server';
import { HubStore } from './store';
import { startSimulation, type SimulateOptions } from './simulator/index';

export type { HubControl, ChangeAck } from './control';
export type { StateSummary, StoredEvent } from './state';
export type { SimulateOptions } from './simulator/index';

export interface HubOptions {
  port?: number; // 0 or absent = free port
  host?: string; // default '127.0.0.1'
  dataDir?: string; // persistence; absent = in-memory
  districts?: Array<{ id: string; token: string }>; // default [{ id: '6', token: 'demo-token-6' }]
  retain?: number; // max events retained per district log (older afterSeq => snapshot); default 1_000_000
  simulate?: SimulateOptions;
  dropEverySeconds?: number; // disconnect every console socket every N s (link-drop simulation)
  /** Commands per second per connection before `rate_limited`; default 0 = unlimited. */
  commandRate?: number;
  log?: (line: string) => void;
}

export interface RunningHub {
  url: string; // http://127.0.0.1:PORT (consoles connect to `${url}/district`)
  port: number;
  hubId(districtId?: string): string;
  control: HubControl;
  close(): Promise<void>;
}

export const DEFAULT_DISTRICTS = [{ id: '6', token: 'demo-token-6' }];

export async function startHub(opts: HubOptions = {}): Promise<RunningHub> {
  const log = opts.log ?? (() => {});
  const host = opts.host ?? '127.0.0.1';
  const entries = opts.districts ?? DEFAULT_DISTRICTS;
  if (entries.length === 0) throw new Error('a hub needs at least one district');
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const store = new HubStore(opts.dataDir ? path.join(opts.dataDir, 'hub.sqlite') : ':memory:');
  const now = Date.now;
  const districts = new Map(
    entries.map(({ id, token }) => [id, new District(store, id, token, opts.retain ?? 1_000_000, now)] as const),
  );
  store.pruneAcks(now());

  const http = createServer();
  const io = new Server(http, { serveClient: false, maxHttpBufferSize: 1e6 });
  const nsp = io.of(NAMESPACE);
  attach(nsp, { districts, log, commandRate: opts.commandRate ?? 0 });
  const seed = opts.simulate?.seed ?? 1;
  const control = createControl(districts, nsp, entries[0].id, seed, now);
  const stopSimulation = startSimulation([...districts.values()], opts.simulate ?? { mode: 'none' }, log);

  const timers = [setInterval(() => store.pruneAcks(Date.now()), 3600_000)];
  if (opts.dropEverySeconds && opts.dropEverySeconds > 0) {
    timers.push(setInterval(() => control.dropConnections(), opts.dropEverySeconds * 1000));
  }
  for (const t of timers) t.unref();

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  log(`hub listening on ${url}`);

  let closed: Promise<void> | undefined;
  return {
    url,
    port,
    hubId: (districtId = entries[0].id) => control.hubId(districtId),
    control,
    close() {
      closed ??= (async () => {
        for (const t of timers) clearInterval(t);
        stopSimulation();
        await new Promise<void>((resolve) => io.close(() => resolve()));
        store.close();
      })();
      return closed;
    },
  };
}
