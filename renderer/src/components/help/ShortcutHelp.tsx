// The keyboard help (`?`): every shortcut registered when it opens, grouped by area (the first
// part of its id), in the current language with its key cap; and the fast path from an urgent
// request's alert to an assigned crew. A modal <dialog>: Esc or `?` closes it, focus goes back.
import './help.css';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n';
import { groupShortcuts, keyCap } from '../../keyboard/groups';
import { listShortcuts, type ShortcutDef } from '../../keyboard/registry';
import { useShortcuts } from '../../keyboard/useShortcuts';

const OPEN: readonly ShortcutDef[] = [
  { id: 'help.open', codes: ['Slash'], modifiers: { shift: true }, key: '?', scope: 'global', label: (t) => t.help.open },
];
const FAST_PATH = ['J', 'S', 'Enter'];

export function ShortcutHelp() {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<Element | null>(null);
  const [defs, setDefs] = useState<ShortcutDef[] | null>(null);

  useShortcuts(OPEN, () => {
    if (dialog.current?.open) dialog.current.close();
    else {
      returnTo.current = document.activeElement;
      setDefs(listShortcuts());
    }
  });

  useEffect(() => {
    if (defs && !dialog.current?.open) dialog.current?.showModal();
  }, [defs]);

  function onClose() {
    setDefs(null);
    if (returnTo.current instanceof HTMLElement && returnTo.current.isConnected) returnTo.current.focus();
  }

  return (
    <dialog ref={dialog} className="shortcut-help" data-testid="shortcut-help" aria-labelledby="shortcut-help-title" onClose={onClose}>
      {defs && (
        <>
          <header className="shortcut-help__head">
            <h2 id="shortcut-help-title">{t.help.title}</h2>
            <button type="button" className="shortcut-help__close" aria-label={t.help.close} onClick={() => dialog.current?.close()}>
              ×
            </button>
          </header>
          <p className="muted">{t.help.layout}</p>
          <section className="shortcut-help__fast" aria-labelledby="shortcut-help-fast">
            <h3 id="shortcut-help-fast">{t.help.fastPath}</h3>
            <ol data-testid="fast-path">
              {FAST_PATH.map((key, i) => (
                <li key={key}>
                  <kbd>{key}</kbd> {t.help.fastSteps[i]}
                </li>
              ))}
            </ol>
          </section>
          <div className="shortcut-help__groups">
            {groupShortcuts(defs, t).map((g) => (
              <section key={g.area} className="shortcut-help__group" aria-label={g.title}>
                <h3>{g.title}</h3>
                <dl>
                  {g.shortcuts.map((s) => (
                    <div key={s.id} className="shortcut-help__row" data-testid="shortcut" data-shortcut-id={s.id}>
                      <dt>
                        <kbd>{keyCap(s)}</kbd>
                      </dt>
                      <dd>{s.label(t)}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            ))}
          </div>
        </>
      )}
    </dialog>
  );
}
