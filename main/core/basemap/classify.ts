// Which OSM objects go into the basemap, in which layer, from which zoom, with which properties.
// Only what a district control room needs to read the map: roads by class with their names,
// water, green areas, buildings up close, and place names down to neighbourhoods.
import type { BasemapLayer, GreenClass, PlaceClass, RoadClass, WaterwayClass } from '../../../common/map/basemap-schema';
import type { OsmTags } from './osm-read';

export type Props = Record<string, string>;
/** What an OSM object becomes; `geometry` says how its shape is to be read. */
export interface Classified {
  layer: BasemapLayer;
  minzoom: number;
  geometry: 'point' | 'line' | 'area';
  props: Props;
}

const ROAD: Record<string, RoadClass> = {
  motorway: 'motorway', motorway_link: 'motorway',
  trunk: 'trunk', trunk_link: 'trunk',
  primary: 'primary', primary_link: 'primary',
  secondary: 'secondary', secondary_link: 'secondary',
  tertiary: 'tertiary', tertiary_link: 'tertiary',
  residential: 'minor', unclassified: 'minor', living_street: 'minor', road: 'minor',
  service: 'service', track: 'service',
  pedestrian: 'path', footway: 'path', path: 'path', cycleway: 'path', steps: 'path',
};
const ROAD_MINZOOM: Record<RoadClass, number> = {
  motorway: 5, trunk: 6, primary: 8, secondary: 9, tertiary: 11, minor: 12, service: 13, path: 14,
};
const PLACE_MINZOOM: Record<PlaceClass, number> = {
  city: 4, town: 7, village: 10, suburb: 11, quarter: 12, neighbourhood: 13,
};
const WATERWAY: Record<string, WaterwayClass> = {
  river: 'river', canal: 'canal', stream: 'stream', drain: 'stream', ditch: 'stream',
};
const WATERWAY_MINZOOM: Record<WaterwayClass, number> = { river: 8, canal: 10, stream: 12 };

const ARABIC_SCRIPT = /[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]/;

/** `name`: Persian first, then English, then whatever OSM has; `name_en`: English first. */
export function names(tags: OsmTags): Props {
  const plain = tags.name?.trim() || undefined;
  const fa = tags['name:fa']?.trim() || (plain && ARABIC_SCRIPT.test(plain) ? plain : undefined);
  const en = tags['name:en']?.trim() || (plain && !ARABIC_SCRIPT.test(plain) ? plain : undefined);
  const out: Props = {};
  const name = fa ?? en ?? plain;
  if (name) out.name = name;
  const nameEn = en ?? plain;
  if (nameEn) out.name_en = nameEn;
  return out;
}

function greenClass(tags: OsmTags): GreenClass | null {
  if (tags.landuse === 'cemetery' || tags.amenity === 'grave_yard') return 'cemetery';
  if (tags.leisure === 'park' || tags.leisure === 'garden' || tags.leisure === 'playground') return 'park';
  if (['grass', 'recreation_ground', 'forest', 'meadow', 'orchard', 'village_green'].includes(tags.landuse ?? '')) return 'green';
  if (tags.natural === 'wood' || tags.natural === 'scrub') return 'green';
  return null;
}

function isWaterArea(tags: OsmTags): boolean {
  return tags.natural === 'water' || tags.waterway === 'riverbank' || tags.landuse === 'reservoir' || tags.landuse === 'basin';
}

/**
 * Classify a node (`point`), an open or closed way, or a multipolygon relation (`area` only).
 * Returns null for anything the basemap does not draw.
 */
export function classify(tags: OsmTags | undefined, shape: 'node' | 'open' | 'closed' | 'multipolygon'): Classified | null {
  if (!tags) return null;
  const place = tags.place as PlaceClass | undefined;
  if (place && place in PLACE_MINZOOM && (tags.name || tags['name:fa'] || tags['name:en'])) {
    // Areas tagged as places are labelled at a point inside them.
    return { layer: 'place', minzoom: PLACE_MINZOOM[place], geometry: 'point', props: { class: place, ...names(tags) } };
  }
  if (shape === 'node') return null;

  const area = shape === 'closed' || shape === 'multipolygon';
  if (area && isWaterArea(tags)) return { layer: 'water', minzoom: 6, geometry: 'area', props: names(tags) };
  const green = area ? greenClass(tags) : null;
  if (green) return { layer: 'green', minzoom: green === 'green' ? 11 : 10, geometry: 'area', props: { class: green, ...names(tags) } };
  if (area && tags.building && tags.building !== 'no') return { layer: 'building', minzoom: 14, geometry: 'area', props: {} };
  if (shape === 'multipolygon') return null;

  const road = tags.highway ? ROAD[tags.highway] : undefined;
  if (road && tags.area !== 'yes') {
    const props: Props = { class: road, ...names(tags) };
    if (tags.ref) props.ref = tags.ref;
    return { layer: 'road', minzoom: ROAD_MINZOOM[road], geometry: 'line', props };
  }
  const waterway = tags.waterway ? WATERWAY[tags.waterway] : undefined;
  if (waterway) return { layer: 'waterway', minzoom: WATERWAY_MINZOOM[waterway], geometry: 'line', props: { class: waterway, ...names(tags) } };
  return null;
}
