// A question asked before an action that is hard to take back. A modal <dialog> (role dialog,
// named by its title, the page behind inert, drawn above the map and the toasts), Enter confirms
// and Esc goes back through the registry's `dialog` scope; focus returns where it was, or — when
// the action took that away (a form that closed) — to the panel around it.
import './confirm-dialog.css';
import { useEffect, useId, useRef, type SyntheticEvent } from 'react';
import type { ShortcutDef } from '../keyboard/registry';
import { useShortcuts } from '../keyboard/useShortcuts';

export interface Question {
  title: string;
  body: string;
  confirm: string;
  cancel: string;
}

const KEYS: readonly (ShortcutDef & { answer: 'confirm' | 'cancel' })[] = [
  { id: 'dialog.confirm', codes: ['Enter', 'NumpadEnter'], key: 'Enter', scope: 'dialog', label: (t) => t.notices.questionKeys.confirm, answer: 'confirm' },
  { id: 'dialog.cancel', codes: ['Escape'], key: 'Esc', scope: 'dialog', label: (t) => t.notices.questionKeys.cancel, answer: 'cancel' },
];

export function ConfirmDialog(props: { question: Question; busy: boolean; testId: string; onConfirm(): void; onCancel(): void }) {
  const { question, busy } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const around = previous?.parentElement?.closest<HTMLElement>('[tabindex]') ?? null;
    const dialog = ref.current!;
    dialog.showModal();
    confirmRef.current?.focus();
    // A passive cleanup runs once the DOM is updated: whether `previous` survived is known by then.
    // Closed first: while a modal dialog is open the page behind it cannot take focus.
    return () => {
      dialog.close();
      (previous?.isConnected ? previous : around?.isConnected ? around : null)?.focus();
    };
  }, []);

  useShortcuts(KEYS, ({ answer }) => {
    if (busy) return;
    if (answer === 'confirm') props.onConfirm();
    else props.onCancel();
  });

  // Esc is the registry's; the dialog's own cancel would close it behind React's back.
  const keepOpen = (e: SyntheticEvent) => e.preventDefault();
  return (
    <dialog ref={ref} className="confirm" data-testid={props.testId} aria-labelledby={titleId} aria-describedby={bodyId} onCancel={keepOpen}>
      <h3 id={titleId} className="confirm__title">
        {question.title}
      </h3>
      <p id={bodyId} className="confirm__body">
        {question.body}
      </p>
      <div className="confirm__buttons">
        <button ref={confirmRef} type="button" className="primary" disabled={busy} aria-keyshortcuts="Enter" onClick={props.onConfirm}>
          {question.confirm} <kbd>Enter</kbd>
        </button>
        <button type="button" disabled={busy} aria-keyshortcuts="Escape" onClick={props.onCancel}>
          {question.cancel} <kbd>Esc</kbd>
        </button>
      </div>
    </dialog>
  );
}
