// Crew state from crew events (§3). A new crew is off_duty until its first crew.status_changed;
// request events never change a crew's status (the hub sends crew.status_changed explicitly).
import type { Crew, CrewStatus, KnownEvent } from '../../../common/protocol/hub-protocol';

export interface CrewState {
  id: string;
  name: string;
  contractorId: string;
  categories: string[];
  vehicle: string | null;
  phone: string | null;
  status: CrewStatus;
}

export type CrewEvent = Extract<KnownEvent, { type: 'crew.upserted' | 'crew.removed' | 'crew.status_changed' }>;

export function isCrewEvent(e: KnownEvent): e is CrewEvent {
  return e.type === 'crew.upserted' || e.type === 'crew.removed' || e.type === 'crew.status_changed';
}

export function crewIdOf(e: CrewEvent): string {
  return e.type === 'crew.upserted' ? e.data.crew.id : e.data.crewId;
}

function fromCrew(c: Crew, status: CrewStatus): CrewState {
  return {
    id: c.id,
    name: c.name,
    contractorId: c.contractorId,
    categories: c.categories,
    vehicle: c.vehicle ?? null,
    phone: c.phone ?? null,
    status,
  };
}

/** Apply one crew event; null means the crew does not exist (removed, or never known). */
export function reduceCrew(s: CrewState | null, e: CrewEvent): CrewState | null {
  switch (e.type) {
    case 'crew.upserted':
      return fromCrew(e.data.crew, s?.status ?? 'off_duty');
    case 'crew.removed':
      return null;
    case 'crew.status_changed':
      return s ? { ...s, status: e.data.status } : null;
  }
}

/** A crew's status and since when it has held it. */
export interface StatusMark {
  status: CrewStatus;
  since: string;
}

/**
 * What a crew event leaves of a crew's status mark, folded like reduceCrew: a new crew is off_duty
 * from its first crew.upserted; a crew.status_changed starts a new mark only when the status does
 * change (a repeat keeps the time it began); a removed crew, or one never known, has none.
 */
export function foldStatusMark(
  m: StatusMark | undefined,
  e: { type: CrewEvent['type']; at: string; status: CrewStatus | null },
): StatusMark | undefined {
  switch (e.type) {
    case 'crew.upserted':
      return m ?? { status: 'off_duty', since: e.at };
    case 'crew.removed':
      return undefined;
    case 'crew.status_changed':
      return !m || !e.status || m.status === e.status ? m : { status: e.status, since: e.at };
  }
}
