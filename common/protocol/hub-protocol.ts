// Schemas of hub protocol v1 (../shared/protocol/hub-protocol-v1.md), shared by the console's
// sync layer (which parses every inbound message with them) and the reference hub (which
// validates commands with them). Limits follow §3.1: lengths count Unicode code points.
// z.object strips unknown keys, which is exactly "unknown fields must be ignored" (§1).
import { z } from 'zod';

export const PROTOCOL_VERSION = 1;
export const NAMESPACE = '/district';
export const MAX_EVENTS_PER_MESSAGE = 1000;
const MAX_EVENT_BYTES = 64 * 1024;

/** Code-point length at most `max`; cheap path when UTF-16 length is already within it. */
export function withinCodePoints(s: string, max: number): boolean {
  if (s.length <= max) return true;
  let n = 0;
  for (const _ of s) if (++n > max) return false;
  return true;
}

const text = (max: number, { nonEmpty = false } = {}) =>
  (nonEmpty ? z.string().min(1, { message: 'empty' }) : z.string()).refine((s) => withinCodePoints(s, max), {
    message: `longer than ${max} code points`,
  });

/** Ids (§3.1): at most 64 code points, and at least one — an empty id names nothing. */
export const Id = text(64, { nonEmpty: true });
/** §3.1's text limits in code points: description, note, comment; address, names, author, reason, vehicle; phone. */
export const TEXT_LIMITS = { long: 2000, short: 500, phone: 32 } as const;
export const LongText = text(TEXT_LIMITS.long);
export const ShortText = text(TEXT_LIMITS.short);
const Phone = text(TEXT_LIMITS.phone);
export const Lon = z.number().min(-180).max(180);
export const Lat = z.number().min(-90).max(90);
const UTC_TIME_ERROR = 'not an ISO-8601 UTC time';

/**
 * A time as §1 states it: an ISO-8601 UTC date-time, `2026-11-28T09:14:03.120Z`, in the form
 * RFC 3339 shares with ISO 8601 (upper-case `T`, seconds, `Z` or `+00:00`). The fraction may have
 * any number of digits or be missing (a hub that drops the millis still means the same instant);
 * anything else — a bare number, a space for the `T`, another offset, a date that does not exist —
 * is refused rather than read the way `Date.parse` happens to (`"1"` is 2001 to it). zod's own
 * ISO date-time check (month lengths and leap years included), narrowed to UTC offsets.
 */
export const Time = z.iso
  .datetime({ offset: true, error: UTC_TIME_ERROR, abort: true })
  .refine((s) => s.endsWith('Z') || s.endsWith('+00:00'), { message: UTC_TIME_ERROR });

export const Priority = z.enum(['urgent', 'high', 'normal', 'low']);
export type Priority = z.infer<typeof Priority>;
export const CrewStatus = z.enum(['available', 'assigned', 'en_route', 'on_site', 'break', 'off_duty']);
export type CrewStatus = z.infer<typeof CrewStatus>;
export const RequestStatus = z.enum(['new', 'acknowledged', 'assigned', 'en_route', 'on_site', 'resolved', 'closed']);
export type RequestStatus = z.infer<typeof RequestStatus>;
export const FieldStatus = z.enum(['en_route', 'on_site', 'resolved']);
export type FieldStatus = z.infer<typeof FieldStatus>;
export const Resolution = z.enum(['resolved', 'duplicate', 'invalid', 'transferred', 'cancelled']);
export type Resolution = z.infer<typeof Resolution>;
export const Channel = z.enum(['phone', 'app', 'web', 'sms', 'walk_in']);
export type Channel = z.infer<typeof Channel>;
const ActorKind = z.enum(['citizen', 'hub', 'operator', 'crew', 'system']);

const LonLatObject = z.object({ lon: Lon, lat: Lat });
const LonLatPair = z.tuple([Lon, Lat]);

const Ring = z.array(LonLatPair.rest(z.number()));
export const Boundary = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring)) }),
]);
export type Boundary = z.infer<typeof Boundary>;

export const District = z.object({
  id: Id,
  nameFa: ShortText,
  nameEn: ShortText,
  boundary: Boundary,
  center: LonLatPair,
});
export type District = z.infer<typeof District>;

