// The schema's migrations in order, one numbered file each: migration i (0-based) takes the
// database from version i to i+1 (PRAGMA user_version; see ../migrate.ts). Never edit a shipped
// migration: add the next numbered file and list it last.
import { initialSchema } from './0001-initial';
import { outboxTable } from './0002-outbox';
import { crewPositionsTable } from './0003-crew-positions';
import { eventsByRequestIndex } from './0004-events-by-request';
import { eventIdsTable } from './0005-event-ids';
import { requestSearchTables } from './0006-request-search';
import { duplicatesTable } from './0007-duplicates';
import { eventsByOperatorIndex } from './0008-events-by-operator';
import { accountsTables } from './0009-accounts';
import { auditTables } from './0010-audit';
import { handoverNotesTable } from './0011-handover';

export const MIGRATIONS: readonly string[] = [initialSchema, outboxTable, crewPositionsTable, eventsByRequestIndex, eventIdsTable,
  requestSearchTables, duplicatesTable, eventsByOperatorIndex, accountsTables, auditTables, handoverNotesTable];
