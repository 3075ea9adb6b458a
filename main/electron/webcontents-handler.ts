// Every web contents the app creates stays on our origin: no navigation away, no new windows, no
// <webview>, no permissions beyond writing to the clipboard and showing desktop notifications. A
// link to an https page opens in the operator's own browser, after the URL has been checked.
import { shell, type Session, type WebContents } from 'electron';
import { isAppUrl, isSafeExternalUrl } from './app-origin';

export function hardenWebContents(contents: WebContents, log: (line: string) => void): void {
  const stayHome = (event: { preventDefault(): void }, url: string, what: string) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    log(`blocked ${what} to ${describe(url)}`);
  };
  contents.on('will-frame-navigate', (event) => stayHome(event, event.url, 'navigation'));
  contents.on('will-redirect', (event) => stayHome(event, event.url, 'redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    else log(`blocked a new window for ${describe(url)}`);
    return { action: 'deny' };
  });
}

/**
 * Copying text (addresses, phone numbers) out of the console and showing its alerts as system
 * notifications (docs/alerts.md) are the only permissions granted, and only to the app's pages.
 */
const GRANTED = new Set(['clipboard-sanitized-write', 'notifications']);

export function denyPermissions(session: Session, log: (line: string) => void): void {
  const allowed = (permission: string, origin: string) => GRANTED.has(permission) && isAppUrl(origin);
  session.setPermissionCheckHandler((_contents, permission, origin) => allowed(permission, origin));
  session.setPermissionRequestHandler((contents, permission, grant) => {
    const ok = allowed(permission, contents.getURL());
    if (!ok) log(`denied permission "${permission}"`);
    grant(ok);
  });
}

/** Scheme and host only: query strings may carry personal data or secrets. */
function describe(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return 'an unreadable URL';
  }
}
