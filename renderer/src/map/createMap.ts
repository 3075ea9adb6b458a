// Creates the MapLibre map: the worker ships beside the bundle (Vite emits it from the `?url`
// import, so it loads from the app's own origin or protocol), the style is built locally.
import { Map as MapLibreMap, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { Locale } from '../i18n/format';
import { testHooksEnabled } from '../testHooks';
import { absoluteUrl, buildStyle } from './style';

declare global {
  interface Window {
    /** The map instance, for tests that query rendered features (only with `?testHooks`). */
    __c137map?: MapLibreMap;
  }
}

/** Shiraz, until the district is known. */
const SHIRAZ: [number, number] = [52.5386, 29.6104];

export function createMap(container: HTMLElement, o: { basemapUrl: string | null; locale: Locale; scale: number; center: [number, number] | null }): MapLibreMap {
  setWorkerUrl(absoluteUrl(workerUrl));
  const map = new MapLibreMap({
    container,
    style: buildStyle(o),
    center: o.center ?? SHIRAZ,
    zoom: 12,
    maxZoom: 19,
    minZoom: 3,
    // A control room's map stays north-up and flat.
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    maxPitch: 0,
    // Labels appear at once: fading them in would keep the (software) renderer drawing for nothing.
    fadeDuration: 0,
    attributionControl: { compact: true },
  });
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  if (testHooksEnabled()) window.__c137map = map;
  return map;
}
