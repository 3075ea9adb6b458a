// Registering a request received in the room, in person or by phone: the form (a non-modal
// dialog, so the map beside it stays clickable for the location), checked by ./validate before
// anything is sent, then one `request.create` through the outbox like every command.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Priority } from '../../../../common/protocol/hub-protocol';
import { Priority as PRIORITIES } from '../../../../common/protocol/hub-protocol';
import { useLocale, useT } from '../../i18n';
import { formatNumber } from '../../i18n/format';
import type { ShortcutDef } from '../../keyboard/registry';
import { useShortcuts } from '../../keyboard/useShortcuts';
import { useLocationPick } from '../../map/pick';
import { useConsole } from '../../state/store';
import { CategoryField } from './CategoryField';
import { Deadlines } from './Deadlines';
import { Duplicates } from './Duplicates';
import { TextField } from './fields';
import { followCreated } from './followCreated';
import { LocationField } from './LocationField';
import { closeWalkInForm } from './state';
import { checkWalkIn, effectivePriority, EMPTY_DRAFT, problemsOf, type Problems, type WalkInChannel, type WalkInDraft, type WalkInField } from './validate';

const FORM_KEYS: readonly (ShortcutDef & { act: 'send' | 'close' })[] = [
  {
    id: 'walkin.send',
    codes: ['Enter', 'NumpadEnter'],
    modifiers: { ctrl: true },
    key: 'Ctrl+Enter',
    scope: 'dialog',
    whileTyping: true,
    label: (t) => t.walkin.shortcut.send,
    act: 'send',
  },
  { id: 'walkin.close', codes: ['Escape'], key: 'Esc', scope: 'dialog', whileTyping: true, label: (t) => t.walkin.shortcut.close, act: 'close' },
];

const CHANNELS: readonly WalkInChannel[] = ['walk_in', 'phone'];
/** Problems a field shows as soon as it is left; "required" waits for a send. */
const shownOnLeave = (p: Problems, touched: ReadonlySet<WalkInField>): Problems =>
  Object.fromEntries(Object.entries(p).filter(([f, problem]) => touched.has(f as WalkInField) && problem.kind !== 'required'));

