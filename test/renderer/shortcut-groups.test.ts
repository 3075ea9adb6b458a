// The help overlay's grouping: every registered shortcut listed once, under its area's name in the
// current language, areas in the operator's order, unknown areas under "other"; key caps.
import { describe, expect, it } from 'vitest';
import { dictionaries } from '../../common/i18n';
import { groupShortcuts, keyCap } from '../../renderer/src/keyboard/groups';
import type { ShortcutDef } from '../../renderer/src/keyboard/registry';

const def = (id: string, key = 'X', modifiers?: ShortcutDef['modifiers']): ShortcutDef => ({ id, codes: [`Key${key}`], key, modifiers, scope: 'operator', label: () => id });

describe('shortcut groups', () => {
  const defs = [def('queue.next'), def('action.assign'), def('unnamed.one'), def('alerts.jump'), def('help.open'), def('queue.next'), def('alsoUnnamed.two')];

  it('groups by area in the operator’s order, each shortcut once, unknown areas under “other”', () => {
    const groups = groupShortcuts(defs, dictionaries.en);
    expect(groups.map((g) => [g.title, g.shortcuts.map((s) => s.id)])).toEqual([
      ['Alerts', ['alerts.jump']],
      ['Request queue', ['queue.next']],
      ['Actions on the selected request', ['action.assign']],
      ['Help', ['help.open']],
      ['Other', ['unnamed.one', 'alsoUnnamed.two']],
    ]);
  });

  it('names the areas in Persian too', () => {
    expect(groupShortcuts(defs, dictionaries.fa).map((g) => g.title)).toEqual(['هشدارها', 'صف درخواست‌ها', 'اقدام روی درخواست برگزیده', 'راهنما', 'دیگر']);
  });

  it('shows modifiers on the key cap once', () => {
    expect(keyCap(def('a', 'F', { ctrl: true }))).toBe('Ctrl+F');
    expect(keyCap(def('a', 'Ctrl+F', { ctrl: true }))).toBe('Ctrl+F');
    expect(keyCap(def('a', '?', { shift: true }))).toBe('?');
  });
});
