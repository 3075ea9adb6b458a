// Socket.IO wiring of protocol v1 on namespace /district: handshake checks (§2), hello, resume,
// commands (§5). State and rules live in district.ts; streaming per connection in session.ts.
import { timingSafeEqual } from 'node:crypto';
import type { Namespace, Socket } from 'socket.io';
import {
  Command, HandshakeAuth, ResumeRequest, summarise,
  type CommandAck, type Hello,
} from '../common/protocol/hub-protocol';
import type { District } from './district';
import { Session } from './session';

export interface ServerOptions {
  districts: Map<string, District>;
  log: (line: string) => void;
  /** Commands per second one connection may send before getting `rate_limited` (0 = no limit). */
  commandRate: number;
}

// The handshake's parts, each judged on its own so that the refusal is the first of §2's order
// that applies, whatever else is wrong.
const AuthProtocol = HandshakeAuth.pick({ protocol: true });
const AuthCredentials = HandshakeAuth.pick({ consoleId: true, token: true });
const AuthDistrict = HandshakeAuth.pick({ districtId: true });

/** The refusal of a handshake, in the order §2 prescribes; null when accepted. */
function checkAuth(auth: unknown, districts: Map<string, District>): string | null {
  if (!AuthProtocol.safeParse(auth).success) return 'unsupported_protocol';
  const credentials = AuthCredentials.safeParse(auth);
  if (!credentials.success) return 'unauthorized';
  const named = AuthDistrict.safeParse(auth);
  const district = named.success ? districts.get(named.data.districtId) : undefined;
  // A token is checked against the named district; for an unknown district any known token
  // passes on to `unknown_district`, so a wrong token is reported first, as §2 orders.
  const candidates = district ? [district] : [...districts.values()];
  if (!candidates.some((d) => sameSecret(d.token, credentials.data.token))) return 'unauthorized';
  return district ? null : 'unknown_district';
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function attach(nsp: Namespace, opts: ServerOptions): void {
  nsp.use((socket, next) => {
    const refusal = checkAuth(socket.handshake.auth, opts.districts);
    if (refusal) {
      opts.log(`refused connection: ${refusal}`);
      next(new Error(refusal));
      return;
    }
    socket.data.districtId = (socket.handshake.auth as { districtId: string }).districtId;
    socket.data.consoleId = (socket.handshake.auth as { consoleId: string }).consoleId;
    next();
  });

  nsp.on('connection', (socket: Socket) => {
    const district = opts.districts.get(socket.data.districtId)!;
    const session = new Session(socket, district, opts.log);
    district.followers.add(session);
    socket.on('disconnect', () => district.followers.delete(session));
    const limiter = rateLimiter(opts.commandRate);

    const hello: Hello = {
      hubId: district.hubId,
      protocol: 1,
      districtId: district.id,
      serverTime: new Date().toISOString(),
      headSeq: district.headSeq,
    };
    socket.emit('hello', hello);

    socket.on('resume', (raw: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      const req = ResumeRequest.safeParse(raw);
      if (!req.success) {
        ack({ mode: 'error', code: 'bad_request', message: summarise(req.error) });
        return;
      }
      ack(session.resume(req.data));
      session.start();
    });

    socket.on('command', (raw: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      ack(handleCommand(district, raw, limiter, opts.log));
    });
  });
}

function handleCommand(district: District, raw: unknown, limiter: () => boolean, log: (l: string) => void): CommandAck {
  const cmd = Command.safeParse(raw);
  if (!cmd.success) return { ok: false, code: 'invalid', message: summarise(cmd.error) };
  if (!limiter()) return { ok: false, code: 'rate_limited', message: 'too many commands; retry later' };
  try {
    return district.command(cmd.data);
  } catch (err) {
    // A store failure must not kill the hub; the console keeps the command and retries.
    log(`command ${cmd.data.commandId} failed: ${(err as Error).message}`);
    return { ok: false, code: 'rate_limited', message: 'hub could not apply the command now; retry later' };
  }
}

/** Token bucket: `rate` per second, bursts up to 2 s worth. */
function rateLimiter(rate: number): () => boolean {
  if (rate <= 0) return () => true;
  let tokens = rate * 2;
  let last = Date.now();
  return () => {
    const now = Date.now();
    tokens = Math.min(rate * 2, tokens + ((now - last) / 1000) * rate);
    last = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}
