// What the operator can do with the selected request, each with a one-key shortcut. Shortcuts
// match physical keys (KeyboardEvent.code), so they work the same on a Persian layout.
import { useEffect, useState } from 'react';
import type { RequestView } from '../../../../common/api/contract';
import { useT } from '../../i18n';
import { allowedActions, type Action } from '../../state/allowedActions';
import { useConsole } from '../../state/store';
import { keysBelongElsewhere } from '../keys';
import { CloseForm, NoteForm, TransferForm, UnassignForm } from './ActionForms';
import { CrewPicker } from './CrewPicker';

type Form = 'assign' | 'unassign' | 'note' | 'close' | 'transfer';

const ACTIONS: Array<{ action: Action; key: string; code: string }> = [
  { action: 'acknowledge', key: 'A', code: 'KeyA' },
  { action: 'assign', key: 'S', code: 'KeyS' },
  { action: 'unassign', key: 'U', code: 'KeyU' },
  { action: 'en_route', key: 'E', code: 'KeyE' },
  { action: 'on_site', key: 'O', code: 'KeyO' },
  { action: 'resolved', key: 'R', code: 'KeyR' },
  { action: 'note', key: 'N', code: 'KeyN' },
  { action: 'close', key: 'C', code: 'KeyC' },
  { action: 'transfer', key: 'T', code: 'KeyT' },
];

export function RequestActions({ request }: { request: RequestView }) {
  const t = useT();
  const submit = useConsole((s) => s.submit);
  const [form, setForm] = useState<Form | null>(null);
  const allowed = allowedActions(request);

  function run(action: Action) {
    if (!allowed.has(action)) return;
    if (action === 'acknowledge') void submit({ type: 'request.acknowledge', data: { id: request.id } });
    else if (action === 'en_route' || action === 'on_site' || action === 'resolved')
      void submit({ type: 'request.set_status', data: { id: request.id, status: action } });
    else setForm(action);
  }

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (keysBelongElsewhere(e) || e.shiftKey) return;
      if (e.key === 'Escape' && form) {
        setForm(null);
        return;
      }
      const hit = ACTIONS.find((a) => a.code === e.code);
      if (!hit) return;
      e.preventDefault();
      run(hit.action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const done = () => setForm(null);
  const label = (a: Action) => (a === 'assign' && request.crewId ? t.actions.reassign : t.actions[a]);
  return (
    <section className="actions" aria-label={t.actions.label}>
      <div className="actions__buttons">
        {ACTIONS.map(({ action, key }) => (
          <button
            key={action}
            type="button"
            data-testid={`action-${action}`}
            disabled={!allowed.has(action)}
            aria-pressed={form === action || undefined}
            aria-keyshortcuts={key}
            onClick={() => run(action)}
          >
            {label(action)}
            <kbd>{key}</kbd>
          </button>
        ))}
      </div>
      {form === 'assign' && <CrewPicker request={request} onDone={done} />}
      {form === 'unassign' && <UnassignForm request={request} onDone={done} />}
      {form === 'note' && <NoteForm request={request} onDone={done} />}
      {form === 'close' && <CloseForm request={request} onDone={done} />}
      {form === 'transfer' && <TransferForm request={request} onDone={done} />}
    </section>
  );
}
