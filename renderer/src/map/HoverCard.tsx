// A short card under the pointer for the request or crew it rests on. Hovering a request also
// tells the store, so the list can highlight its row.
import { useEffect, useState, type JSX } from 'react';
import type { MapLayerMouseEvent } from 'maplibre-gl';
import { dictionaries, nameIn } from '../i18n';
import { formatAge, formatNumber } from '../i18n/format';
import { useConsole } from '../state/store';
import { useMapCtx, useMapUi } from './context';
import { REQUEST_LAYERS } from './RequestLayers';

interface Hover {
  kind: 'request' | 'crew';
  id: string;
  x: number;
  y: number;
}

export function HoverCard(): JSX.Element | null {
  const { map } = useMapCtx();
  const [requestHover, setRequestHover] = useState<Hover | null>(null);
  // The crews layer does its own hit testing (it is not a style layer MapLibre can query).
  const crewHover = useMapUi((ui) => ui.crewHover);
  const hover: Hover | null = crewHover ? { kind: 'crew', ...crewHover } : requestHover;

  useEffect(() => {
    const canvas = map.getCanvas();
    const enter = (e: MapLayerMouseEvent) => {
      const id = e.features?.[0]?.properties?.id;
      if (typeof id !== 'string') return;
      canvas.style.cursor = 'pointer';
      setRequestHover({ kind: 'request', id, x: e.point.x, y: e.point.y });
      if (useConsole.getState().hoveredRequestId !== id) useConsole.getState().hoverRequest(id);
    };
    const leave = () => {
      canvas.style.cursor = '';
      setRequestHover(null);
      useConsole.getState().hoverRequest(null);
    };
    const pointer = () => (canvas.style.cursor = 'pointer');
    const plain = () => (canvas.style.cursor = '');
    const handlers = [
      ['mousemove', REQUEST_LAYERS.point, enter],
      ['mouseleave', REQUEST_LAYERS.point, leave],
      ['mouseenter', REQUEST_LAYERS.cluster, pointer],
      ['mouseleave', REQUEST_LAYERS.cluster, plain],
    ] as const;
    for (const [type, layer, fn] of handlers) map.on(type, layer, fn);
    return () => {
      for (const [type, layer, fn] of handlers) map.off(type, layer, fn);
    };
  }, [map]);

  const locale = useConsole((s) => s.locale);
  const request = useConsole((s) => (hover?.kind === 'request' ? s.requests[hover.id] : undefined));
  const crew = useConsole((s) => (hover?.kind === 'crew' ? s.crews[hover.id] : undefined));
  const category = useConsole((s) => (request ? s.categories[request.category] : undefined));
  const now = useConsole((s) => (hover ? s.now : 0));
  if (!hover || (!request && !crew)) return null;

  const t = dictionaries[locale];
  const m = dictionaries[locale].map;
  const canvas = map.getCanvas();
  const style = {
    left: Math.min(hover.x + 14, canvas.clientWidth - 260),
    top: Math.min(hover.y + 14, canvas.clientHeight - 120),
  };
  return (
    <div className="c137-map-card" style={style} role="tooltip" data-testid="map-hover-card">
      {request && (
        <>
          <strong>{category ? nameIn(locale, category) : request.category}</strong>
          <div>
            {t.priority[request.priority]} · {t.status[request.status]}
          </div>
          <div className="c137-map-card-muted">{request.address}</div>
          <div className="c137-map-card-muted">{formatAge(now - Date.parse(request.receivedAt), locale)}</div>
        </>
      )}
      {crew && (
        <>
          <strong>{crew.name}</strong>
          <div>{t.crewStatus[crew.status]}</div>
          {crew.fix && (
            <div className="c137-map-card-muted">
              {m.fixAge}: {formatAge(now - Date.parse(crew.fix.at), locale)}
              {crew.fix.speedKmh !== null && ` · ${m.speed(formatNumber(crew.fix.speedKmh, locale))}`}
            </div>
          )}
        </>
      )}
    </div>
  );
}
