// Open requests: one clustered source. A point's fill is its priority, its ring its status, a red
// halo marks it overdue; clusters show how many requests they hold, coloured by the worst priority
// inside. Selection and hover are feature-state (paint only, no re-tiling).
import { useEffect } from 'react';
import type { ExpressionSpecification, GeoJSONSource, MapLayerMouseEvent } from 'maplibre-gl';
import type { RequestView } from '../../../common/api/contract';
import { isOverdue } from '../../../common/domain/urgency';
import { PRIORITIES, PRIORITY_RANK } from '../../../common/domain/priority';
import type { Locale } from '../i18n/format';
import { useConsole } from '../state/store';
import { removeFromMap, useMapCtx, type MapCtx } from './context';
import { followChanges, syncFromStore } from './live';
import { OVERDUE_COLOR, PRIORITY_COLOR, SELECTED_COLOR, STATUS_RING } from './palette';
import { EMPTY, PointSync, type PointFeature } from './pointSync';
import { FONT_BOLD, matchTable } from './style';

export const REQUESTS_SOURCE = 'requests';
export const REQUEST_LAYERS = {
  halo: 'requests-overdue-halo',
  cluster: 'requests-cluster',
  clusterCount: 'requests-cluster-count',
  point: 'requests-point',
} as const;
/** Above this zoom every request is drawn on its own. */
export const CLUSTER_MAX_ZOOM = 13;
/** Overdue marks follow the clock: re-checked this often (only flips reach the source). */
const RECHECK_MS = 5000;

/**
 * Priority and overdue are properties (clusters sum them up); the status, which changes most
 * often, is feature-state: a request moving along its lifecycle repaints, nothing re-clusters.
 */
function requestFeature(r: RequestView, now: number): PointFeature | null {
  if (r.status === 'closed') return null;
  return {
    lon: r.lon,
    lat: r.lat,
    props: { prank: PRIORITY_RANK[r.priority], overdue: isOverdue(r, now) ? 1 : 0 },
    state: { status: r.status },
  };
}

const byPriority = (rank: ExpressionSpecification): ExpressionSpecification =>
  matchTable(rank, PRIORITIES.map((p) => [PRIORITY_RANK[p], PRIORITY_COLOR[p]]), '#888888');
const status: ExpressionSpecification = ['string', ['feature-state', 'status'], ''];
const ring = (field: 'color' | 'width'): ExpressionSpecification =>
  matchTable<string, string | number>(status, Object.entries(STATUS_RING).map(([s, v]) => [s, v[field]]), field === 'color' ? '#000000' : 1);
const state = (key: string): ExpressionSpecification => ['boolean', ['feature-state', key], false];

export function clusterCountText(locale: Locale): ExpressionSpecification {
  return ['number-format', ['get', 'point_count'], { locale: locale === 'fa' ? 'fa-IR' : 'en-GB' }];
}

function mountRequests(ctx: MapCtx): () => void {
  const { map, frame, mode, scale } = ctx;
  map.addSource(REQUESTS_SOURCE, {
    type: 'geojson',
    data: EMPTY,
    promoteId: 'id',
    cluster: true,
    clusterMaxZoom: CLUSTER_MAX_ZOOM,
    clusterRadius: 44,
    clusterProperties: { worst: ['min', ['get', 'prank']], overdue: ['+', ['get', 'overdue']] },
  });
  const isCluster: ExpressionSpecification = ['has', 'point_count'];
  map.addLayer({
    id: REQUEST_LAYERS.halo,
    type: 'circle',
    source: REQUESTS_SOURCE,
    filter: ['all', ['!', isCluster], ['==', ['get', 'overdue'], 1]],
    // A red ring around the request, wider than any status ring, so it reads at wall distance.
    paint: {
      'circle-color': OVERDUE_COLOR,
      'circle-radius': 12.5 * scale,
      'circle-opacity': 0.3,
      'circle-blur': 0.3,
      'circle-stroke-color': OVERDUE_COLOR,
      'circle-stroke-width': 2.5 * scale,
      'circle-stroke-opacity': 0.95,
    },
  });
  map.addLayer({
    id: REQUEST_LAYERS.cluster,
    type: 'circle',
    source: REQUESTS_SOURCE,
    filter: isCluster,
    paint: {
      'circle-color': byPriority(['get', 'worst']),
      'circle-radius': ['*', scale, ['step', ['get', 'point_count'], 13, 10, 16, 50, 20, 200, 25, 1000, 31]],
      'circle-opacity': 0.88,
      'circle-stroke-color': ['case', ['>', ['get', 'overdue'], 0], OVERDUE_COLOR, '#ffffff'],
      'circle-stroke-width': ['case', ['>', ['get', 'overdue'], 0], 3 * scale, 2 * scale],
    },
  });
  map.addLayer({
    id: REQUEST_LAYERS.clusterCount,
    type: 'symbol',
    source: REQUESTS_SOURCE,
    filter: isCluster,
    layout: {
      'text-field': clusterCountText(useConsole.getState().locale),
      'text-font': FONT_BOLD,
      'text-size': 13 * scale,
      'text-allow-overlap': true,
      'text-ignore-placement': true,
    },
    paint: { 'text-color': ['case', ['==', ['get', 'worst'], PRIORITY_RANK.normal], '#3a2b00', '#ffffff'] },
  });
  map.addLayer({
    id: REQUEST_LAYERS.point,
    type: 'circle',
    source: REQUESTS_SOURCE,
    filter: ['!', isCluster],
    paint: {
      'circle-color': byPriority(['get', 'prank']),
      'circle-opacity': ['case', ['==', status, 'resolved'], 0.4, 1],
      'circle-radius': ['*', scale, ['case', state('selected'), 10, state('hover'), 9, 6.5]],
      'circle-stroke-color': ['case', state('selected'), SELECTED_COLOR, ring('color')],
      'circle-stroke-width': ['*', scale, ['case', state('selected'), 4, ring('width')]],
    },
  });

  const sync = new PointSync(map, REQUESTS_SOURCE, frame, mode);
  const apply = syncFromStore(sync, () => useConsole.getState().requests, (r: RequestView) => requestFeature(r, Date.now()));
  const stop = followChanges('requests', mode, apply);
  const recheck = setInterval(() => apply(null), RECHECK_MS);

  const select = (e: MapLayerMouseEvent) => {
    const id = e.features?.[0]?.properties?.id;
    if (typeof id === 'string') useConsole.getState().selectRequest(id);
  };
  const expand = async (e: MapLayerMouseEvent) => {
    const f = e.features?.[0];
    const clusterId = f?.properties?.cluster_id;
    if (typeof clusterId !== 'number' || f?.geometry.type !== 'Point') return;
    const zoom = await map.getSource<GeoJSONSource>(REQUESTS_SOURCE)?.getClusterExpansionZoom(clusterId);
    if (zoom !== undefined) map.easeTo({ center: f.geometry.coordinates as [number, number], zoom: Math.max(zoom, map.getZoom() + 1) });
  };
  map.on('click', REQUEST_LAYERS.point, select);
  map.on('click', REQUEST_LAYERS.cluster, expand);

  return () => {
    stop();
    clearInterval(recheck);
    map.off('click', REQUEST_LAYERS.point, select);
    map.off('click', REQUEST_LAYERS.cluster, expand);
    removeFromMap(ctx, Object.values(REQUEST_LAYERS).reverse(), [REQUESTS_SOURCE]);
  };
}

export function RequestLayers(): null {
  const ctx = useMapCtx();
  useEffect(() => mountRequests(ctx), [ctx]);
  return null;
}
