// The small forms behind actions that need words: note, unassign, close, transfer. Each submits
// one command; Esc cancels; they own their keys so shortcuts do not fire while typing. A form may
// ask first (closing as resolved with no crew ever on site): the question is a sibling of the
// form, not inside it, so the form's own keys (Esc, Ctrl+Enter) do not reach it.
import { useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { RequestView, TimelineEntry } from '../../../../common/api/contract';
import { crewHasBeenOnSite } from '../../../../common/domain/on-site';
import type { OperatorCommand, Resolution } from '../../../../common/protocol/hub-protocol';
import { useLocale, useT } from '../../i18n';
import { localDigits } from '../../i18n/format';
import { useConsole } from '../../state/store';
import { ConfirmDialog, type Question } from '../ConfirmDialog';

interface FormProps {
  request: RequestView;
  onDone(): void;
}

interface ActionFormProps {
  title: string;
  testId: string;
  command: () => OperatorCommand | null;
  /** What to ask before sending, if anything. */
  question?: () => Question | null;
  onDone(): void;
  children: ReactNode;
}

function ActionForm(props: ActionFormProps) {
  const t = useT();
  const submit = useConsole((s) => s.submit);
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState<{ command: OperatorCommand; question: Question } | null>(null);
  async function send(command: OperatorCommand) {
    setBusy(true);
    const id = await submit(command);
    setBusy(false);
    if (id) props.onDone();
    return id;
  }
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const command = props.command();
    if (!command) return;
    const question = props.question?.() ?? null;
    if (question) setAsking({ command, question });
    else void send(command);
  }
  // The question stays until the command is queued: then the form closes with it.
  async function confirm(command: OperatorCommand) {
    if (!(await send(command))) setAsking(null);
  }
  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Escape') {
      e.preventDefault();
      props.onDone();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      onSubmit(e);
    }
  }
  return (
    <>
      <form className="action-form" data-own-keys data-testid={props.testId} onSubmit={onSubmit} onKeyDown={onKeyDown}>
        <h4 className="panel-title">{props.title}</h4>
        {props.children}
        <div className="action-form__buttons">
          <button type="submit" className="primary" disabled={busy}>
            {t.actions.submit}
          </button>
          <button type="button" onClick={props.onDone}>
            {t.actions.cancel}
          </button>
        </div>
      </form>
      {asking && (
        <ConfirmDialog
          question={asking.question}
          busy={busy}
          testId={`${props.testId}-question`}
          onConfirm={() => void confirm(asking.command)}
          onCancel={() => setAsking(null)}
        />
      )}
    </>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="action-form__field">
      <span>{label}</span>
      {children}
    </label>
  );
}

export function NoteForm({ request, onDone }: FormProps) {
  const t = useT();
  const [note, setNote] = useState('');
  return (
    <ActionForm
      title={t.actions.note}
      testId="note-form"
      onDone={onDone}
      command={() => (note.trim() ? { type: 'request.note', data: { id: request.id, note: note.trim() } } : null)}
    >
      <Field label={t.actions.noteText}>
        <textarea autoFocus required rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
    </ActionForm>
  );
}

export function UnassignForm({ request, onDone }: FormProps) {
  const t = useT();
  const [reason, setReason] = useState('');
  return (
    <ActionForm
      title={t.actions.unassign}
      testId="unassign-form"
      onDone={onDone}
      command={() => ({ type: 'request.unassign', data: { id: request.id, ...(reason.trim() ? { reason: reason.trim() } : {}) } })}
    >
      <Field label={t.actions.reasonOptional}>
        <input autoFocus maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
    </ActionForm>
  );
}

const CLOSING: Resolution[] = ['resolved', 'duplicate', 'invalid', 'cancelled'];

export function CloseForm({ request, timeline, onDone }: FormProps & { timeline: TimelineEntry[] | null }) {
  const t = useT();
  const locale = useLocale();
  const [resolution, setResolution] = useState<Resolution>('resolved');
  const [duplicateOf, setDuplicateOf] = useState('');
  const [note, setNote] = useState('');
  return (
    <ActionForm
      title={t.actions.close}
      testId="close-form"
      onDone={onDone}
      question={() =>
        resolution === 'resolved' && !crewHasBeenOnSite(request.status, timeline)
          ? { ...t.notices.confirmResolved, body: t.notices.confirmResolved.body(localDigits(request.id, locale)) }
          : null
      }
      command={() => {
        if (resolution === 'duplicate' && !duplicateOf.trim()) return null;
        return {
          type: 'request.close',
          data: {
            id: request.id,
            resolution,
            ...(note.trim() ? { note: note.trim() } : {}),
            ...(resolution === 'duplicate' ? { duplicateOf: duplicateOf.trim() } : {}),
          },
        };
      }}
    >
      <Field label={t.actions.resolution}>
        <select autoFocus value={resolution} onChange={(e) => setResolution(e.target.value as Resolution)}>
          {CLOSING.map((r) => (
            <option key={r} value={r}>
              {t.resolution[r]}
            </option>
          ))}
        </select>
      </Field>
      {resolution === 'duplicate' && (
        <Field label={t.actions.duplicateOf}>
          <input className="ltr" required maxLength={64} value={duplicateOf} onChange={(e) => setDuplicateOf(e.target.value)} />
        </Field>
      )}
      <Field label={t.actions.noteOptional}>
        <textarea rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
    </ActionForm>
  );
}

export function TransferForm({ request, onDone }: FormProps) {
  const t = useT();
  const [toDistrictId, setTo] = useState('');
  const [reason, setReason] = useState('');
  return (
    <ActionForm
      title={t.actions.transfer}
      testId="transfer-form"
      onDone={onDone}
      command={() =>
        toDistrictId.trim() && reason.trim()
          ? { type: 'request.transfer', data: { id: request.id, toDistrictId: toDistrictId.trim(), reason: reason.trim() } }
          : null
      }
    >
      <Field label={t.actions.toDistrict}>
        <input autoFocus className="ltr" required maxLength={64} value={toDistrictId} onChange={(e) => setTo(e.target.value)} />
      </Field>
      <Field label={t.actions.reason}>
        <input required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
    </ActionForm>
  );
}
