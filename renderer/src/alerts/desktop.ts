// Desktop notifications (the Notification API; Electron shows them as the system's own) for alerts
// raised while the console's window is not in front. Permission is asked only when the operator
// presses the button for it, never on load.
export type DesktopPermission = NotificationPermission | 'unsupported';

export const desktopPermission = (): DesktopPermission => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);

export async function askDesktopPermission(): Promise<DesktopPermission> {
  if (typeof Notification === 'undefined') return 'unsupported';
  try {
    return await Notification.requestPermission();
  } catch {
    return Notification.permission;
  }
}

export interface DesktopNotice {
  title: string;
  body: string;
  /** A later notice with the same tag replaces the earlier one (one per request). */
  tag: string;
  lang: string;
  dir: 'rtl' | 'ltr';
  onClick(): void;
}

/** Shows the notice if the window is not focused and notifications are allowed; whether it did. */
export function notifyDesktop(n: DesktopNotice): boolean {
  if (desktopPermission() !== 'granted' || document.hasFocus()) return false;
  try {
    const shown = new Notification(n.title, { body: n.body, tag: n.tag, lang: n.lang, dir: n.dir });
    shown.onclick = () => {
      window.focus();
      n.onClick();
      shown.close();
    };
    return true;
  } catch {
    return false; // e.g. a platform that only allows notifications from a service worker
  }
}
