// The application menu: what an operator needs from the window itself — reload, zoom, print the
// current view, quit — labelled in Persian (default) or English.
import { BrowserWindow, Menu, type MenuItemConstructorOptions } from 'electron';

export type MenuLanguage = 'fa' | 'en';

const LABELS = {
  fa: {
    file: 'پرونده',
    print: 'چاپ نمای کنونی…',
    quit: 'خروج',
    view: 'نما',
    reload: 'بارگذاری دوباره',
    zoomIn: 'بزرگ‌نمایی',
    zoomOut: 'کوچک‌نمایی',
    resetZoom: 'اندازهٔ اصلی',
    fullScreen: 'تمام‌صفحه',
    devTools: 'ابزار توسعه‌دهنده',
  },
  en: {
    file: 'File',
    print: 'Print current view…',
    quit: 'Quit',
    view: 'View',
    reload: 'Reload',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    resetZoom: 'Actual size',
    fullScreen: 'Full screen',
    devTools: 'Developer tools',
  },
} satisfies Record<MenuLanguage, Record<string, string>>;

export function appMenu(lang: MenuLanguage, o: { devTools: boolean; log: (line: string) => void }): Menu {
  const t = LABELS[lang];
  const template: MenuItemConstructorOptions[] = [
    {
      label: t.file,
      submenu: [
        {
          label: t.print,
          accelerator: 'CmdOrCtrl+P',
          click: (_item, window) => {
            if (!(window instanceof BrowserWindow)) return;
            window.webContents.print({ printBackground: true }, (ok, reason) => {
              if (!ok && reason !== 'cancelled') o.log(`printing failed: ${reason}`);
            });
          },
        },
        { type: 'separator' },
        { label: t.quit, role: 'quit' },
      ],
    },
    {
      label: t.view,
      submenu: [
        { label: t.reload, role: 'reload' },
        { type: 'separator' },
        { label: t.zoomIn, role: 'zoomIn' },
        { label: t.zoomOut, role: 'zoomOut' },
        { label: t.resetZoom, role: 'resetZoom' },
        { type: 'separator' },
        { label: t.fullScreen, role: 'togglefullscreen' },
        ...(o.devTools ? [{ label: t.devTools, role: 'toggleDevTools' } as const] : []),
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
