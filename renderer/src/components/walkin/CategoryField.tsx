// The category, searched by its Persian or English name (./match); choosing one sets the request's
// default priority and its deadlines.
import { useMemo, useState } from 'react';
import type { CategoryView } from '../../../../common/api/contract';
import { nameIn, useLocale, useT } from '../../i18n';
import { useConsole } from '../../state/store';
import { PriorityChip } from '../Chips';
import { Combobox } from './Combobox';
import { describe, FieldNotes } from './fields';
import { matchCategories } from './match';
import type { Problems } from './validate';

export function CategoryField({ onChoose, problems }: { onChoose(code: string | null): void; problems: Problems }) {
  const t = useT();
  const locale = useLocale();
  const categories = useConsole((s) => s.categories);
  const [text, setText] = useState('');
  const items = useMemo(() => matchCategories(Object.values(categories), text), [categories, text]);
  const other = (c: CategoryView) => (locale === 'fa' ? c.nameEn : c.nameFa);
  return (
    <div className="walkin__field">
      <Combobox
        label={t.walkin.category}
        testId="walkin-category"
        value={text}
        onChange={(v) => {
          setText(v);
          onChoose(null); // what is typed no longer names the chosen one
        }}
        items={items}
        itemKey={(c) => c.code}
        renderItem={(c) => (
          <>
            <span className="walkin__option-name">{nameIn(locale, c)}</span>
            <span className="muted" dir="auto">
              {other(c)}
            </span>
            <PriorityChip priority={c.defaultPriority} />
          </>
        )}
        onPick={(c) => {
          setText(nameIn(locale, c));
          onChoose(c.code);
        }}
        placeholder={t.walkin.categoryPlaceholder}
        listLabel={t.walkin.categories}
        noneText={t.walkin.noCategory}
        aria={describe('category', problems)}
      />
      <FieldNotes field="category" problems={problems} />
    </div>
  );
}
