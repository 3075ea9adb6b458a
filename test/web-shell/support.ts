// Helpers for the web-shell tests: raw HTTP requests (exact paths and Host headers, which fetch
// would normalise or refuse), a small renderer build on disk, and an authenticated ws client.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import WebSocket from 'ws';
import type { WsServerMessage } from '../../common/api/bridge';
import { tempDir } from '../support/temp';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export function rawGet(port: number, target: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: target, method, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** `name=value` of the Set-Cookie a response carries. */
export function cookieOf(res: RawResponse): string {
  const set = res.headers['set-cookie']?.[0];
  if (!set) throw new Error(`no Set-Cookie (status ${res.status})`);
  return set.split(';')[0];
}

/** A stand-in renderer build: a few files of each served kind, plus a secret outside it. */
export function rendererDir(): { dir: string; outside: string; cleanup(): void } {
  const tmp = tempDir('c137-shell-');
  const dir = path.join(tmp.dir, 'renderer');
  mkdirSync(path.join(dir, 'assets'), { recursive: true });
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>137</title>');
  writeFileSync(path.join(dir, 'assets', 'app.js'), 'export {};');
  writeFileSync(path.join(dir, 'assets', 'worker.mjs'), 'export {};');
  writeFileSync(path.join(dir, 'assets', 'm.wasm'), Buffer.from([0, 97, 115, 109]));
  writeFileSync(path.join(dir, 'assets', 'vazirmatn.woff2'), Buffer.from('wOF2'));
  writeFileSync(path.join(dir, 'assets', 'font.ttf'), Buffer.from([0, 1, 0, 0]));
  writeFileSync(path.join(dir, 'assets', 'glyphs.pbf'), Buffer.from([1, 2, 3]));
  const outside = path.join(tmp.dir, 'secret.txt');
  writeFileSync(outside, 'workstation secret');
  symlinkSync(outside, path.join(dir, 'assets', 'link.txt'));
  return { dir, outside, cleanup: tmp.cleanup };
}

/** A ws client that tracks every server message; open() resolves once connected. */
export class ApiSocket {
  readonly messages: WsServerMessage[] = [];
  readonly ws: WebSocket;
  private waiters: Array<() => void> = [];

  constructor(port: number, cookie: string, origin = `http://127.0.0.1:${port}`) {
    this.ws = new WebSocket(`ws://127.0.0.1:${port}/api`, { headers: { cookie, origin } });
    this.ws.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)) as WsServerMessage);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Resolves with the first message (already received or coming) that matches. */
  async next<T extends WsServerMessage>(match: (m: WsServerMessage) => m is T, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(match);
      if (found) {
        this.messages.splice(this.messages.indexOf(found), 1);
        return found;
      }
      if (Date.now() > deadline) throw new Error('no matching message from the shell');
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  close(): void {
    this.ws.terminate();
  }
}

/** An ApiSocket signed in with `token` (through the cookie its page would get), connected. */
export async function openApiSocket(port: number, token: string): Promise<ApiSocket> {
  const socket = new ApiSocket(port, cookieOf(await rawGet(port, `/?token=${token}`)));
  await socket.open();
  return socket;
}

export const resultFor =
  (id: number | null) =>
  (m: WsServerMessage): m is Extract<WsServerMessage, { t: 'result' }> =>
    m.t === 'result' && m.id === id;

export const eventOf = (m: WsServerMessage): m is Extract<WsServerMessage, { t: 'event' }> => m.t === 'event';