export const Category = z.object({
  code: Id,
  nameFa: ShortText,
  nameEn: ShortText,
  defaultPriority: Priority,
  ackMinutes: z.number().nonnegative(),
  resolveMinutes: z.number().nonnegative(),
});
export type Category = z.infer<typeof Category>;

export const Contractor = z.object({
  id: Id,
  name: ShortText,
  phone: Phone.optional(),
  categories: z.array(Id),
});
export type Contractor = z.infer<typeof Contractor>;

export const Crew = z.object({
  id: Id,
  name: ShortText,
  contractorId: Id,
  categories: z.array(Id),
  vehicle: ShortText.optional(),
  phone: Phone.optional(),
});
export type Crew = z.infer<typeof Crew>;

const Citizen = z.object({ name: ShortText.optional(), phone: Phone.optional() });

export const NewRequest = z.object({
  id: Id,
  category: Id,
  priority: Priority,
  description: LongText,
  address: ShortText,
  location: LonLatObject,
  citizen: Citizen,
  channel: Channel,
  receivedAt: Time,
  ackDueAt: Time,
  resolveDueAt: Time,
});
export type NewRequest = z.infer<typeof NewRequest>;

/** Data schema of each known event type (§3.1). */
const EventData = {
  'district.configured': z.object({ district: District, categories: z.array(Category) }),
  'contractor.upserted': z.object({ contractor: Contractor }),
  'crew.upserted': z.object({ crew: Crew }),
  'crew.removed': z.object({ crewId: Id }),
  'crew.status_changed': z.object({ crewId: Id, status: CrewStatus }),
  'request.created': z.object({ request: NewRequest }),
  'request.updated': z.object({
    id: Id,
    changes: NewRequest.pick({ priority: true, description: true, address: true, location: true, category: true }).partial(),
  }),
  'request.acknowledged': z.object({ id: Id, operatorId: Id }),
  'request.assigned': z.object({ id: Id, crewId: Id, operatorId: Id }),
  'request.unassigned': z.object({ id: Id, operatorId: Id, reason: ShortText.optional() }),
  'request.status_changed': z.object({ id: Id, status: FieldStatus, note: LongText.optional() }),
  'request.noted': z.object({ id: Id, note: LongText, author: ShortText }),
  'request.closed': z.object({
    id: Id,
    resolution: Resolution,
    note: LongText.optional(),
    duplicateOf: Id.optional(),
    toDistrictId: Id.optional(),
  }),
  'request.reopened': z.object({ id: Id, reason: ShortText }),
  'request.feedback': z.object({
    id: Id,
    rating: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
    comment: LongText.optional(),
  }),
} as const;
type EventType = keyof typeof EventData;
function isKnownEventType(t: string): t is EventType {
  return Object.prototype.hasOwnProperty.call(EventData, t);
}

export const Actor = z.object({ kind: ActorKind, id: Id.optional() });
export type Actor = z.infer<typeof Actor>;

/** The envelope every event shares; `data` is checked per type by parseEvent. */
const EventEnvelope = z.object({
  seq: z.number().int().positive(),
  id: Id,
  type: text(200),
  at: Time,
  actor: Actor,
  commandId: Id.optional(),
  data: z.record(z.string(), z.unknown()),
});
type EventEnvelope = z.infer<typeof EventEnvelope>;
/** The envelope without `data`, for events whose data has a schema of its own. */
const KnownEnvelope = EventEnvelope.omit({ data: true });

export type KnownEvent = {
  [K in EventType]: Omit<EventEnvelope, 'type' | 'data'> & { type: K; data: z.infer<(typeof EventData)[K]> };
}[EventType];
export type HubEvent = KnownEvent | (EventEnvelope & { unknown: true });

export type EventParse =
  | { ok: true; event: HubEvent }
  | { ok: false; seq: number | null; reason: string };

/**
 * Parse one event as received. Malformed events are reported with their seq (when one can be
 * read) so the caller can log, count and skip them; unknown types come back flagged `unknown`.
 */
