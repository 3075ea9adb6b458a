// The benchmark baseline's crew icons, drawn once per status (and once greyed for stale fixes) on
// a canvas and handed to the map as images, as traccar-web does: an arrow MapLibre turns to the
// crew's heading, or a dot when the fix has none.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { CrewStatus } from '../../../common/protocol/hub-protocol';
import { CREW_COLOR, STALE_COLOR } from '../../../renderer/src/map/palette';

const PIXEL_RATIO = 2;
const SIZE = 30; // CSS px

export type CrewShape = 'arrow' | 'dot';
export function crewIconId(shape: CrewShape, status: CrewStatus | 'stale'): string {
  return `crew-${shape}-${status}`;
}

function draw(shape: CrewShape, color: string): ImageData {
  const px = SIZE * PIXEL_RATIO;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = px;
  const g = canvas.getContext('2d')!;
  g.scale(PIXEL_RATIO, PIXEL_RATIO);
  const c = SIZE / 2;
  g.lineJoin = 'round';
  g.shadowColor = 'rgba(0,0,0,0.35)';
  g.shadowBlur = 2;
  g.beginPath();
  if (shape === 'arrow') {
    // Pointing north; MapLibre rotates it by `icon-rotate`.
    g.moveTo(c, 2);
    g.lineTo(SIZE - 5, SIZE - 4);
    g.lineTo(c, SIZE - 9);
    g.lineTo(5, SIZE - 4);
    g.closePath();
  } else {
    g.arc(c, c, 8.5, 0, Math.PI * 2);
  }
  g.fillStyle = color;
  g.fill();
  g.shadowColor = 'transparent';
  g.lineWidth = 2;
  g.strokeStyle = '#ffffff';
  g.stroke();
  return g.getImageData(0, 0, px, px);
}

/** Adds every crew icon the crews layer may ask for (once per map). */
export function addCrewIcons(map: MapLibreMap): void {
  const colors: [CrewStatus | 'stale', string][] = [...CrewStatus.options.map((s) => [s, CREW_COLOR[s]] as [CrewStatus, string]), ['stale', STALE_COLOR]];
  for (const shape of ['arrow', 'dot'] as const) {
    for (const [status, color] of colors) {
      const id = crewIconId(shape, status);
      if (!map.hasImage(id)) map.addImage(id, draw(shape, color), { pixelRatio: PIXEL_RATIO });
    }
  }
}
