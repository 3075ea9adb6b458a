// The reference hub as its own process for benchmarks, so its work (simulation, serialising the
// log) never shares an event loop with the console core being measured.
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const DISTRICT = '6';
export const TOKEN = 'bench-token-6';

export interface HubProcess {
  url: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

/** `hub/cli.ts` with the given flags; resolves once it listens (its simulation set up). */
export function startHubProcess(args: string[]): Promise<HubProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'hub/cli.ts', '--district', DISTRICT, '--token', TOKEN, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let listening = false;
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  const stop = async () => {
    proc.kill('SIGTERM');
    await exited;
  };
  return new Promise((res, rej) => {
    void exited.then((code) => listening || rej(new Error(`hub exited with ${code} before listening`)));
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /hub listening on (\S+)/.exec(out);
      if (m && !listening) {
        listening = true;
        res({ url: m[1], proc, stop });
      }
    });
  });
}

/** `--name N` from argv, else the default. */
export function numberFlag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} needs a positive number`);
  return n;
}

/** The machine and how busy it is, for the record next to the figures. */
export function machine(): string {
  const load = loadavg().map((l) => l.toFixed(1)).join(' ');
  return `${availableParallelism()} cores × ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}, load average ${load}`;
}
