// The Node core: data directory, hub link, renderer API. Hosted by Electron's main process, the
// loopback web shell or the headless CLI; it never imports electron.
import { join } from 'node:path';
import type { LinkState } from '../../common/api/contract';
import type { ApiHandlers, Caller } from '../../common/api/rpc';
import type { CommandAck } from '../../common/protocol/hub-protocol';
import { DEFAULT_IDLE_LOCK_MINUTES, describeConfig, type CoreConfig } from './config';
import { DEFAULT_RETENTION_DAYS, retentionCutoff } from '../../common/domain/retention';
import { Accounts } from './accounts';
import { AuditTrail } from './audit';
import { Handover } from './handover';
import { runRetention } from './retention';
import { Sessions } from './sessions';
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
  /** The console's accounts (for hosts that seed them, such as the demo, and tests). */
  accounts: Accounts;
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
const RETENTION_MS = 24 * 3600_000;

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

  const accounts = new Accounts(store);
  // Without one no one can manage the room's accounts (the first-run setup screen will make it).
  if (!accounts.hasSupervisor()) {
    log.warn(`no supervisor account yet: make one with npm run accounts -- create --data-dir ${config.dataDir} --username … --name "…" --role supervisor`);
  }
  const audit = new AuditTrail(store, config.consoleId);
  // A broken chain does not stop the room working: it is logged and shown to every supervisor.
  const chain = audit.verify();
  const auditBroken = chain.ok ? null : { seq: chain.seq, reason: chain.reason };
  if (auditBroken) log.error(`audit trail broken at row ${auditBroken.seq}: ${auditBroken.reason}`);
  else log.info(`audit: OK (${chain.rows} rows)`);
  const sessions = new Sessions({
    accounts,
    audit,
    idleLockMinutes: config.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES,
    workstation: config.consoleId,
    auditBroken: () => auditBroken,
    log,
  });
  const retentionDays = config.retentionDays ?? DEFAULT_RETENTION_DAYS;
  const retain = () => {
    const now = new Date();
    const erased = runRetention(store, retentionDays, log, now);
    const before = retentionCutoff(now, retentionDays);
    if (erased) audit.record({ accountId: null, session: 'core', action: 'retention_erased', detail: { before, requests: erased } });
  };
  retain();

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
    roleOf: (caller) => sessions.roleOf(caller),
  });

  const touchTarget = (row: Pick<OutboxRow, 'targetKind' | 'targetId'>) =>
    row.targetKind === 'crew' ? live.touchCrews([row.targetId]) : live.touchRequests([row.targetId]);

  const notices = new CommandNotices({ store, live });
  const onSettled = (row: OutboxRow, ack: CommandAck) => {
    notices.settled(row, ack);
    audit.record({
      accountId: row.operatorId,
      session: 'core',
      action: 'command_result',
      targetKind: row.targetKind,
      targetId: row.targetId,
      detail: { commandId: row.commandId, type: row.type, ok: ack.ok, ...(ack.ok ? {} : { code: ack.code }) },
    });
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

  const submit = (cmd: unknown, caller: Caller, operatorId: string) => {
    const { commandId, target } = queueCommand(store, cmd, operatorId);
    audit.record({
      accountId: operatorId,
      session: caller.session,
      action: 'command_submitted',
      targetKind: target.kind,
      targetId: target.id,
      detail: { commandId, type: (cmd as { type: string }).type },
    });
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
    setInterval(retain, RETENTION_MS),
  ];

  const handlers = createHandlers({
    store,
    views,
    positions,
    live,
    link: () => link.state(),
    sessions,
    accounts,
    audit,
    handover: new Handover(store, () => views.requests(new Date().toISOString()).filter((r) => r.closedAt === null)),
    basemapUrl: opts.basemapUrl ?? null,
    submit,
  });

  link.start();

  let closed: Promise<void> | null = null;
  return {
    handlers,
    accounts,
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
        sessions.close();
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
