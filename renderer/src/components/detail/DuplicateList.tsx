// The open requests the selected one is a likely duplicate of (from its detail: the core found
// them when it arrived), best match first: tracking code, distance, age and text. One is chosen
// (the best, or the one clicked or reached with the arrows); D — or the button — asks to close
// the selected request as a duplicate of it, and the confirmation says which. The command goes
// through the same submit and outbox as every action; focus returns where it was.
import '../duplicates.css';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { DuplicateCandidate, RequestView } from '../../../../common/api/contract';
import { formatAge, formatMeters, formatNumber, localDigits } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import type { ShortcutDef } from '../../keyboard/registry';
import { useShortcuts } from '../../keyboard/useShortcuts';
import { allowedActions } from '../../state/allowedActions';
import { useConsole } from '../../state/store';

const isolate = (s: string) => `\u2068${s}\u2069`;

const MERGE: readonly ShortcutDef[] = [{ id: 'action.duplicate', codes: ['KeyD'], key: 'D', scope: 'operator', label: (t) => t.duplicates.shortcut }];

/** The candidates as a listbox, one of them chosen; also for a form about to create a request. */
export function DuplicateCandidateList(props: { candidates: readonly DuplicateCandidate[]; chosen: string | null; onChoose(id: string): void }) {
  const t = useT();
  const locale = useLocale();
  const now = useConsole((s) => s.now);
  const { candidates, chosen, onChoose } = props;
  function onKeyDown(e: KeyboardEvent) {
    const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const i = candidates.findIndex((c) => c.request.id === chosen);
    onChoose(candidates[Math.min(candidates.length - 1, Math.max(0, i + step))].request.id);
  }
  return (
    <ul
      className="duplicates__list"
      role="listbox"
      aria-label={t.duplicates.listLabel}
      tabIndex={0}
      data-own-keys
      aria-activedescendant={chosen ? `duplicate-${chosen}` : undefined}
      onKeyDown={onKeyDown}
    >
      {candidates.map(({ request: r, meters, similarity }) => {
        const code = localDigits(r.id, locale);
        const distance = formatMeters(meters, locale);
        const age = formatAge(now - Date.parse(r.receivedAt), locale);
        const description = localDigits(r.description, locale);
        return (
          <li
            key={r.id}
            id={`duplicate-${r.id}`}
            role="option"
            aria-selected={r.id === chosen}
            aria-label={t.duplicates.item(code, distance, age, description)}
            className="duplicates__item"
            onClick={() => onChoose(r.id)}
          >
            <span className="duplicates__facts">
              <bdi className="duplicates__code">{code}</bdi>
              <span>{distance}</span>
              <span className="muted">{age}</span>
              <span className="muted">{t.duplicates.similarity(formatNumber(similarity * 100, locale))}</span>
            </span>
            <span className="duplicates__text" dir="auto">{description}</span>
            <span className="duplicates__text muted" dir="auto">{localDigits(r.address, locale)}</span>
          </li>
        );
      })}
    </ul>
  );
}

export function DuplicateList({ request, candidates }: { request: RequestView; candidates: readonly DuplicateCandidate[] }) {
  const t = useT();
  const locale = useLocale();
  const submit = useConsole((s) => s.submit);
  const [chosen, setChosen] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const section = useRef<HTMLElement>(null);
  const original = candidates.find((c) => c.request.id === chosen) ?? candidates[0];
  const canClose = allowedActions(request).has('close');

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (confirming && !d.open) d.showModal();
    else if (!confirming && d.open) d.close();
  }, [confirming]);

  function ask() {
    if (!original || !canClose) return false;
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setConfirming(true);
  }
  function done() {
    setConfirming(false);
    // Closed first: while the modal dialog is open, nothing outside it can take the focus.
    if (dialog.current?.open) dialog.current.close();
    // Back where it was (the queue, the map…) — but this list goes once the request is closed, and
    // the page's body is no place: then the detail panel.
    const back = returnFocus.current;
    const stays = back && back.isConnected && back !== document.body && !section.current?.contains(back);
    (stays ? back : document.querySelector<HTMLElement>('[data-testid="request-detail"]'))?.focus();
  }
  async function merge() {
    const id = await submit({ type: 'request.close', data: { id: request.id, resolution: 'duplicate', duplicateOf: original.request.id } });
    if (id) done();
  }

  useShortcuts(MERGE, () => ask());
  if (!candidates.length) return null;
  // Isolated, so a code's dashes and digits keep their order inside a Persian sentence.
  const code = isolate(localDigits(request.id, locale));
  const originalCode = isolate(localDigits(original.request.id, locale));
  return (
    <section ref={section} className="duplicates" aria-label={t.duplicates.title} data-testid="duplicate-list">
      <h3 className="panel-title">{t.duplicates.title}</h3>
      <DuplicateCandidateList candidates={candidates} chosen={original.request.id} onChoose={setChosen} />
      {canClose && (
        <button type="button" data-testid="action-duplicate" aria-keyshortcuts="D" onClick={() => ask()}>
          {t.duplicates.merge(originalCode)}
          <kbd>D</kbd>
        </button>
      )}
      <dialog ref={dialog} className="duplicates__confirm" aria-label={t.duplicates.confirmTitle} onClose={() => confirming && done()}>
        {confirming && (
          <form method="dialog" onSubmit={(e) => (e.preventDefault(), void merge())}>
            <h4 className="panel-title">{t.duplicates.confirmTitle}</h4>
            <p>{t.duplicates.confirm(code, originalCode)}</p>
            <div className="action-form__buttons">
              <button type="submit" className="primary" autoFocus>
                {t.duplicates.confirmYes}
              </button>
              <button type="button" onClick={done}>
                {t.duplicates.cancel}
              </button>
            </div>
          </form>
        )}
      </dialog>
    </section>
  );
}
