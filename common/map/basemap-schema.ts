// The vector-tile schema of Console 137's offline basemap: what the builder (main/core/basemap)
// writes into each tile and what the map style (renderer/src/map/style) draws. Kept in one place
// so the two cannot drift apart.

/** Highest zoom with tiles; the map over-zooms these beyond it. */
export const BASEMAP_MAX_ZOOM = 14;

/** Road classes, from the most to the least important. */
export const ROAD_CLASSES = ['motorway', 'trunk', 'primary', 'secondary', 'tertiary', 'minor', 'service', 'path'] as const;
export type RoadClass = (typeof ROAD_CLASSES)[number];

export const PLACE_CLASSES = ['city', 'town', 'village', 'suburb', 'quarter', 'neighbourhood'] as const;
export type PlaceClass = (typeof PLACE_CLASSES)[number];

export const WATERWAY_CLASSES = ['river', 'canal', 'stream'] as const;
export type WaterwayClass = (typeof WATERWAY_CLASSES)[number];

export const GREEN_CLASSES = ['park', 'green', 'cemetery'] as const;
export type GreenClass = (typeof GREEN_CLASSES)[number];

/**
 * Vector layers and their properties. Every named feature carries `name` (Persian, else English,
 * else whatever OSM has) and `name_en` (English, else the plain OSM name); either may be absent.
 */
export const BASEMAP_LAYERS = {
  water: 'water', //       polygons: lakes, reservoirs, river areas
  waterway: 'waterway', // lines: class ∈ WATERWAY_CLASSES, name, name_en
  green: 'green', //       polygons: class ∈ GREEN_CLASSES, name, name_en
  building: 'building', // polygons, at the highest zoom only
  road: 'road', //         lines: class ∈ ROAD_CLASSES, name, name_en, ref
  place: 'place', //       points: class ∈ PLACE_CLASSES, name, name_en (neighbourhood names)
  areaLabel: 'area_label', // points: class 'water' | GreenClass, name, name_en — one per named area
} as const;
export type BasemapLayer = keyof typeof BASEMAP_LAYERS;
