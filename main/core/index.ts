// The Node core: data directory, hub link, renderer API. Hosted by Electron's main process, the
// loopback web shell or the headless CLI; it never imports electron.
import { join } from 'node:path';
import type { LinkState } from '../../common/api/contract';
import type { ApiHandlers, Caller } from '../../common/api/rpc';
import type { CommandAck } from '../../common/protocol/hub-protocol';
import { describeConfig, type CoreConfig } from './config';
import { queueCommand } from './commands';
import { openDataDir } from './data-dir';
import { withDatabaseErrors } from './db/errors';
import { DB_FILE_NAME, Store, type OutboxRow } from './db/store';
import { contractorViews, createHandlers } from './handlers';
import { LiveFeed } from './live';
import { stderrLogger, type Logger } from './log';
import { CommandNotices } from './notices';
import { PositionBook } from './positions';
import { HubLink } from './sync/link';
import { OutboxSender } from './sync/outbox-sender';
import { Replicator, type Changes } from './sync/replicator';
import { Views } from './views';

export type { CoreConfig } from './config';
export type { Logger } from './log';

export interface Core {
  handlers: ApiHandlers;
  dataDir: string;
  /** The link state right now (also delivered, coalesced, in live batches). */
  linkState(): LinkState;
  /** Every link state change, immediately (for status lines and tests). */
  onLinkState(listener: (s: LinkState) => void): () => void;
  close(): Promise<void>;
}

const POSITIONS_FLUSH_MS = 1000;
const OUTBOX_POLL_MS = 250;
const CHECKPOINT_MS = 5 * 60_000;
/** How often the search index merges a little (db/search.ts tidy). */
const SEARCH_TIDY_MS = 30_000;
const OUTBOX_KEEP_MS = 7 * 24 * 3600_000; // the hub remembers acks for 7 days (§5)

export async function startCore(
  config: CoreConfig,
  opts: { log?: Logger; basemapUrl?: string | null } = {},
): Promise<Core> {
  const log = opts.log ?? stderrLogger();
  const file = join(config.dataDir, DB_FILE_NAME);
  // One core per data directory, private to this user; refused before the database is opened.
  // A directory or database it cannot use is told for people (./db/errors), not as a stack.
  const dataDir = withDatabaseErrors(file, () => openDataDir(config.dataDir, log));
  let store: Store;
  try {
    store = Store.open(file);
  } catch (err) {
    dataDir.release();
    throw err;
  }
  store.outbox.prune(new Date(Date.now() - OUTBOX_KEEP_MS).toISOString());
  log.info(`starting: ${describeConfig(config)}`);

  const replicator = new Replicator(store, log);
  const positions = new PositionBook(store, { isCrew: (id) => store.crews.has(id), log, onDropped: (ids) => live.touchCrews(ids) });
  const views = new Views(store, (id) => positions.get(id));
  const linkListeners = new Set<(s: LinkState) => void>();
  // eslint-disable-next-line prefer-const -- the feed and the link refer to each other
  let link: HubLink;
  const live = new LiveFeed({
    views,
    district: () => store.reference.district(),
    categories: () => store.reference.categories(),
    contractors: () => contractorViews(store),
    link: () => link.state(),
  });

  const touchTarget = (row: Pick<OutboxRow, 'targetKind' | 'targetId'>) =>
    row.targetKind === 'crew' ? live.touchCrews([row.targetId]) : live.touchRequests([row.targetId]);

  const notices = new CommandNotices({ store, live });
  const onSettled = (row: OutboxRow, ack: CommandAck) => {
    notices.settled(row, ack);
    touchTarget(row);
    live.touchLink();
  };
  const sender = new OutboxSender({
    store,
    lastSeq: () => replicator.meta.lastSeq,
    link: () => link.state(),
    log,
    onSettled,
    onOverlaysExpired: (rows) => {
      rows.forEach(touchTarget);
      live.touchLink();
    },
  });

  const publish = (c: Changes) => {
    live.touchRequests(c.requests);
    notices.eventsApplied(c.requests);
    live.touchCrews(c.crews);
    for (const id of c.removedCrews) positions.drop(id);
    live.removeCrews(c.removedCrews);
    if (c.district || c.categories) live.touchDistrict();
    if (c.contractors) live.touchContractors();
    c.reconciled.forEach(touchTarget);
    live.touchLink();
  };

  link = new HubLink({
    config,
    replicator,
    positions,
    sender,
    log,
    pendingCount: () => store.outbox.pendingCount(),
    onChanges: publish,
    onReset: () => {
      positions.retain((id) => store.crews.has(id));
      live.resetAll();
    },
    onFixes: (fixes) => live.addFixes(fixes),
    onLinkState: (s) => {
      live.touchLink();
      for (const l of linkListeners) l(s);
    },
  });

  const submit = (cmd: unknown, caller: Caller) => {
    const { commandId, target } = queueCommand(store, cmd, config.operatorId);
    notices.issued(commandId, caller.session);
    touchTarget({ targetKind: target.kind, targetId: target.id });
    live.touchLink();
    lastOutboxRowid = store.outbox.maxRowid();
    sender.kick();
    return { commandId };
  };

  // Commands queued by another process (the `command` CLI) show up through data_version.
  let dataVersion = store.dataVersion();
  let lastOutboxRowid = store.outbox.maxRowid();
  const pollOutbox = () => {
    const v = store.dataVersion();
    if (v === dataVersion) return;
    dataVersion = v;
    const rows = store.outbox.after(lastOutboxRowid);
    if (!rows.length) return;
    lastOutboxRowid = rows[rows.length - 1].rowid;
    rows.forEach(touchTarget);
    live.touchLink();
    sender.kick();
  };

  const timers = [
    setInterval(() => positions.flush(), POSITIONS_FLUSH_MS),
    setInterval(pollOutbox, OUTBOX_POLL_MS),
    setInterval(() => store.checkpoint('PASSIVE'), CHECKPOINT_MS),
    setInterval(() => store.refetchableTx(() => store.search.tidy()), SEARCH_TIDY_MS),
  ];

  const handlers = createHandlers({
    store,
    views,
    positions,
    live,
    link: () => link.state(),
    operatorId: config.operatorId,
    basemapUrl: opts.basemapUrl ?? null,
    submit,
  });

  link.start();

  let closed: Promise<void> | null = null;
  return {
    handlers,
    dataDir: config.dataDir,
    linkState: () => link.state(),
    onLinkState: (l) => {
      linkListeners.add(l);
      return () => linkListeners.delete(l);
    },
    close: () =>
      (closed ??= (async () => {
        link.stop();
        timers.forEach(clearInterval);
        notices.close();
        live.close();
        positions.flush();
        store.checkpoint('TRUNCATE');
        store.close();
        dataDir.release();
        log.info('stopped');
      })()),
  };
}
