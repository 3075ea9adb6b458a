// The console's window. If its renderer dies it is reloaded — a wall display has no one at the
// keyboard — unless it keeps dying, which a reload loop would only hide.
import { BrowserWindow } from 'electron';
import { mainWindowOptions, type WindowSettings } from './window-options';

const CRASH_RELOAD_GAP_MS = 30_000;

export function createMainWindow(s: WindowSettings & { url: string; log: (line: string) => void }): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(s));
  win.once('ready-to-show', () => win.show());
  let lastCrash = 0;
  win.webContents.on('render-process-gone', (_event, details) => {
    s.log(`renderer gone: ${details.reason} (exit code ${details.exitCode})`);
    if (details.reason === 'clean-exit' || Date.now() - lastCrash < CRASH_RELOAD_GAP_MS) return;
    lastCrash = Date.now();
    win.reload();
  });
  void win.loadURL(s.url);
  return win;
}
