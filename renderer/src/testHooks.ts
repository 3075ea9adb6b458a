// Whether the page was opened with `?testHooks`: then a few internals (the map, the count of alert
// sounds started) are put on `window` for end-to-end tests to read. Nothing else changes.
export function testHooksEnabled(): boolean {
  return typeof location !== 'undefined' && new URLSearchParams(location.search).has('testHooks');
}
