// The shortcut registry's dispatch rules: physical keys (code, not the layout's character), exact
// modifiers, scopes, keys typed into fields, keys a widget already took, and precedence.
import { describe, expect, it } from 'vitest';
import { dictionaries } from '../../common/i18n';
import { createShortcutRegistry, type KeyContext, type KeyPress, type Shortcut } from '../../renderer/src/keyboard/registry';

const OPERATOR: KeyContext = { view: 'operator', dialogOpen: false, typing: false };

/** A keydown as the browser gives it; `key` is what the layout types, which the rules never read. */
function press(code: string, key: string, more: Partial<KeyPress> = {}): KeyPress & { key: string } {
  const e = {
    code,
    key,
    shiftKey: false,
    ctrlKey: false,
    altKey: false,
    metaKey: false,
    defaultPrevented: false,
    target: null,
    ...more,
    preventDefault() {
      e.defaultPrevented = true;
    },
  };
  return e;
}

function setup(...defs: Array<Partial<Shortcut> & Pick<Shortcut, 'id'>>) {
  const registry = createShortcutRegistry();
  const ran: string[] = [];
  const offs = defs.map((d) =>
    registry.register({
      codes: ['KeyA'],
      key: 'A',
      scope: 'operator',
      label: (t) => t.actions.acknowledge,
      run: () => void ran.push(d.id),
      ...d,
    }),
  );
  return { registry, ran, offs };
}

describe('keyboard shortcuts', () => {
  it('match the physical key, whatever character the layout types', () => {
    const { registry, ran } = setup({ id: 'ack' });
    const persianA = press('KeyA', 'ش');
    expect(registry.dispatch(persianA, OPERATOR)?.id).toBe('ack');
    expect(persianA.defaultPrevented).toBe(true);
    // A Latin "a" typed on a key that is not KeyA (e.g. AZERTY's Q position) is not the shortcut.
    expect(registry.dispatch(press('KeyQ', 'a'), OPERATOR)).toBeNull();
    expect(ran).toEqual(['ack']);
  });

  it('need exactly the modifiers they name', () => {
    const { registry, ran } = setup({ id: 'plain' }, { id: 'send', codes: ['Enter'], modifiers: { ctrl: true } });
    expect(registry.dispatch(press('KeyA', 'A', { shiftKey: true }), OPERATOR)).toBeNull();
    expect(registry.dispatch(press('KeyA', 'a', { ctrlKey: true }), OPERATOR)).toBeNull();
    expect(registry.dispatch(press('Enter', 'Enter'), OPERATOR)).toBeNull();
    expect(registry.dispatch(press('Enter', 'Enter', { ctrlKey: true }), OPERATOR)?.id).toBe('send');
    expect(registry.dispatch(press('KeyA', 'a'), OPERATOR)?.id).toBe('plain');
    expect(ran).toEqual(['send', 'plain']);
  });

  it('apply where their scope says: operator view without a dialog, a dialog, anywhere', () => {
    const { registry } = setup(
      { id: 'queue', codes: ['ArrowDown'] },
      { id: 'close-dialog', codes: ['Escape'], scope: 'dialog' },
      { id: 'help', codes: ['F1'], scope: 'global' },
    );
    const at = (code: string, where: Partial<KeyContext>) => registry.dispatch(press(code, code), { ...OPERATOR, ...where })?.id ?? null;
    expect(at('ArrowDown', {})).toBe('queue');
    expect(at('ArrowDown', { view: 'wall' })).toBeNull();
    expect(at('ArrowDown', { dialogOpen: true })).toBeNull();
    expect(at('Escape', {})).toBeNull();
    expect(at('Escape', { dialogOpen: true })).toBe('close-dialog');
    expect(at('F1', { view: 'wall' })).toBe('help');
    expect(at('F1', { dialogOpen: true })).toBe('help');
  });

  it('leave keys typed into a field (or a widget that owns its keys) alone, unless they ask for them', () => {
    const { registry, ran } = setup({ id: 'ack' }, { id: 'cancel', codes: ['Escape'], whileTyping: true });
    const typed = press('KeyA', 'ش');
    expect(registry.dispatch(typed, { ...OPERATOR, typing: true })).toBeNull();
    expect(typed.defaultPrevented).toBe(false);
    expect(registry.dispatch(press('Escape', 'Escape'), { ...OPERATOR, typing: true })?.id).toBe('cancel');
    expect(ran).toEqual(['cancel']);
  });

  it('skip a key a widget already handled', () => {
    const { registry, ran } = setup({ id: 'ack' });
    expect(registry.dispatch(press('KeyA', 'a', { defaultPrevented: true }), OPERATOR)).toBeNull();
    expect(ran).toEqual([]);
  });

  it('try the latest registration first, and pass the key on when a handler declines it', () => {
    const registry = createShortcutRegistry();
    const ran: string[] = [];
    const def = { codes: ['Enter'], key: 'Enter', scope: 'operator' as const, label: () => 'x' };
    registry.register({ ...def, id: 'first', run: () => void ran.push('first') });
    const off = registry.register({ ...def, id: 'second', run: () => (ran.push('second declined'), false) });
    expect(registry.dispatch(press('Enter', 'Enter'), OPERATOR)?.id).toBe('first');
    off();
    registry.register({ ...def, id: 'third', run: () => (ran.push('third declined'), false) });
    expect(registry.dispatch(press('Enter', 'Enter'), OPERATOR)?.id).toBe('first');
    expect(ran).toEqual(['second declined', 'first', 'third declined', 'first']);

    const alone = createShortcutRegistry();
    alone.register({ ...def, id: 'declines', run: () => false });
    const enter = press('Enter', 'Enter');
    expect(alone.dispatch(enter, OPERATOR)).toBeNull();
    expect(enter.defaultPrevented).toBe(false); // the key keeps its default (a focused button's click)
  });

  it('lists what is registered now, with labels in both languages', () => {
    const { registry, offs } = setup({ id: 'ack' }, { id: 'next', codes: ['ArrowDown'], key: '↓', label: (t) => t.shortcuts.next });
    expect(registry.list().map((s) => [s.id, s.key, s.label(dictionaries.fa), s.label(dictionaries.en)])).toEqual([
      ['ack', 'A', 'تأیید دریافت', 'Acknowledge'],
      ['next', '↓', 'درخواست بعدی', 'Next request'],
    ]);
    expect(registry.list()[0]).not.toHaveProperty('run');
    offs[0]();
    expect(registry.list().map((s) => s.id)).toEqual(['next']);
  });
});
