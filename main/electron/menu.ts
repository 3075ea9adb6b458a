// The application menu: what an operator needs from the window itself — reload, zoom, print the
// current view, quit — labelled in Persian (default) or English from the console's one dictionary.
import { BrowserWindow, Menu, type MenuItemConstructorOptions } from 'electron';
import { dictionaries, type Locale } from '../../common/i18n';

export function appMenu(lang: Locale, o: { devTools: boolean; log: (line: string) => void }): Menu {
  const t = dictionaries[lang].menu;
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
