// The map style: a neutral background, the offline basemap when there is one (layers of
// common/map/basemap-schema), and Vazirmatn from the app's own bundle through `font-faces`, so
// nothing is fetched from outside and Persian is shaped by MapLibre itself.
import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import vazirBoldUrl from 'vazirmatn/fonts/ttf/Vazirmatn-Bold.ttf?url';
import vazirRegularUrl from 'vazirmatn/fonts/ttf/Vazirmatn-Regular.ttf?url';
import { BASEMAP_LAYERS as L, BASEMAP_MAX_ZOOM } from '../../../common/map/basemap-schema';
import type { Locale } from '../i18n/format';

export const FONT = ['Vazirmatn Regular'];
export const FONT_BOLD = ['Vazirmatn Bold'];
const BASEMAP_SOURCE = 'basemap';

/** Workers and font loading resolve relative URLs against other bases than the page: make them absolute. */
export function absoluteUrl(url: string): string {
  // `new URL()` would percent-encode the {z}/{x}/{y} placeholders of a tile template: resolve
  // only what comes before them.
  const at = url.indexOf('{');
  if (at < 0) return new URL(url, document.baseURI).href;
  return new URL(url.slice(0, at), document.baseURI).href + url.slice(at);
}

/** A label in the operator's language, falling back to the other. */
export function labelExpression(locale: Locale): ExpressionSpecification {
  return locale === 'fa' ? ['coalesce', ['get', 'name'], ['get', 'name_en']] : ['coalesce', ['get', 'name_en'], ['get', 'name']];
}

/** The label layers whose text follows the locale. */
export const LOCALIZED_LABEL_LAYERS = ['basemap-road-label', 'basemap-place-label', 'basemap-waterway-label', 'basemap-area-label'];

const BACKGROUND = '#ece9e3';

export function buildStyle(o: { basemapUrl: string | null; locale: Locale; scale: number }): StyleSpecification {
  return {
    version: 8,
    name: 'Console 137',
    'font-faces': {
      'Vazirmatn Regular': [{ url: absoluteUrl(vazirRegularUrl) }],
      'Vazirmatn Bold': [{ url: absoluteUrl(vazirBoldUrl) }],
    },
    sources: o.basemapUrl
      ? {
          [BASEMAP_SOURCE]: {
            type: 'vector',
            tiles: [absoluteUrl(o.basemapUrl)],
            minzoom: 0,
            maxzoom: BASEMAP_MAX_ZOOM,
            attribution: '© OpenStreetMap contributors',
          },
        }
      : {},
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': BACKGROUND } },
      ...(o.basemapUrl ? basemapLayers(o.locale, o.scale) : []),
    ],
  };
}

const ROAD_WIDTH: Record<string, [number, number]> = {
  // [width at z10, width at z18] in px
  motorway: [2.2, 26],
  trunk: [2, 24],
  primary: [1.8, 22],
  secondary: [1.4, 18],
  tertiary: [1, 16],
  minor: [0.5, 12],
  service: [0.3, 7],
  path: [0.3, 3],
};
const ROAD_FILL: Record<string, string> = {
  motorway: '#f7c873',
  trunk: '#f9d58b',
  primary: '#fde3a7',
  secondary: '#fff2c6',
  tertiary: '#ffffff',
  minor: '#ffffff',
  service: '#ffffff',
  path: '#f4f1ec',
};

/** `['match', input, k1, v1, k2, v2, …, fallback]` from a table. */
export function matchTable<K extends string | number, V extends string | number>(
  input: ExpressionSpecification,
  table: Iterable<[K, V]>,
  fallback: V,
): ExpressionSpecification {
  return ['match', input, ...[...table].flat(), fallback] as unknown as ExpressionSpecification;
}

function byClass<T>(table: Record<string, T>, pick: (v: T) => number | string, fallback: number | string): ExpressionSpecification {
  return matchTable(['get', 'class'], Object.entries(table).map(([k, v]) => [k, pick(v)] as [string, number | string]), fallback);
}

