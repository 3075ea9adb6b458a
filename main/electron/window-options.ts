// The main window's options, kept apart from window creation so tests can check them without
// Electron: the renderer gets no Node, runs sandboxed in an isolated world, and reaches the core
// only through the preload's bridge.
import type { BrowserWindowConstructorOptions } from 'electron';
import { bothLanguages } from '../../common/i18n';

export interface WindowSettings {
  /** Absolute path of the bundled preload (dist/preload/preload.cjs). */
  preload: string;
  /** Wall display: kiosk full screen, no menu bar. */
  wall: boolean;
}

export function mainWindowOptions(s: WindowSettings): BrowserWindowConstructorOptions {
  return {
    width: 1600,
    height: 960,
    minWidth: 1024,
    minHeight: 640,
    title: bothLanguages((t) => t.app.title, ' — '),
    backgroundColor: '#ece9e3',
    show: false,
    kiosk: s.wall,
    autoHideMenuBar: s.wall,
    webPreferences: {
      preload: s.preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  };
}
