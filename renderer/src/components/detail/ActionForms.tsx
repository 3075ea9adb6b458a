// The small forms behind actions that need words: note, unassign, close, transfer. Each submits
// one command; Esc cancels; they own their keys so shortcuts do not fire while typing.
import { useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { RequestView } from '../../../../common/api/contract';
import type { OperatorCommand, Resolution } from '../../../../common/protocol/hub-protocol';
import { useT } from '../../i18n';
import { useConsole } from '../../state/store';

interface FormProps {
  request: RequestView;
  onDone(): void;
}

function ActionForm(props: { title: string; testId: string; command: () => OperatorCommand | null; onDone(): void; children: ReactNode }) {
  const t = useT();
  const submit = useConsole((s) => s.submit);
  const [busy, setBusy] = useState(false);
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const command = props.command();
    if (!command) return;
    setBusy(true);
    const id = await submit(command);
    setBusy(false);
    if (id) props.onDone();
  }
  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Escape') {
      e.preventDefault();
      props.onDone();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      void onSubmit(e);
    }
  }
  return (
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

export function CloseForm({ request, onDone }: FormProps) {
  const t = useT();
  const [resolution, setResolution] = useState<Resolution>('resolved');
  const [duplicateOf, setDuplicateOf] = useState('');
  const [note, setNote] = useState('');
  return (
    <ActionForm
      title={t.actions.close}
      testId="close-form"
      onDone={onDone}
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
