// The keyboard shortcuts, in one table with one set of rules. A shortcut names physical keys
// (KeyboardEvent.code, so it works the same on a Persian layout), its modifiers, where it applies
// and its label in the dictionary. Components add theirs while mounted (useShortcuts); one window
// listener dispatches (useShortcutListener); listShortcuts() is what a help overlay shows.
import type { Dict } from '../i18n';
import type { View } from '../state/store';

/**
 * Where a shortcut applies: `global` anywhere, `operator` on the operator workstation while no
 * dialog is open, `dialog` only while one is.
 */
export type ShortcutScope = 'global' | 'operator' | 'dialog';

export interface Modifiers {
  shift?: boolean;
  ctrl?: boolean;
  alt?: boolean;
  meta?: boolean;
}

export interface ShortcutDef {
  /** Unique among the shortcuts registered at one time, e.g. 'queue.next'. */
  id: string;
  /** The physical keys that trigger it: KeyboardEvent.code values ('KeyA', 'ArrowDown'). */
  codes: readonly string[];
  /** Exactly these are held; any modifier not named must be up. */
  modifiers?: Modifiers;
  scope: ShortcutScope;
  /** Fires even while typing in a field or in a widget that owns its keys; by default it does not. */
  whileTyping?: boolean;
  /** What the key cap shows, the same in both languages ('A', '↓', 'Enter'). */
  key: string;
  label(t: Dict): string;
}

/** The part of a keydown the rules read. */
export type KeyPress = Pick<KeyboardEvent, 'code' | 'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey' | 'defaultPrevented' | 'target' | 'preventDefault'>;

export interface Shortcut extends ShortcutDef {
  /** Acts on the key; returns false when it does not apply after all, and the key goes on. */
  run(e: KeyPress): boolean | void;
}

/** Where the key was pressed. */
export interface KeyContext {
  view: View;
  dialogOpen: boolean;
  /** The key went to a text field or to a widget that handles its own keys. */
  typing: boolean;
}

export interface ShortcutRegistry {
  /** Adds a shortcut; returns its removal. A later one is tried before an earlier one on the same key. */
  register(s: Shortcut): () => void;
  list(): ShortcutDef[];
  /** Runs the shortcut the key stands for here, prevents the key's default, and returns it; else null. */
  dispatch(e: KeyPress, where: KeyContext): ShortcutDef | null;
}

const inScope = (scope: ShortcutScope, where: KeyContext): boolean =>
  scope === 'global' || (scope === 'dialog' ? where.dialogOpen : where.view === 'operator' && !where.dialogOpen);

const modifiersMatch = ({ shift = false, ctrl = false, alt = false, meta = false }: Modifiers, e: KeyPress): boolean =>
  e.shiftKey === shift && e.ctrlKey === ctrl && e.altKey === alt && e.metaKey === meta;

export function createShortcutRegistry(): ShortcutRegistry {
  const active: Shortcut[] = [];
  return {
    register(s) {
      active.push(s);
      return () => {
        const i = active.indexOf(s);
        if (i >= 0) active.splice(i, 1);
      };
    },
    list: () => active.map(({ run: _run, ...def }) => def),
    dispatch(e, where) {
      if (e.defaultPrevented) return null; // a widget already handled it
      for (const s of [...active].reverse()) {
        if (!s.codes.includes(e.code) || !modifiersMatch(s.modifiers ?? {}, e)) continue;
        if (!inScope(s.scope, where) || (where.typing && !s.whileTyping)) continue;
        if (s.run(e) === false) continue;
        e.preventDefault();
        return s;
      }
      return null;
    },
  };
}

/** The renderer's shortcuts. */
export const shortcuts: ShortcutRegistry = createShortcutRegistry();

/** The shortcuts registered now, for the help overlay. */
export const listShortcuts = (): ShortcutDef[] => shortcuts.list();