export function parseEvent(raw: unknown): EventParse {
  const seq = readSeq(raw);
  // Almost every event is far below the limit: a bound over its values settles that without
  // serialising it; only events the bound cannot clear are measured exactly.
  if (jsonBytesAtMost(raw) > MAX_EVENT_BYTES) {
    let bytes: number;
    try {
      const json = JSON.stringify(raw);
      // A UTF-16 code unit is at most 3 UTF-8 bytes: a short text cannot exceed the limit, so the
      // exact count is only needed for long ones.
      bytes = json.length * 3 <= MAX_EVENT_BYTES ? json.length : Buffer_byteLength(json);
    } catch {
      return { ok: false, seq, reason: 'not serialisable as JSON' };
    }
    if (bytes > MAX_EVENT_BYTES) return { ok: false, seq, reason: `event of ${bytes} bytes exceeds 64 KiB` };
  }
  const known = parseKnown(raw);
  if (known) return { ok: true, event: known };
  // Unknown types and every malformed event: the whole envelope first, then the data — this path
  // words the reason.
  const env = EventEnvelope.safeParse(raw);
  if (!env.success) return { ok: false, seq, reason: summarise(env.error) };
  const e = env.data;
  if (!isKnownEventType(e.type)) return { ok: true, event: { ...e, unknown: true } };
  const data = EventData[e.type].safeParse(e.data);
  if (!data.success) return { ok: false, seq, reason: `${e.type}: ${summarise(data.error)}` };
  return { ok: true, event: { ...e, data: data.data } as KnownEvent };
}

/**
 * A valid event of a known type, parsed with the envelope's fields and its data's own schema only
 * (not first copied through the envelope's generic `data` record: half the cost); null for
 * anything else, which parseEvent then parses in full. Same result whenever this succeeds.
 */
function parseKnown(raw: unknown): KnownEvent | null {
  const data = (raw as { data?: unknown } | null)?.data;
  if (typeof data !== 'object' || data === null || Object.getPrototypeOf(data) !== Object.prototype) return null;
  const env = KnownEnvelope.safeParse(raw);
  if (!env.success || !isKnownEventType(env.data.type)) return null;
  const d = EventData[env.data.type].safeParse(data);
  if (!d.success) return null;
  // zod's output is a fresh object of ours: adding `data` to it costs far less than a spread copy.
  const event: Omit<EventEnvelope, 'data'> & { data?: unknown } = env.data;
  event.data = d.data;
  return event as KnownEvent;
}

function readSeq(raw: unknown): number | null {
  const s = (raw as { seq?: unknown } | null)?.seq;
  return typeof s === 'number' && Number.isSafeInteger(s) && s > 0 ? s : null;
}

/**
 * An upper bound of the UTF-8 length of `JSON.stringify(v)` for plain JSON data (what
 * `JSON.parse` makes): a string's UTF-16 unit is at most 6 bytes of JSON (an escape such as
 * \u001f), a number at most 25 characters. Infinity past the limit, deeper than any event, or
 * for anything else (undefined, functions, class instances, toJSON…): those are measured exactly.
 */
function jsonBytesAtMost(v: unknown, limit = MAX_EVENT_BYTES, depth = 0): number {
  switch (typeof v) {
    case 'string':
      return 6 * v.length + 2;
    case 'number':
      return 25;
    case 'boolean':
      return 5;
    case 'object': {
      if (v === null) return 4;
      if (depth > 32) return Infinity;
      let n = 2;
      if (Array.isArray(v)) {
        if (Object.getPrototypeOf(v) !== Array.prototype) return Infinity;
        for (let i = 0; i < v.length && n <= limit; i++) n += 1 + jsonBytesAtMost(v[i], limit - n, depth + 1);
      } else {
        if (Object.getPrototypeOf(v) !== Object.prototype) return Infinity;
        for (const k in v) {
          if (n > limit) break;
          if (Object.hasOwn(v, k)) n += 6 * k.length + 4 + jsonBytesAtMost((v as Record<string, unknown>)[k], limit - n, depth + 1);
        }
      }
      return n <= limit ? n : Infinity;
    }
    default:
      return Infinity;
  }
}

// UTF-8 length without depending on Node's Buffer, so the renderer can share this module.
function Buffer_byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++; }
    else n += 3;
  }
  return n;
}

export function summarise(err: z.ZodError): string {
  return err.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

// ---- messages (§2, §3, §4) ----

/** The handshake's `auth` (§2); an empty consoleId or token is no credential at all. */
export const HandshakeAuth = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  districtId: z.string(),
  consoleId: z.string().min(1),
  token: z.string().min(1),
});
export const CONNECT_ERRORS = ['unsupported_protocol', 'unauthorized', 'unknown_district'] as const;

