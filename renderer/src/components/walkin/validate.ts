// The walk-in form's rules, pure: what the operator typed becomes the `request.create` command's
// request, or the reason per field why it cannot be sent yet. Nothing half-filled goes out: one
// problem anywhere and there is no request at all.
import type { CommandData, Boundary, Category, Priority } from '../../../../common/protocol/hub-protocol';
import { TEXT_LIMITS, withinCodePoints } from '../../../../common/protocol/hub-protocol';
import { normaliseText } from '../../../../common/domain/normalise';
import { normaliseMobile } from '../../../../common/domain/phone';
import { pointInBoundary } from '../../../../common/geo/in-boundary';
import type { z } from 'zod';

export type WalkInChannel = 'walk_in' | 'phone';

/** The form as typed. */
export interface WalkInDraft {
  channel: WalkInChannel;
  /** A category code, null until one is chosen. */
  category: string | null;
  /** null: the category's default. */
  priority: Priority | null;
  description: string;
  address: string;
  location: { lon: number; lat: number } | null;
  citizenName: string;
  citizenPhone: string;
}

export const EMPTY_DRAFT: WalkInDraft = {
  channel: 'walk_in',
  category: null,
  priority: null,
  description: '',
  address: '',
  location: null,
  citizenName: '',
  citizenPhone: '',
};

export type WalkInField = 'category' | 'description' | 'address' | 'location' | 'citizenName' | 'citizenPhone';
export type Problem =
  | { kind: 'required' }
  | { kind: 'tooLong'; max: number }
  | { kind: 'unknownCategory' }
  | { kind: 'notMobile' }
  | { kind: 'outsideDistrict' };
export type Problems = Partial<Record<WalkInField, Problem>>;

export type NewRequestData = z.infer<(typeof CommandData)['request.create']>['request'];

export interface CheckContext {
  categories: Readonly<Record<string, Category>>;
  /** The district's boundary; null while the hub has not configured one (nothing to check against). */
  boundary: Boundary | null;
}

/** The priority the request will get: the operator's choice, else the category's default. */
export function effectivePriority(d: WalkInDraft, categories: Readonly<Record<string, Category>>): Priority | null {
  return d.priority ?? (d.category ? (categories[d.category]?.defaultPriority ?? null) : null);
}

/** The text as sent: trimmed, and empty when it is only spaces, joiners and marks (it says nothing). */
const cleaned = (s: string): string => (normaliseText(s) ? s.trim() : '');

function text(value: string, max: number, required: boolean): Problem | null {
  const v = cleaned(value);
  if (!v) return required ? { kind: 'required' } : null;
  return withinCodePoints(v, max) ? null : { kind: 'tooLong', max };
}

/** Every field's problem, or none. */
export function problemsOf(d: WalkInDraft, ctx: CheckContext): Problems {
  const p: Problems = {};
  if (!d.category) p.category = { kind: 'required' };
  else if (!ctx.categories[d.category]) p.category = { kind: 'unknownCategory' };
  const description = text(d.description, TEXT_LIMITS.long, true);
  if (description) p.description = description;
  const address = text(d.address, TEXT_LIMITS.short, true);
  if (address) p.address = address;
  if (!d.location) p.location = { kind: 'required' };
  else if (ctx.boundary && !pointInBoundary([d.location.lon, d.location.lat], ctx.boundary)) p.location = { kind: 'outsideDistrict' };
  const name = text(d.citizenName, TEXT_LIMITS.short, false);
  if (name) p.citizenName = name;
  const phone = d.citizenPhone.trim();
  if (phone && !withinCodePoints(phone, TEXT_LIMITS.phone)) p.citizenPhone = { kind: 'tooLong', max: TEXT_LIMITS.phone };
  else if (phone && !normaliseMobile(phone)) p.citizenPhone = { kind: 'notMobile' };
  return p;
}

export type Checked = { ok: true; request: NewRequestData } | { ok: false; problems: Problems };

/** The request to send, received now (`receivedAt`), or every problem in the way. */
export function checkWalkIn(d: WalkInDraft, ctx: CheckContext, receivedAt: string): Checked {
  const problems = problemsOf(d, ctx);
  const priority = effectivePriority(d, ctx.categories);
  if (Object.keys(problems).length > 0 || !d.category || !d.location || !priority) return { ok: false, problems };
  const name = cleaned(d.citizenName);
  const phone = d.citizenPhone.trim() && normaliseMobile(d.citizenPhone.trim());
  return {
    ok: true,
    request: {
      category: d.category,
      priority,
      description: cleaned(d.description),
      address: cleaned(d.address),
      location: { lon: d.location.lon, lat: d.location.lat },
      citizen: { ...(name && { name }), ...(phone && { phone }) },
      channel: d.channel,
      receivedAt,
    },
  };
}
