// The map harness: the real DistrictMap and the real store, connected through the real API client
// to a synthetic core (generated bootstrap, live batches pushed by the test or benchmark). Options
// come from the query string: requests, crews, seed, basemap (tile URL), mode, locale, role.
import { createRoot } from 'react-dom/client';
import { liveBatch, type LiveBatch, type SessionState } from '../../../common/api/contract';
import { createApiClient, type ApiResult, type ApiTransport } from '../../../common/api/rpc';
import type { OperatorCommand } from '../../../common/protocol/hub-protocol';
import { DistrictMap } from '../../../renderer/src/map/DistrictMap';
import type { UpdateMode } from '../../../renderer/src/map/pointSync';
import { connectStore, useConsole } from '../../../renderer/src/state/store';
import type { Harness } from './api';
import { BaselineCrews } from './baseline-crews';
import { drain, runLoad } from './measure';
import { makeBootstrap } from './synthetic';

const q = new URLSearchParams(location.search);
const bootstrap = makeBootstrap({
  requests: Number(q.get('requests') ?? 200),
  crews: Number(q.get('crews') ?? 30),
  seed: Number(q.get('seed') ?? 1),
  basemapUrl: q.get('basemap'),
  role: q.get('role') === 'wall' ? 'wall' : 'operator',
});
const mode = (q.get('mode') ?? 'incremental') as UpdateMode;
/** Signed in as the bootstrap's role from the start: the harness is about the map, not signing in. */
const session: SessionState = {
  role: bootstrap.role,
  access: bootstrap.role === 'wall' ? 'wall' : 'workstation',
  account: bootstrap.role === 'wall' ? null : { username: bootstrap.operatorId, displayName: 'اپراتور آزمایشی', role: 'operator' },
  locked: false,
  permissions: bootstrap.permissions,
  idleLockMinutes: 15,
  workstation: 'ws-map-harness',
  auditBroken: null,
};

let deliver: ((payload: unknown) => void) | null = null;
const commands: OperatorCommand[] = [];

const transport: ApiTransport = {
  async call(call): Promise<ApiResult> {
    if (call.kind === 'query' && call.name === 'session') return { ok: true, value: session };
    if (call.kind === 'query' && call.name === 'bootstrap') return { ok: true, value: bootstrap };
    if (call.kind === 'query' && call.name === 'crewTrail') {
      const { crewId } = call.input as { crewId: string };
      const fix = bootstrap.crews.find((c) => c.id === crewId)?.fix;
      const t = Date.now();
      // Today's trail: a short line leading to the crew's bootstrap position.
      const points = fix ? [0, 1, 2, 3].map((k) => [fix.lon - 0.004 + k * 0.001, fix.lat - 0.003 + k * 0.00075, t - (4 - k) * 60_000]) : [];
      return { ok: true, value: { crewId, points } };
    }
    if (call.kind === 'command' && call.name === 'submit') {
      commands.push(call.input as OperatorCommand);
      return { ok: true, value: { commandId: `cmd-${commands.length}` } };
    }
    return { ok: false, error: { code: 'bad_call', message: `harness has no ${call.kind} ${call.name}` } };
  },
  listen(name, onPayload) {
    if (name !== 'live') return () => {}; // the session never changes here
    deliver = onPayload;
    return () => (deliver = null);
  },
};

const push = (batch: Partial<LiveBatch>) => deliver?.(liveBatch(batch));

async function start(): Promise<void> {
  const locale = q.get('locale');
  if (locale === 'fa' || locale === 'en') useConsole.getState().setLocale(locale);
  await connectStore(createApiClient(transport));
  const harness: Harness = { bootstrap, commands, store: useConsole, push, runLoad: (o) => runLoad(o, bootstrap, push), drain };
  window.__harness = harness;
  createRoot(document.getElementById('root')!).render(<DistrictMap updates={mode} crews={mode === 'replace-all' ? BaselineCrews : undefined} />);
}

void start();
