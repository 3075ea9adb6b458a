// What every field of the walk-in form shares: its label, its hint, and its problem written next to
// it, which the field names in aria-describedby and marks with aria-invalid.
import type { ReactNode } from 'react';
import { useLocale, useT, type Dict } from '../../i18n';
import { formatNumber, type Locale } from '../../i18n/format';
import type { Problem, Problems, WalkInField } from './validate';

export function problemText(p: Problem, t: Dict, locale: Locale): string {
  return p.kind === 'tooLong' ? t.walkin.problem.tooLong(formatNumber(p.max, locale)) : t.walkin.problem[p.kind];
}

const problemId = (field: WalkInField) => `walkin-${field}-problem`;
const hintId = (field: WalkInField) => `walkin-${field}-hint`;

/** The ARIA a field's control carries: invalid while it has a problem shown, described by it and its hint. */
export function describe(field: WalkInField, problems: Problems, hasHint = false) {
  const ids = [problems[field] && problemId(field), hasHint && hintId(field)].filter(Boolean).join(' ');
  return { 'aria-invalid': problems[field] ? true : undefined, 'aria-describedby': ids || undefined };
}

export function FieldNotes({ field, problems, hint }: { field: WalkInField; problems: Problems; hint?: string }) {
  const t = useT();
  const locale = useLocale();
  const problem = problems[field];
  return (
    <>
      {hint && (
        <p id={hintId(field)} className="walkin__hint muted">
          {hint}
        </p>
      )}
      {problem && (
        <p id={problemId(field)} className="walkin__problem" data-testid={`problem-${field}`}>
          {problemText(problem, t, locale)}
        </p>
      )}
    </>
  );
}

export function TextField(props: {
  field: WalkInField;
  label: string;
  problems: Problems;
  hint?: string;
  children: (aria: ReturnType<typeof describe> & { id: string }) => ReactNode;
}) {
  const id = `walkin-${props.field}`;
  return (
    <div className="walkin__field">
      <label htmlFor={id}>{props.label}</label>
      {props.children({ id, ...describe(props.field, props.problems, !!props.hint) })}
      <FieldNotes field={props.field} problems={props.problems} hint={props.hint} />
    </div>
  );
}
