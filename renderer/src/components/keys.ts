// Global keyboard shortcuts must not steal keys from whatever the operator is typing into, nor
// from widgets that handle their own keys (marked data-own-keys, e.g. the crew picker).
export function keysBelongElsewhere(e: KeyboardEvent): boolean {
  if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return true;
  const el = e.target instanceof Element ? e.target : null;
  if (!el) return false;
  return Boolean(el.closest('input, textarea, select, [contenteditable="true"], [data-own-keys]'));
}

/** Focus the detail panel, as Enter on the queue does. */
export function focusDetail(): void {
  document.querySelector<HTMLElement>('[data-testid="request-detail"]')?.focus();
}
