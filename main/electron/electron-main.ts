// Electron's main process: one instance per user, every renderer sandboxed, the core hosted right
// here, the renderer served from app://console/ and talking to the core over validated IPC.
//   console137 [--hub URL --district ID --token T --data-dir DIR --operator ID] [--role workstation|wall] [--lang en]
// Settings not given as flags come from C137_* variables or <userData>/console137.json (core/config).
import path from 'node:path';
import { bothLanguages } from '../../common/i18n';
import { app, BrowserWindow, dialog, Menu, session } from 'electron';
import { openBasemap, type BasemapSource } from '../core/basemap/index';
import { loadConfig, parseFlags } from '../core/config';
import { startCore, type Core } from '../core/index';
import { stderrLogger } from '../core/log';
import { BASEMAP_TILE_URL } from '../web-shell/assets';
import { APP_URL } from './app-origin';
import { serveApiOverIpc, type IpcApi } from './ipc';
import { appMenu } from './menu';
import { registerAppScheme, serveAppScheme } from './protocol';
import { denyPermissions, hardenWebContents } from './webcontents-handler';
import { createMainWindow } from './window';

/** The bundle lives in <app>/dist/main/; the renderer and preload next to it under dist/. */
const APP_ROOT = path.resolve(import.meta.dirname, '../..');
const log = stderrLogger('electron');
const warn = (line: string) => log.warn(line);

// Both must happen before `ready`.
registerAppScheme();
app.enableSandbox();

let core: Core | null = null;
let basemap: BasemapSource | null = null;
let ipc: IpcApi | null = null;
let window: BrowserWindow | null = null;

async function start(): Promise<void> {
  // `electron dist/main/electron-main.js --flags` in development, `console137 --flags` when packaged.
  const argv = process.argv.slice(process.defaultApp ? 2 : 1);
  const shellFlags = parseFlags(argv, { '--role': 'role', '--lang': 'lang' });
  const role = shellFlags.role ?? 'workstation';
  if (role !== 'workstation' && role !== 'wall') throw new Error(`--role must be workstation or wall, not "${role}"`);
  const config = loadConfig({ argv, env: process.env, userDataDir: app.getPath('userData') });

  basemap = openBasemap(config.dataDir, log);
  core = await startCore(config, { log, basemapUrl: basemap ? BASEMAP_TILE_URL : null });
  serveAppScheme({ staticDir: path.join(APP_ROOT, 'dist/renderer'), basemap });
  ipc = serveApiOverIpc(core.handlers, warn);
  denyPermissions(session.defaultSession, warn);
  Menu.setApplicationMenu(
    role === 'wall' ? null : appMenu(shellFlags.lang === 'en' ? 'en' : 'fa', { devTools: !app.isPackaged, log: warn }),
  );
  window = createMainWindow({
    preload: path.join(APP_ROOT, 'dist/preload/preload.cjs'),
    wall: role === 'wall',
    url: APP_URL,
    log: warn,
  });
  // The window's session is a workstation's (people sign in) or the wall's, before its page can make a call.
  ipc.open(window.webContents, role);
  window.on('closed', () => (window = null));
}

/** Close the core (flushes the database, leaves the outbox intact) before the process exits. */
async function shutdown(): Promise<void> {
  ipc?.stop();
  ipc = null;
  try {
    await core?.close();
  } catch (err) {
    log.error(`closing the core failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  core = null;
  basemap?.close();
  basemap = null;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.setAppUserModelId('ir.shiraz.console137');
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, warn));
  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());

  let closing: Promise<void> | null = null;
  app.on('will-quit', (event) => {
    if (!core) return; // closed (or never started): let the quit happen
    event.preventDefault();
    closing ??= shutdown().finally(() => app.quit());
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      log.error(`cannot start: ${message}`);
      dialog.showErrorBox(bothLanguages((t) => t.app.title, ' — '), `${bothLanguages((t) => t.app.cannotStart, '\n')}\n\n${message}`);
      void shutdown().finally(() => app.exit(1));
    });
}