function roadWidth(factor: number): ExpressionSpecification {
  return [
    'interpolate', ['exponential', 1.6], ['zoom'],
    10, byClass(ROAD_WIDTH, (w) => w[0] * factor, 0.5),
    18, byClass(ROAD_WIDTH, (w) => w[1] * factor, 6),
  ];
}

function basemapLayers(locale: Locale, scale: number): LayerSpecification[] {
  const src = { source: BASEMAP_SOURCE };
  const label = labelExpression(locale);
  const halo = { 'text-halo-color': 'rgba(255,255,255,0.92)', 'text-halo-width': 1.6 * scale };
  return [
    { id: 'basemap-green', type: 'fill', ...src, 'source-layer': L.green,
      paint: { 'fill-color': ['match', ['get', 'class'], 'cemetery', '#d7dccb', 'park', '#c8e2b4', '#d5e8c4'] } },
    { id: 'basemap-water', type: 'fill', ...src, 'source-layer': L.water, paint: { 'fill-color': '#a9cde8' } },
    { id: 'basemap-waterway', type: 'line', ...src, 'source-layer': L.waterway,
      paint: { 'line-color': '#a9cde8', 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 1, 16, ['match', ['get', 'class'], 'river', 8, 3]] } },
    { id: 'basemap-building', type: 'fill', ...src, 'source-layer': L.building, minzoom: 14,
      paint: { 'fill-color': '#ddd6cb', 'fill-outline-color': '#c9c0b2', 'fill-opacity': ['interpolate', ['linear'], ['zoom'], 14, 0, 15, 1] } },
    { id: 'basemap-road-casing', type: 'line', ...src, 'source-layer': L.road, filter: ['!=', ['get', 'class'], 'path'],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': '#c8c0b4', 'line-width': roadWidth(1.25), 'line-opacity': ['interpolate', ['linear'], ['zoom'], 11, 0, 12, 1] } },
    { id: 'basemap-road', type: 'line', ...src, 'source-layer': L.road,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': byClass(ROAD_FILL, (c) => c, '#ffffff'), 'line-width': roadWidth(1),
        'line-dasharray': ['case', ['==', ['get', 'class'], 'path'], ['literal', [2, 1]], ['literal', [1, 0]]] } },
    { id: 'basemap-waterway-label', type: 'symbol', ...src, 'source-layer': L.waterway, minzoom: 13,
      layout: { 'symbol-placement': 'line', 'text-field': label, 'text-font': FONT, 'text-size': 12 * scale },
      paint: { 'text-color': '#3f78a8', ...halo } },
    { id: 'basemap-area-label', type: 'symbol', ...src, 'source-layer': L.areaLabel, minzoom: 14,
      layout: { 'text-field': label, 'text-font': FONT, 'text-size': 12 * scale, 'text-max-width': 8 },
      paint: { 'text-color': ['match', ['get', 'class'], 'water', '#3f78a8', '#4b7a35'], ...halo } },
    { id: 'basemap-road-label', type: 'symbol', ...src, 'source-layer': L.road, minzoom: 13,
      layout: { 'symbol-placement': 'line', 'text-field': label, 'text-font': FONT,
        'text-size': ['interpolate', ['linear'], ['zoom'], 13, 11 * scale, 17, 15 * scale], 'text-max-angle': 35, 'symbol-spacing': 320 },
      paint: { 'text-color': '#3a3a3a', ...halo } },
    { id: 'basemap-place-label', type: 'symbol', ...src, 'source-layer': L.place,
      layout: { 'text-field': label, 'text-font': FONT_BOLD, 'text-max-width': 8,
        'text-size': ['match', ['get', 'class'], 'city', 18 * scale, 'town', 16 * scale, ['suburb', 'quarter'], 14 * scale, 13 * scale],
        'symbol-sort-key': ['match', ['get', 'class'], 'city', 0, 'town', 1, 'suburb', 2, 'quarter', 3, 4] },
      paint: { 'text-color': '#5d4b6b', ...halo } },
  ];
}
