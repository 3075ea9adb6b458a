// The demo's Chromium window on a machine that cannot show one: the failure is reported with its
// reason (so the demo says so and keeps serving), never taken for the user closing the window.
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumAppArgs, findChromium, openAppWindow } from '../../main/cli/chromium';
import { tempDir } from '../support/temp';

const chromium = findChromium();
const profile = tempDir('c137-app-window-');
afterAll(() => profile.cleanup());
// The demo's own arguments, on a page that needs no shell.
const args = chromiumAppArgs({ oneTimeUrl: () => 'about:blank' }, profile.dir);

function outcome(env: NodeJS.ProcessEnv): Promise<{ closed: boolean; reason?: string }> {
  return new Promise((resolve) => {
    openAppWindow(chromium!, args, { onClosed: () => resolve({ closed: true }), onFailed: (reason) => resolve({ closed: false, reason }) }, env);
  });
}

describe('the demo app window without a display', { timeout: 60_000 }, () => {
  it('is found (the browser tests install it)', () => expect(chromium).not.toBeNull());

  it('says there is no display when none is set, without starting Chromium', async () => {
    const { DISPLAY: _d, WAYLAND_DISPLAY: _w, ...env } = process.env;
    expect(await outcome(env)).toEqual({ closed: false, reason: 'there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)' });
  });

  it('reports Chromium giving up at start (a display that is not there) as a failure with its reason', async () => {
    const r = await outcome({ ...process.env, DISPLAY: ':97', WAYLAND_DISPLAY: '' });
    expect(r.closed).toBe(false);
    expect(r.reason).toMatch(/^Chromium exited at start \(code \d+\)/);
  });
});
