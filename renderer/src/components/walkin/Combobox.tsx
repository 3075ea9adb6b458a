// A text box with a list of suggestions (the ARIA 1.2 combobox pattern): the list opens as the
// operator types, ↑/↓ move through it (aria-activedescendant), Enter takes the active one, Esc
// closes the list first (and only then the form). Used for the category and the address search.
import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface ComboboxProps<T> {
  label: string;
  value: string;
  onChange(text: string): void;
  items: readonly T[];
  itemKey(item: T): string;
  renderItem(item: T): ReactNode;
  onPick(item: T): void;
  placeholder: string;
  listLabel: string;
  /** Said when nothing matches; empty while there is nothing to say yet. */
  noneText: string;
  /** Whether it is invalid and what describes it (its problem, its hint): see ./fields. */
  aria: { 'aria-invalid'?: boolean; 'aria-describedby'?: string };
  testId: string;
}

export function Combobox<T>(p: ComboboxProps<T>) {
  const id = useId();
  const listId = `${id}-list`;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const shown = open && p.value.trim() !== '';
  const optionId = (i: number) => `${id}-opt-${i}`;

  const pick = (item: T) => {
    p.onPick(item);
    setOpen(false);
  };
  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.ctrlKey || e.altKey || e.metaKey) return; // Ctrl+Enter is the form's
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      const n = p.items.length;
      if (n) setActive((a) => (e.key === 'ArrowDown' ? (a + 1) % n : (a - 1 + n) % n));
    } else if (e.key === 'Enter' && shown && p.items[active]) {
      e.preventDefault();
      pick(p.items[active]);
    } else if (e.key === 'Escape' && shown) {
      e.preventDefault(); // the list closes, the form stays
      setOpen(false);
    }
  }

  return (
    <div className="combobox">
      <label htmlFor={id}>{p.label}</label>
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        dir="auto"
        data-testid={p.testId}
        aria-expanded={shown && p.items.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown && p.items[active] ? optionId(active) : undefined}
        {...p.aria}
        placeholder={p.placeholder}
        value={p.value}
        onChange={(e) => {
          p.onChange(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <ul id={listId} role="listbox" aria-label={p.listLabel} className="combobox__list" hidden={!shown || p.items.length === 0}>
        {p.items.map((item, i) => (
          <li
            key={p.itemKey(item)}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className="combobox__option"
            // mousedown, not click: the input's blur would close the list first.
            onMouseDown={(e) => {
              e.preventDefault();
              pick(item);
            }}
          >
            {p.renderItem(item)}
          </li>
        ))}
      </ul>
      {shown && p.items.length === 0 && p.noneText && (
        <p className="combobox__none muted" role="status">
          {p.noneText}
        </p>
      )}
    </div>
  );
}
