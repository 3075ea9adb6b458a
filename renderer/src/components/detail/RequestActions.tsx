// What the operator can do with the selected request, each with a one-key shortcut (physical
// keys, through the shortcut registry, so they work the same on a Persian layout).
import { useState } from 'react';
import type { RequestView, TimelineEntry } from '../../../../common/api/contract';
import { useT } from '../../i18n';
import type { ShortcutDef } from '../../keyboard/registry';
import { useShortcuts } from '../../keyboard/useShortcuts';
import { allowedActions, type Action } from '../../state/allowedActions';
import { useConsole } from '../../state/store';
import { CloseForm, NoteForm, TransferForm, UnassignForm } from './ActionForms';
import { CrewPicker } from './CrewPicker';
import { focusDetail } from './focus';

type Form = 'assign' | 'unassign' | 'note' | 'close' | 'transfer';

const actionKey = (action: Action, key: string): ShortcutDef & { action: Action } => ({
  id: `action.${action}`,
  codes: [`Key${key}`],
  key,
  scope: 'operator',
  label: (t) => t.actions[action],
  action,
});
const ACTIONS = [
  actionKey('acknowledge', 'A'),
  actionKey('assign', 'S'),
  actionKey('unassign', 'U'),
  actionKey('en_route', 'E'),
  actionKey('on_site', 'O'),
  actionKey('resolved', 'R'),
  actionKey('note', 'N'),
  actionKey('close', 'C'),
  actionKey('transfer', 'T'),
] as const;
const CLOSE_FORM: readonly ShortcutDef[] = [
  { id: 'action.closeForm', codes: ['Escape'], key: 'Esc', scope: 'operator', label: (t) => t.shortcuts.closeForm },
];

/** `timeline`: the request's log when loaded (closing as resolved asks first when no crew was on site). */
export function RequestActions({ request, timeline }: { request: RequestView; timeline: TimelineEntry[] | null }) {
  const t = useT();
  const submit = useConsole((s) => s.submit);
  const [form, setForm] = useState<Form | null>(null);
  const allowed = allowedActions(request);

  function run(action: Action) {
    if (!allowed.has(action)) return;
    if (action === 'acknowledge') void submit({ type: 'request.acknowledge', data: { id: request.id } });
    else if (action === 'en_route' || action === 'on_site' || action === 'resolved')
      void submit({ type: 'request.set_status', data: { id: request.id, status: action } });
    else return setForm(action);
    // The new status disables the button just pressed, which would drop focus: the panel keeps it.
    focusDetail();
  }

  useShortcuts(ACTIONS, ({ action }) => run(action));
  // A closed form takes focus with it: hand it to the panel, whose keys act on this request.
  const done = () => {
    focusDetail();
    setForm(null);
  };
  useShortcuts(CLOSE_FORM, () => {
    if (!form) return false;
    done();
  });

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
      {form === 'close' && <CloseForm request={request} timeline={timeline} onDone={done} />}
      {form === 'transfer' && <TransferForm request={request} onDone={done} />}
    </section>
  );
}
