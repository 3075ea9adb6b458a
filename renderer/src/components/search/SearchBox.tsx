// The one search box, at the top of the queue pane: / or Ctrl+F focuses it; what is typed goes to
// the core's `search` (the store's search slice); ↑/↓ move among the hits, Enter opens one, Esc
// clears the search and hands the keys back to the queue.
import type { ShortcutDef } from '../../keyboard/registry';
import { useShortcuts } from '../../keyboard/useShortcuts';
import { useT } from '../../i18n';
import { useConsole } from '../../state/store';
import { openSearchHit, SEARCH_BOX_ID, SEARCH_RESULTS_ID, searchHitId } from './searchDom';

const FOCUS: readonly ShortcutDef[] = [
  { id: 'search.focus', codes: ['Slash'], key: '/', scope: 'operator', label: (t) => t.search.shortcuts.focus },
  // The browser's own find would search the page, not the requests.
  { id: 'search.focusCtrlF', codes: ['KeyF'], modifiers: { ctrl: true }, key: 'Ctrl+F', scope: 'operator', whileTyping: true, label: (t) => t.search.shortcuts.focus },
];

type ResultKey = ShortcutDef & { act: 'next' | 'previous' | 'open' | 'clear' };
const RESULT_KEYS: readonly ResultKey[] = [
  { id: 'search.next', codes: ['ArrowDown'], key: '↓', scope: 'operator', whileTyping: true, act: 'next', label: (t) => t.search.shortcuts.next },
  { id: 'search.previous', codes: ['ArrowUp'], key: '↑', scope: 'operator', whileTyping: true, act: 'previous', label: (t) => t.search.shortcuts.previous },
  { id: 'search.open', codes: ['Enter', 'NumpadEnter'], key: 'Enter', scope: 'operator', whileTyping: true, act: 'open', label: (t) => t.search.shortcuts.open },
  { id: 'search.clear', codes: ['Escape'], key: 'Esc', scope: 'operator', whileTyping: true, act: 'clear', label: (t) => t.search.shortcuts.clear },
];

const TEXT_FIELD = 'input, textarea, select, [contenteditable="true"], [data-own-keys]';

/** The key is the search's: pressed in its box, or anywhere but another field or a button. */
function keyIsOurs(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return true;
  if (target.id === SEARCH_BOX_ID) return true;
  return !target.closest(TEXT_FIELD) && !(target instanceof HTMLButtonElement);
}

export function SearchBox() {
  const t = useT();
  const text = useConsole((s) => s.search.text);
  const phase = useConsole((s) => s.search.phase);
  const active = useConsole((s) => s.search.active);
  const setText = useConsole((s) => s.setSearchText);

  useShortcuts(FOCUS, () => {
    const box = document.getElementById(SEARCH_BOX_ID) as HTMLInputElement | null;
    box?.focus();
    box?.select();
  });
  useShortcuts(RESULT_KEYS, (k, e) => {
    const s = useConsole.getState();
    if (s.search.phase === 'idle' || !keyIsOurs(e.target)) return false;
    if (k.act === 'next') s.moveSearchActive(1);
    else if (k.act === 'previous') s.moveSearchActive(-1);
    else if (k.act === 'open') return openSearchHit(s.search.active);
    else {
      s.clearSearch();
      (document.getElementById(SEARCH_BOX_ID) as HTMLInputElement | null)?.blur(); // the queue's keys work again
    }
  });

  return (
    <div className="search-box">
      <input
        id={SEARCH_BOX_ID}
        type="search"
        role="searchbox"
        className="search-box__input"
        aria-label={t.search.label}
        aria-controls={SEARCH_RESULTS_ID}
        aria-activedescendant={phase === 'done' && active >= 0 ? searchHitId(active) : undefined}
        placeholder={t.search.placeholder}
        dir="auto"
        autoComplete="off"
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </div>
  );
}
