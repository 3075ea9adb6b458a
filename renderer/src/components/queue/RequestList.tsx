// The virtualised queue: constant DOM size for thousands of requests. ↑/↓, Page Up/Down,
// Home/End move the selection from anywhere but a text field; Enter moves focus to the details.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { RequestView } from '../../../../common/api/contract';
import { useT } from '../../i18n';
import { useConsole } from '../../state/store';
import { focusDetail, keysBelongElsewhere } from '../keys';
import { RequestRow } from './RequestRow';

const ROW_HEIGHT = 36;
const PAGE = 15;

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

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (keysBelongElsewhere(e)) return;
      const current = selectedId ? rows.findIndex((r) => r.id === selectedId) : -1;
      const step: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: PAGE, PageUp: -PAGE };
      let next: number | null = null;
      if (e.key in step) next = current < 0 ? 0 : current + step[e.key];
      else if (e.key === 'Home') next = 0;
      else if (e.key === 'End') next = rows.length - 1;
      else if (e.key === 'Enter' && selectedId && !(e.target instanceof HTMLButtonElement)) {
        e.preventDefault();
        focusDetail();
        return;
      }
      if (next === null || rows.length === 0) return;
      e.preventDefault();
      selectRequest(rows[Math.max(0, Math.min(rows.length - 1, next))].id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rows, selectedId, selectRequest]);

  return (
    <div className="request-list" data-testid="request-list" role="grid" aria-label={t.list.label} aria-rowcount={rows.length + 1}>
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
