// Test-only: the fake core set up for the scenario the page's query string asks for:
//   ?n=3000 requests · ?link=replaying|reconnecting|stopped|connecting · ?view=wall · ?role=wall
//   ?as=op-8|mayor-1|signed_out… (who is signed in at the start; default op-7, see FAKE_ACCOUNTS)
// Exposed as `window.harness` so a driving test can push batches, and the store as `window.store`
// so it can check what the renderer holds.
import '../../../renderer/src/api/zod-jitless';
import type { LinkState } from '../../../common/api/contract';
import { useConsole } from '../../../renderer/src/state/store';
import { createFakeCore, type FakeCore } from './fakeCore';

export function startScenario(): FakeCore {
  const q = new URLSearchParams(location.search);
  const core = createFakeCore({ requests: Number(q.get('n') ?? 3000), as: q.get('role') === 'wall' ? 'wall' : (q.get('as') ?? undefined) });
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const links: Record<string, Partial<LinkState>> = {
    replaying: { state: 'replaying', replay: { fromSeq: 40001, toSeq: 100000, appliedSeq: 71234 }, headSeq: 100000, outboxPending: 3 },
    reconnecting: { state: 'reconnecting', since: iso(now - 4 * 60_000), nextRetryAt: iso(now + 17_000), outboxPending: 2 },
    connecting: { state: 'connecting', since: iso(now - 20_000) },
    stopped: { state: 'stopped', since: iso(now - 600_000), error: { code: 'unauthorized', message: 'توکن این ایستگاه پذیرفته نشد' } },
  };
  Object.assign(core.state.link, links[q.get('link') ?? ''] ?? {});
  Object.assign(window, { harness: core, store: useConsole });
  return core;
}