export const Hello = z.object({
  hubId: Id,
  protocol: z.literal(1),
  districtId: Id,
  serverTime: Time,
  headSeq: z.number().int().nonnegative(),
});
export type Hello = z.infer<typeof Hello>;

export const ResumeRequest = z.object({ afterSeq: z.number().int().nonnegative(), hubId: Id.nullable() });
export type ResumeRequest = z.infer<typeof ResumeRequest>;

export const ResumeAck = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('replay'), fromSeq: z.number().int().positive(), toSeq: z.number().int().nonnegative() }),
  z.object({ mode: z.literal('snapshot'), seq: z.number().int().nonnegative(), parts: z.number().int().positive() }),
  z.object({ mode: z.literal('error'), code: z.literal('bad_request'), message: z.string() }),
]);
export type ResumeAck = z.infer<typeof ResumeAck>;

/**
 * Envelope of an `events` message; each event inside is parsed on its own by parseEvent. More than
 * MAX_EVENTS_PER_MESSAGE breaks the hub's side of §3, not the events: a console applies them anyway.
 */
export const EventsMessage = z.object({ events: z.array(z.unknown()) });
export const SnapshotMessage = z.object({
  seq: z.number().int().nonnegative(),
  part: z.number().int().positive(),
  parts: z.number().int().positive(),
  events: z.array(z.unknown()).max(MAX_EVENTS_PER_MESSAGE),
});
export type SnapshotMessage = z.infer<typeof SnapshotMessage>;

export const Fix = z.object({
  crewId: Id,
  lon: Lon,
  lat: Lat,
  heading: z.number().finite().optional(),
  speedKmh: z.number().finite().optional(),
  accuracyM: z.number().finite().optional(),
  at: Time,
});
export type Fix = z.infer<typeof Fix>;
/** Fixes are parsed one by one (a bad one is dropped, not the whole message). */
export const PositionsMessage = z.object({ positions: z.array(z.unknown()) });

// ---- commands (§5) ----

export const CommandData = {
  'request.acknowledge': z.object({ id: Id }),
  'request.assign': z.object({ id: Id, crewId: Id, replace: z.boolean().optional() }),
  'request.unassign': z.object({ id: Id, reason: ShortText.optional() }),
  'request.set_status': z.object({ id: Id, status: FieldStatus, note: LongText.optional() }),
  'request.note': z.object({ id: Id, note: LongText }),
  'request.close': z.object({
    id: Id,
    resolution: Resolution,
    note: LongText.optional(),
    duplicateOf: Id.optional(),
  }),
  'request.transfer': z.object({ id: Id, toDistrictId: Id, reason: ShortText }),
  'request.create': z.object({ request: NewRequest.omit({ id: true, ackDueAt: true, resolveDueAt: true }) }),
  'crew.set_status': z.object({ crewId: Id, status: CrewStatus }),
} as const;
type CommandType = keyof typeof CommandData;

const variant = <K extends CommandType>(t: K) => z.object({ type: z.literal(t), data: CommandData[t] });
/** A command as an operator (or script) states it: type and data, before the console stamps it. */
export const OperatorCommand = z.discriminatedUnion('type', [
  variant('request.acknowledge'),
  variant('request.assign'),
  variant('request.unassign'),
  variant('request.set_status'),
  variant('request.note'),
  variant('request.close'),
  variant('request.transfer'),
  variant('request.create'),
  variant('crew.set_status'),
]);
export type OperatorCommand = {
  [K in CommandType]: { type: K; data: z.infer<(typeof CommandData)[K]> };
}[CommandType];

export const Command = z.object({
  commandId: Id,
  type: text(200),
  data: z.record(z.string(), z.unknown()),
  issuedAt: Time,
  operatorId: Id,
});
export type Command = z.infer<typeof Command>;

export const COMMAND_ERROR_CODES = ['conflict', 'invalid', 'not_found', 'forbidden', 'rate_limited'] as const;
export const CommandAck = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), seq: z.number().int().nonnegative() }),
  z.object({ ok: z.literal(false), code: z.enum(COMMAND_ERROR_CODES), message: z.string() }),
]);
export type CommandAck = z.infer<typeof CommandAck>;
export type CommandErrorCode = (typeof COMMAND_ERROR_CODES)[number];
