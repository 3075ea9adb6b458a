// The registered shortcuts as the help overlay lists them: grouped by area (the first part of an
// id, 'queue.next' → queue), named from the dictionary; an area the dictionary does not name is
// listed under `other`, so a new feature's keys are never left out.
import type { Dict } from '../i18n';
import type { ShortcutDef } from './registry';

export interface ShortcutGroup {
  area: string;
  title: string;
  shortcuts: ShortcutDef[];
}

/** Areas in the order an operator meets them; any other follows, by name. */
const AREA_ORDER = ['alerts', 'search', 'queue', 'action', 'help'];

export function groupShortcuts(defs: readonly ShortcutDef[], t: Dict): ShortcutGroup[] {
  const groups = new Map<string, ShortcutGroup>();
  const seen = new Set<string>();
  for (const d of defs) {
    if (seen.has(d.id)) continue; // a component mounted twice registers its keys twice
    seen.add(d.id);
    const prefix = d.id.split('.')[0];
    const area = prefix in t.help.areas ? prefix : 'other';
    let g = groups.get(area);
    if (!g) groups.set(area, (g = { area, title: t.help.areas[area], shortcuts: [] }));
    g.shortcuts.push(d);
  }
  const rank = (a: string) => (AREA_ORDER.includes(a) ? AREA_ORDER.indexOf(a) : AREA_ORDER.length);
  return [...groups.values()].sort((a, b) => rank(a.area) - rank(b.area) || a.title.localeCompare(b.title));
}

/** The key cap with the modifiers held ('Ctrl+F'); Shift is part of caps like '?'. */
export function keyCap(s: Pick<ShortcutDef, 'key' | 'modifiers'>): string {
  const held = [s.modifiers?.ctrl && 'Ctrl', s.modifiers?.alt && 'Alt', s.modifiers?.meta && 'Meta'].filter((m): m is string => !!m && !s.key.startsWith(`${m}+`));
  return [...held, s.key].join('+');
}
