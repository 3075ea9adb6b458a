// A hub that speaks protocol v1's handshake and then does whatever a test scripts: stalls a replay,
// announces endless snapshots, sends fixes from the future or bogus acks. It drives the real core
// over a real socket.io server on loopback; each test says how this hub misbehaves.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import type { Hello } from '../../common/protocol/hub-protocol';

export interface HostileConnection {
  socket: Socket;
  /** The handshake's `auth`, as the console sent it. */
  auth: Record<string, unknown>;
  /** Send `hello` (with `over` replacing any field); the script decides when, or whether. */
  hello(over?: Partial<Hello>): Hello;
}

export interface HostileHub {
  url: string;
  districtId: string;
  hubId: string;
  /** Every connection so far, oldest first. */
  connections: HostileConnection[];
  close(): Promise<void>;
}

/**
 * Start a hub whose every accepted connection is handed to `script`. Each handshake is accepted;
 * `hello` is sent only when the script calls it.
 */
export async function startHostileHub(
  script: (c: HostileConnection, hub: HostileHub) => void,
  o: { districtId?: string; hubId?: string } = {},
): Promise<HostileHub> {
  const server = http.createServer();
  const io = new Server(server, { transports: ['websocket'], maxHttpBufferSize: 64 * 1024 * 1024 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const hub: HostileHub = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    districtId: o.districtId ?? '6',
    hubId: o.hubId ?? 'hostile-hub',
    connections: [],
    async close() {
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
  io.of('/district').on('connection', (socket) => {
    const c: HostileConnection = {
      socket,
      auth: socket.handshake.auth as Record<string, unknown>,
      hello(over = {}) {
        const hello: Hello = { hubId: hub.hubId, protocol: 1, districtId: hub.districtId, serverTime: new Date().toISOString(), headSeq: 0, ...over };
        socket.emit('hello', hello);
        return hello;
      },
    };
    hub.connections.push(c);
    script(c, hub);
  });
  return hub;
}
