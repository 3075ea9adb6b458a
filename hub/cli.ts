// `npm run hub -- --port 7137 --district 6 --token T --data-dir DIR --mode day --speed 10
//   --drop-every 30 --retain 5000 --seed 1`: the reference hub as its own process. Prints one line
// `hub listening on URL` (tests parse it) and stops cleanly on SIGTERM/SIGINT. The token is never
// printed. Repeat --district/--token for several districts (paired in order).
import { parseArgs } from 'node:util';
import { startHub, DEFAULT_DISTRICTS, type HubOptions } from './index';

const { values: f } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    district: { type: 'string', multiple: true },
    token: { type: 'string', multiple: true },
    'data-dir': { type: 'string' },
    mode: { type: 'string', default: 'none' },
    speed: { type: 'string' },
    seed: { type: 'string' },
    'burst-events': { type: 'string' },
    'flood-crews': { type: 'string' },
    'drop-every': { type: 'string' },
    retain: { type: 'string' },
    'command-rate': { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});

function num(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) fail(`--${name} must be a non-negative number`);
  return n;
}
function fail(msg: string): never {
  process.stderr.write(`hub: ${msg}\n`);
  process.exit(2);
}

const ids = f.district ?? DEFAULT_DISTRICTS.map((d) => d.id);
const tokens = f.token ?? (f.district ? [] : DEFAULT_DISTRICTS.map((d) => d.token));
if (tokens.length !== ids.length) fail('give one --token per --district');
const mode = f.mode as NonNullable<HubOptions['simulate']>['mode'];
if (!['none', 'day', 'burst', 'flood'].includes(mode)) fail('--mode must be none, day, burst or flood');

const hub = await startHub({
  port: num('port', f.port),
  host: f.host,
  dataDir: f['data-dir'],
  districts: ids.map((id, i) => ({ id, token: tokens[i] })),
  retain: num('retain', f.retain),
  simulate: {
    mode,
    speed: num('speed', f.speed),
    seed: num('seed', f.seed),
    burstEvents: num('burst-events', f['burst-events']),
    floodCrews: num('flood-crews', f['flood-crews']),
  },
  dropEverySeconds: num('drop-every', f['drop-every']),
  commandRate: num('command-rate', f['command-rate']),
  log: f.verbose ? (line) => process.stderr.write(`${line}\n`) : undefined,
});
process.stdout.write(`hub listening on ${hub.url}\n`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void hub.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
