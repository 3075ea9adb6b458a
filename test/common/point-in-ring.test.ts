import { describe, expect, it } from 'vitest';
import { pointInRing } from '../../common/geo/point-in-ring';
import { pointInBoundary } from '../../common/geo/in-boundary';

// A concave "L" around Hafezieh, closed like GeoJSON rings are.
const L = [
  [52.55, 29.62], [52.57, 29.62], [52.57, 29.625], [52.56, 29.625], [52.56, 29.635], [52.55, 29.635], [52.55, 29.62],
];

describe('pointInRing', () => {
  it('tells inside from outside, including the concave notch', () => {
    expect(pointInRing([52.5586, 29.6256], L)).toBe(true);
    expect(pointInRing([52.565, 29.622], L)).toBe(true);
    expect(pointInRing([52.565, 29.63], L)).toBe(false); // in the notch of the L
    expect(pointInRing([52.54, 29.63], L)).toBe(false);
  });
});

describe('pointInBoundary', () => {
  const square = (x: number, y: number, s: number): Array<[number, number]> => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];
  it('is inside a polygon only outside its holes', () => {
    const withHole = { type: 'Polygon' as const, coordinates: [square(52.5, 29.6, 0.1), square(52.54, 29.64, 0.02)] };
    expect(pointInBoundary([52.51, 29.61], withHole)).toBe(true);
    expect(pointInBoundary([52.55, 29.65], withHole)).toBe(false); // in the hole
    expect(pointInBoundary([52.7, 29.61], withHole)).toBe(false);
  });
  it('is inside a multipolygon when inside any of its polygons', () => {
    const two = { type: 'MultiPolygon' as const, coordinates: [[square(52.5, 29.6, 0.01)], [square(52.6, 29.7, 0.01)]] };
    expect(pointInBoundary([52.605, 29.705], two)).toBe(true);
    expect(pointInBoundary([52.55, 29.65], two)).toBe(false);
  });
});
