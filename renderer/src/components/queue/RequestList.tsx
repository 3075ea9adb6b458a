// The virtualised queue: constant DOM size for thousands of requests. ↑/↓, Page Up/Down,
// Home/End move the selection from anywhere but a text field; Enter moves focus to the details.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { RequestView } from '../../../../common/api/contract';
import { useT } from '../../i18n';
import type { ShortcutDef } from '../../keyboard/registry';
import { useShortcuts } from '../../keyboard/useShortcuts';
import { useConsole } from '../../state/store';
import { focusDetail } from '../detail/focus';
import { RequestRow } from './RequestRow';

const ROW_HEIGHT = 36;
const PAGE = 15;

/** A key that moves the selection: where to, from the selected row's index (-1: none) and the count. */
type Move = ShortcutDef & { to(current: number, count: number): number };
const step = (n: number) => (current: number) => (current < 0 ? 0 : current + n);
const MOVES: readonly Move[] = [
  { id: 'queue.next', codes: ['ArrowDown'], key: '↓', scope: 'operator', label: (t) => t.shortcuts.next, to: step(1) },
  { id: 'queue.previous', codes: ['ArrowUp'], key: '↑', scope: 'operator', label: (t) => t.shortcuts.previous, to: step(-1) },
  { id: 'queue.pageDown', codes: ['PageDown'], key: 'PgDn', scope: 'operator', label: (t) => t.shortcuts.pageDown, to: step(PAGE) },
  { id: 'queue.pageUp', codes: ['PageUp'], key: 'PgUp', scope: 'operator', label: (t) => t.shortcuts.pageUp, to: step(-PAGE) },
  { id: 'queue.first', codes: ['Home'], key: 'Home', scope: 'operator', label: (t) => t.shortcuts.first, to: () => 0 },
  { id: 'queue.last', codes: ['End'], key: 'End', scope: 'operator', label: (t) => t.shortcuts.last, to: (_, count) => count - 1 },
];
const OPEN_DETAIL: readonly ShortcutDef[] = [
  { id: 'queue.openDetail', codes: ['Enter', 'NumpadEnter'], key: 'Enter', scope: 'operator', label: (t) => t.shortcuts.openDetail },
];

export function RequestList({ rows }: { rows: RequestView[] }) {
  const t = useT();
  const selectedId = useConsole((s) => s.selectedRequestId);
  const selectRequest = useConsole((s) => s.selectRequest);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (i) => rows[i].id,
  });

  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  // Follow the selection when it changes (keys, map clicks), not when live updates reorder rows.
  useEffect(() => {
    const i = selectedId ? rowsRef.current.findIndex((r) => r.id === selectedId) : -1;
    if (i >= 0) virtualizer.scrollToIndex(i, { align: 'auto' });
  }, [selectedId, virtualizer]);

  useShortcuts(MOVES, (move) => {
    if (rows.length === 0) return false;
    const current = selectedId ? rows.findIndex((r) => r.id === selectedId) : -1;
    selectRequest(rows[Math.max(0, Math.min(rows.length - 1, move.to(current, rows.length)))].id);
  });
  // Enter on a focused button is the button's.
  useShortcuts(OPEN_DETAIL, (_, e) => {
    if (!selectedId || e.target instanceof HTMLButtonElement) return false;
    focusDetail();
  });

  return (
    <div className="request-list" id="request-list" data-testid="request-list" role="grid" aria-label={t.list.label} aria-rowcount={rows.length + 1}>
      <div className="request-list__head" role="row" aria-rowindex={1}>
        {(['id', 'category', 'priority', 'status', 'address', 'age', 'deadline', 'crew'] as const).map((c) => (
          <span key={c} role="columnheader" className={`cell cell--${c}`}>
            {t.list.columns[c]}
          </span>
        ))}
      </div>
      <div ref={scrollRef} className="request-list__scroll">
        {rows.length === 0 ? (
          <p className="request-list__empty muted">{t.list.empty}</p>
        ) : (
          <div className="request-list__canvas" style={{ blockSize: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((v) => (
              <RequestRow key={v.key} request={rows[v.index]} index={v.index} start={v.start} selected={rows[v.index].id === selectedId} />
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
