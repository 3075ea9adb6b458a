// `npm start`: the console with its embedded demo hub. Starts a reference hub simulating a district-6
// day, then the console: in Electron when its runtime can run here, otherwise the core behind the
// loopback web shell, opened in Chromium's app mode when Chromium is installed (else the URL is
// printed). Everything lives under .data/demo so a second start resumes the same day.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startHub } from '../../hub/index';
import { loadConfig } from '../core/config';
import { startCore } from '../core/index';
import { openBasemap } from '../core/basemap/index';
import { startWebShell } from '../web-shell/server';
import { BASEMAP_TILE_URL } from '../web-shell/assets';
import { chromiumAppArgs, findChromium, openAppWindow, type AppWindow } from './chromium';
import { createPrivateDir } from '../core/data-dir';
import { Accounts } from '../core/accounts';
import { DB_FILE_NAME, Store } from '../core/db/store';

const root = path.resolve(import.meta.dirname, '../..');
const { values: flags } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: path.join(root, '.data/demo') },
    'hub-port': { type: 'string', default: '0' },
    speed: { type: 'string', default: '20' },
    'no-open': { type: 'boolean', default: false },
    web: { type: 'boolean', default: false },
  },
});

const DISTRICT = '6';
const TOKEN = 'demo-token-6'; // the demo hub's own workstation credential, not a secret
/** The demo room's people, made on its first start; a demo's password, printed for whoever runs it. */
const DEMO_PASSWORD = 'shiraz-137';
const DEMO_ACCOUNTS = [
  { username: 'op-1', displayName: 'زهرا کریمی', role: 'operator' },
  { username: 'op-2', displayName: 'علی رضایی', role: 'operator' },
  { username: 'sup-1', displayName: 'مریم احمدی', role: 'supervisor' },
  { username: 'mayor-6', displayName: 'شهردار منطقه ۶', role: 'mayor' },
] as const;

/** Electron's runtime, when it is (or can be) installed here; null where its download is unreachable. */
function electronBinary(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const pkgDir = path.dirname(require.resolve('electron/package.json'));
    // electron downloads its binary lazily; try that once, quietly, so an offline machine falls
    // back to the web shell without a stack trace.
    if (!existsSync(path.join(pkgDir, 'path.txt'))) {
      const install = spawnSync(process.execPath, [path.join(pkgDir, 'install.js')], { stdio: 'ignore', timeout: 180_000 });
      if (install.status !== 0) return null;
    }
    const bin = require('electron') as unknown as string;
    const probe = spawnSync(bin, ['--version'], { timeout: 10_000, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    return probe.status === 0 ? bin : null;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const dataDir = path.resolve(flags['data-dir']!);
  const hubDir = path.join(dataDir, 'hub');
  const consoleDir = path.join(dataDir, 'console');
  // Both hold citizens' names and phones: private, as a core makes its own data directory.
  createPrivateDir(hubDir);
  createPrivateDir(consoleDir);

  const hub = await startHub({
    port: Number(flags['hub-port']),
    dataDir: hubDir,
    districts: [{ id: DISTRICT, token: TOKEN }],
    simulate: { mode: 'day', speed: Number(flags.speed) },
  });
  console.log(`demo hub (district ${DISTRICT}) on ${hub.url}`);
  const consoleArgs = ['--hub', hub.url, '--district', DISTRICT, '--token', TOKEN, '--data-dir', consoleDir];
  await seedAccounts(consoleDir);
  console.log(`sign in as ${DEMO_ACCOUNTS.map((a) => `${a.username} (${a.role})`).join(', ')}; demo password: ${DEMO_PASSWORD}`);

  const electron = flags.web ? null : electronBinary();
  if (electron) {
    execElectron(electron, consoleArgs, hub);
    return;
  }

  const config = loadConfig({ argv: consoleArgs, env: {}, userDataDir: consoleDir });
  const basemap = openBasemap(consoleDir);
  const core = await startCore(config, { basemapUrl: basemap ? BASEMAP_TILE_URL : null });
  const shell = await startWebShell({
    handlers: core.handlers,
    staticDir: path.join(root, 'dist/renderer'),
    basemap,
    // The wall display signs in with its own read-only credential (another browser profile).
    credentials: [{ access: 'workstation' }, { access: 'wall' }],
    wallToken: (token) => core.accounts.wallTokenValid(token),
  });
  // The token URLs go to the user's own terminal, for a person: they keep working for as long as
  // the demo runs (a reload, a second browser, a wall opened later). Chromium gets a one-time code.
  console.log(`console 137 (web shell) at ${shell.url}`);
  console.log(`wall display (read-only) at ${shell.urls.wall}`);

  let browser: AppWindow | null = null;
  const bin = flags['no-open'] ? null : findChromium();
  if (bin) {
    browser = openAppWindow(bin, chromiumAppArgs(shell, path.join(dataDir, 'chromium-profile')), {
      onClosed: () => void shutdown(),
      // Without a window the console is still there for any browser: say so and keep serving.
      onFailed: (reason) => {
        browser = null;
        console.log(`Chromium cannot open a window here: ${reason}. The console keeps running: open the URL above in a browser; Ctrl+C stops it.`);
      },
    });
  } else if (!flags['no-open']) {
    console.log('Chromium was not found: open the URL above in a browser');
  }

  let closing = false;
  async function shutdown(): Promise<void> {
    if (closing) return;
    closing = true;
    browser?.kill();
    await shell.close();
    await core.close();
    await hub.close();
    process.exit(0);
  }
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

/** The demo room's accounts, made once (before Electron or the core opens the database). */
async function seedAccounts(consoleDir: string): Promise<void> {
  const store = Store.open(path.join(consoleDir, DB_FILE_NAME));
  try {
    const accounts = new Accounts(store);
    for (const a of DEMO_ACCOUNTS) if (!accounts.get(a.username)) await accounts.create({ ...a, password: DEMO_PASSWORD });
  } finally {
    store.close();
  }
}

/** Electron hosts the core itself; the demo keeps the hub running until the window closes. */
function execElectron(bin: string, consoleArgs: string[], hub: { close(): Promise<void> }): void {
  const app = spawn(bin, [path.join(root, 'dist/main/electron-main.js'), ...consoleArgs], { stdio: 'inherit' });
  app.on('exit', (code) => void hub.close().then(() => process.exit(code ?? 0)));
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => app.kill(sig));
}

main().catch((err: unknown) => {
  console.error(`demo failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
