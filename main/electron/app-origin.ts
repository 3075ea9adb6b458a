// The Electron shell's own origin and the URL checks built on it. No electron import, so the
// checks can be exercised in plain Node tests.

/** The privileged scheme the renderer is served from (see ./protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/`;

/** Whether a URL is one of our own pages. Compares scheme and host: Node gives custom schemes an origin of "null". */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Links the OS browser may be asked to open: https only, with no credentials tucked into the URL. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.username === '' && u.password === '' && u.hostname !== '';
  } catch {
    return false;
  }
}
