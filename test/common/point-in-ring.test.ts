import { describe, expect, it } from 'vitest';
import { pointInRing } from '../../common/geo/point-in-ring';

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
