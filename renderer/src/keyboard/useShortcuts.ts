// The React side of the shortcut registry: a component's shortcuts while it is mounted, and the
// one window listener that dispatches every key.
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useConsole } from '../state/store';
import { shortcuts, type KeyPress, type ShortcutDef } from './registry';

/**
 * Registers `defs` while the component is mounted. `run` may close over state: the latest
 * render's is called, with the definition whose key was pressed. The definitions themselves are
 * read once: keep them in a module-level constant.
 */
export function useShortcuts<D extends ShortcutDef>(defs: readonly D[], run: (def: D, e: KeyPress) => boolean | void): void {
  const latest = useRef(run);
  useLayoutEffect(() => {
    latest.current = run;
  });
  useEffect(() => {
    const offs = defs.map((def) => shortcuts.register({ ...def, run: (e) => latest.current(def, e) }));
    return () => offs.forEach((off) => off());
  }, [defs]);
}

// Keys typed into these belong to them, not to the shortcuts (data-own-keys: e.g. the crew picker).
const OWNS_KEYS = 'input, textarea, select, [contenteditable="true"], [data-own-keys]';
const OPEN_DIALOG = 'dialog[open], [aria-modal="true"]';

function onKeyDown(e: KeyboardEvent): void {
  shortcuts.dispatch(e, {
    view: useConsole.getState().view,
    dialogOpen: document.querySelector(OPEN_DIALOG) !== null,
    typing: e.target instanceof Element && e.target.closest(OWNS_KEYS) !== null,
  });
}

/** The one keydown listener, for the app's root component. */
export function useShortcutListener(): void {
  useEffect(() => {
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