export function WalkInForm() {
  const t = useT();
  const locale = useLocale();
  const categories = useConsole((s) => s.categories);
  const boundary = useConsole((s) => s.district?.boundary ?? null);
  const submit = useConsole((s) => s.submit);
  const location = useLocationPick((s) => s.point);
  const [fields, setFields] = useState<Omit<WalkInDraft, 'location'>>(EMPTY_DRAFT);
  const [touched, setTouched] = useState<ReadonlySet<WalkInField>>(new Set());
  const [attempts, setAttempts] = useState(0);
  const [busy, setBusy] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);

  const draft: WalkInDraft = { ...fields, location };
  const ctx = { categories, boundary };
  const all = problemsOf(draft, ctx);
  const problems = attempts > 0 ? all : shownOnLeave(all, touched);
  const set = <K extends keyof typeof fields>(k: K, v: (typeof fields)[K]) => setFields((f) => ({ ...f, [k]: v }));
  const leave = (f: WalkInField) => () => setTouched((s) => new Set(s).add(f));

  useLayoutEffect(() => {
    opener.current = document.activeElement;
    dialog.current?.querySelector<HTMLElement>('[data-testid="walkin-category"]')?.focus();
    // The map's pick state belongs to this form: nothing picked before it opened, nothing left after.
    useLocationPick.setState({ picking: false, point: null });
    return () => useLocationPick.setState({ picking: false, point: null });
  }, []);
  // After a refused send, the operator lands on the first field to fix.
  useEffect(() => {
    if (attempts > 0) dialog.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempts]);

  function close() {
    closeWalkInForm();
    const back = opener.current instanceof HTMLElement && opener.current.isConnected ? opener.current : null;
    (back ?? document.querySelector<HTMLElement>('[data-testid="walkin-open"]'))?.focus();
  }

  async function send() {
    if (busy) return;
    const checked = checkWalkIn(draft, ctx, new Date().toISOString());
    if (!checked.ok) {
      setAttempts((n) => n + 1);
      return;
    }
    setBusy(true);
    const commandId = await submit({ type: 'request.create', data: { request: checked.request } });
    setBusy(false);
    if (!commandId) return; // the core refused it (a notice says why); the form keeps what was typed
    followCreated(commandId, checked.request);
    closeWalkInForm();
    document.querySelector<HTMLElement>('[data-testid="request-detail"]')?.focus();
  }

  useShortcuts(FORM_KEYS, ({ act }) => {
    if (act === 'send') void send();
    else if (useLocationPick.getState().picking) useLocationPick.setState({ picking: false });
    else close();
  });

  const count = Object.keys(all).length;
  const defaultPriority = fields.category ? categories[fields.category]?.defaultPriority : undefined;
  const priority = effectivePriority(draft, categories);
  return (
    <dialog open ref={dialog} className="walkin" aria-labelledby="walkin-title" data-testid="walkin-form">
      <form
        className="walkin__form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <header className="walkin__head">
          <h2 id="walkin-title">{t.walkin.title}</h2>
          <span className="muted">{t.walkin.keys}</span>
        </header>
        <div className="walkin__body">
          <fieldset className="walkin__field walkin__channel">
            <legend>{t.walkin.channel}</legend>
            {CHANNELS.map((c) => (
              <label key={c}>
                <input type="radio" name="walkin-channel" value={c} checked={fields.channel === c} onChange={() => set('channel', c)} />
                {t.channel[c]}
              </label>
            ))}
          </fieldset>
          <CategoryField problems={problems} onChoose={(code) => set('category', code)} />
          <div className="walkin__field">
            <label htmlFor="walkin-priority">{t.walkin.priority}</label>
            <select
              id="walkin-priority"
              aria-describedby={defaultPriority && 'walkin-priority-hint'}
              value={priority ?? ''}
              onChange={(e) => set('priority', e.target.value as Priority)}
            >
              {!priority && <option value="">—</option>}
              {PRIORITIES.options.map((p) => (
                <option key={p} value={p}>
                  {t.priority[p]}
                </option>
              ))}
            </select>
            {defaultPriority && (
              <p id="walkin-priority-hint" className="walkin__hint muted">
                {t.walkin.priorityDefault(t.priority[defaultPriority])}
              </p>
            )}
          </div>
          <TextField field="description" label={t.walkin.description} problems={problems}>
            {(aria) => (
              <textarea {...aria} rows={3} dir="auto" value={fields.description} onChange={(e) => set('description', e.target.value)} onBlur={leave('description')} />
            )}
          </TextField>
          <TextField field="address" label={t.walkin.address} problems={problems}>
            {(aria) => <input {...aria} dir="auto" value={fields.address} onChange={(e) => set('address', e.target.value)} onBlur={leave('address')} />}
          </TextField>
          <LocationField problems={problems} onAddress={(a) => setFields((f) => (f.address.trim() ? f : { ...f, address: a }))} />
          <fieldset className="walkin__field walkin__citizen">
            <legend>{t.walkin.citizen}</legend>
            <TextField field="citizenName" label={t.walkin.citizenName} problems={problems}>
              {(aria) => (
                <input {...aria} dir="auto" autoComplete="off" value={fields.citizenName} onChange={(e) => set('citizenName', e.target.value)} onBlur={leave('citizenName')} />
              )}
            </TextField>
            <TextField field="citizenPhone" label={t.walkin.citizenPhone} problems={problems} hint={t.walkin.phoneHint}>
              {(aria) => (
                <input
                  {...aria}
                  type="tel"
                  dir="ltr"
                  inputMode="tel"
                  autoComplete="off"
                  value={fields.citizenPhone}
                  onChange={(e) => set('citizenPhone', e.target.value)}
                  onBlur={leave('citizenPhone')}
                />
              )}
            </TextField>
          </fieldset>
          <Duplicates draft={draft} />
          <Deadlines category={fields.category ? (categories[fields.category] ?? null) : null} />
        </div>
        <footer className="walkin__foot">
          {attempts > 0 && count > 0 && (
            <p className="walkin__problem" role="alert" data-testid="walkin-incomplete">
              {t.walkin.incomplete(formatNumber(count, locale))}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy} aria-keyshortcuts="Control+Enter">
            {busy ? t.walkin.sending : t.walkin.send}
          </button>
          <button type="button" onClick={close} aria-keyshortcuts="Escape">
            {t.walkin.cancel}
          </button>
        </footer>
      </form>
    </dialog>
  );
}
