// Where focus goes after an action that leaves no control of its own behind (a form that closed, a
// jump to a request): the detail panel, whose keys act on the selected request.
export function focusDetail(): void {
  document.querySelector<HTMLElement>('[data-testid="request-detail"]')?.focus();
}
