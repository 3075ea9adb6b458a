// What the operator can do with the selected request, each with a one-key shortcut. Shortcuts
// match physical keys (KeyboardEvent.code), so they work the same on a Persian layout.
import { useEffect, useState } from 'react';
import type { RequestView } from '../../../../common/api/contract';
import type { FieldStatus } from '../../../../common/protocol/hub-protocol';
import { useT } from '../../i18n';
import { useConsole } from '../../state/store';
import { keysBelongElsewhere } from '../keys';
import { CloseForm, NoteForm, TransferForm, UnassignForm } from './ActionForms';
import { CrewPicker } from './CrewPicker';

type Action = 'acknowledge' | 'assign' | 'unassign' | FieldStatus | 'note' | 'close' | 'transfer';
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

const FIELD_ORDER: RequestView['status'][] = ['assigned', 'en_route', 'on_site', 'resolved'];

/** Which actions fit the request's state (the hub has the last word: it answers `conflict`). */
export function allowedActions(r: RequestView): Set<Action> {
  const open = r.status !== 'closed';
  const step = FIELD_ORDER.indexOf(r.status);
  const allowed = new Set<Action>(['note']);
  if (r.status === 'new') allowed.add('acknowledge');
  if (open && r.status !== 'resolved') allowed.add('assign');
  if (open && r.crewId && r.status !== 'resolved') allowed.add('unassign');
  if (r.crewId && step >= 0) {
    (['en_route', 'on_site', 'resolved'] as const).forEach((s, i) => step <= i && allowed.add(s));
  }
  if (open) allowed.add('close').add('transfer');
  return allowed;
}

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
