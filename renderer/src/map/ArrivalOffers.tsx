// Offers "on site" for a request when its crew's fix arrives within 50 m of it (operators only:
// the wall display sends no commands). An offer the operator puts off is not made again for the
// same assignment; one whose request moved on (on site, reassigned, closed) goes away by itself.
import { useEffect, type JSX } from 'react';
import { dictionaries } from '../i18n';
import { formatNumber } from '../i18n/format';
import { onLiveBatch, useConsole } from '../state/store';
import { AwaitingArrival, awaitsArrival } from './arrival';
import { useMapUi, type ArrivalOffer } from './context';

const key = (o: ArrivalOffer) => `${o.requestId}|${o.crewId}`;

function stillValid(o: ArrivalOffer): boolean {
  const r = useConsole.getState().requests[o.requestId];
  return !!r && r.crewId === o.crewId && awaitsArrival(r);
}

/** Offers the operator put off, by assignment; forgotten once the assignment ends. */
const putOff = new Set<string>();

function watchArrivals(): () => void {
  putOff.clear();
  const awaiting = new AwaitingArrival();
  awaiting.rebuild(useConsole.getState().requests);
  return onLiveBatch((b) => {
    const s = useConsole.getState();
    if (!s.permissions.commands) return;
    if (b.reset) awaiting.rebuild(s.requests);
    for (const r of b.requests) awaiting.update(r.id, s.requests[r.id]);
    for (const id of b.removedRequestIds) awaiting.update(id, undefined);
    const held = useMapUi.getState().offers;
    const kept = held.filter(stillValid);
    const have = new Set(kept.map(key));
    const fresh: ArrivalOffer[] = [];
    if (b.fixes.length) {
      for (const o of awaiting.find(b.fixes, s.requests)) {
        if (have.has(key(o)) || putOff.has(key(o))) continue;
        have.add(key(o));
        fresh.push(o);
      }
    }
    for (const k of putOff) {
      const [requestId, crewId] = k.split('|');
      if (!stillValid({ requestId, crewId, meters: 0 })) putOff.delete(k);
    }
    if (fresh.length || kept.length !== held.length) useMapUi.setState({ offers: [...kept, ...fresh] });
  });
}

function withdraw(o: ArrivalOffer): void {
  useMapUi.setState((ui) => ({ offers: ui.offers.filter((x) => key(x) !== key(o)) }));
}

function Offer({ offer }: { offer: ArrivalOffer }): JSX.Element {
  const locale = useConsole((s) => s.locale);
  const crewName = useConsole((s) => s.crews[offer.crewId]?.name ?? offer.crewId);
  const m = dictionaries[locale].map;
  return (
    <div className="c137-map-offer" data-testid="arrival-offer" data-request-id={offer.requestId}>
      <span>{m.arrival(crewName, formatNumber(offer.meters, locale))}</span>
      <button
        type="button"
        className="c137-map-offer-confirm"
        onClick={() => {
          withdraw(offer);
          void useConsole.getState().submit({ type: 'request.set_status', data: { id: offer.requestId, status: 'on_site' } });
        }}
      >
        {m.markOnSite}
      </button>
      <button
        type="button"
        onClick={() => {
          putOff.add(key(offer));
          withdraw(offer);
        }}
      >
        {m.dismiss}
      </button>
    </div>
  );
}

export function ArrivalOffers(): JSX.Element | null {
  useEffect(watchArrivals, []);
  const offers = useMapUi((ui) => ui.offers);
  if (!offers.length) return null;
  return (
    <div className="c137-map-offers" role="status" aria-live="polite">
      {offers.map((o) => (
        <Offer key={key(o)} offer={o} />
      ))}
    </div>
  );
}
