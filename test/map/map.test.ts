// The map in Debian's Chromium (software WebGL): the real DistrictMap and store, fed by the
// harness's synthetic core. What is drawn is read back with queryRenderedFeatures, from the crews'
// WebGL layer (which has no features to query) as the instances it drew, and as pixels.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrewView, FixView, RequestView } from '../../common/api/contract';
import { isOverdue } from '../../common/domain/deadlines';
import type { CrewSprite } from '../../renderer/src/map/crewGl';
import { CREW_COLOR, STALE_COLOR } from '../../renderer/src/map/palette';
import { basemapPath, buildBasemap, openBasemap, type BasemapSource } from '../../main/core/basemap/index';
import { launchChromium } from '../support/browser';
import type {} from './harness/api';
import { tempDir } from '../support/temp';
import { buildHarness, serve, type Served } from './serve';

// Software WebGL on a shared two-core machine: generous, since a UI test is not a timing test.
const UI_TIMEOUT = 120_000;
const SHOTS = process.env.C137_SHOTS ?? path.join(process.env.TMPDIR ?? '/tmp', 'c137-map-shots');
const tmp = tempDir('c137-map-');
let browser: Browser;
let site: Served;
let basemap: BasemapSource | null;

beforeAll(async () => {
  const dist = path.join(tmp.dir, 'harness');
  await buildHarness(dist);
  const dataDir = path.join(tmp.dir, 'data');
  await buildBasemap({ osm: path.resolve(import.meta.dirname, '../fixtures/shiraz-mini.osm'), out: basemapPath(dataDir) });
  basemap = openBasemap(dataDir);
  site = await serve(dist, basemap);
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  basemap?.close();
  tmp.cleanup();
});

interface Open {
  requests?: number;
  crews?: number;
  basemap?: boolean;
  locale?: 'fa' | 'en';
  role?: 'wall';
  viewport?: { width: number; height: number };
}

async function openMap(o: Open = {}): Promise<Page> {
  const page = await browser.newPage({ viewport: o.viewport ?? { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const q = new URLSearchParams({ requests: String(o.requests ?? 120), crews: String(o.crews ?? 20), testHooks: '' });
  if (o.basemap) q.set('basemap', '/basemap/{z}/{x}/{y}.pbf');
  if (o.locale) q.set('locale', o.locale);
  if (o.role) q.set('role', o.role);
  await page.goto(`${site.url}/?${q}`.replace(/%7B/g, '{').replace(/%7D/g, '}'));
  await page.waitForSelector('[data-map-ready="true"]', { timeout: UI_TIMEOUT });
  expect(errors).toEqual([]);
  return page;
}

/** At zoom 14 (past the cluster zoom), the whole district fits this viewport. */
const DISTRICT_VIEW = { width: 2000, height: 1700 };
const DISTRICT_CENTRE: [number, number] = [52.492, 29.651];

/** Waits until the map has drawn everything it was given. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__c137map!;
        // Flushes happen on the next animation frame; let them reach the sources first.
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            map.once('idle', () => resolve());
            map.triggerRepaint();
          }),
        );
      }),
  );
}

async function jumpTo(page: Page, center: [number, number], zoom: number): Promise<void> {
  await page.evaluate(([c, z]) => window.__c137map!.jumpTo({ center: c as [number, number], zoom: z as number }), [center, zoom] as const);
  await settle(page);
}

type Rendered = { id?: string; props: Record<string, unknown>; state: Record<string, unknown> };
async function rendered(page: Page, layer: string): Promise<Rendered[]> {
  return page.evaluate(
    (l) => window.__c137map!.queryRenderedFeatures({ layers: [l] }).map((f) => ({ id: f.properties.id, props: f.properties, state: f.state })),
    layer,
  );
}

/** The crews the WebGL crews layer drew in its last frame (it is not queryable as features). */
async function drawnCrews(page: Page): Promise<CrewSprite[]> {
  return page.evaluate(() => {
    const layer = window.__c137map!.getLayer('crews-icon') as unknown as { implementation: { drawn(): CrewSprite[] } };
    return [...layer.implementation.drawn()];
  });
}

/** Colours of the map's pixels at screen offsets from a lon/lat, read right after a frame. */
async function pixelsAround(page: Page, lonLat: [number, number], offsets: [number, number][]): Promise<[number, number, number][]> {
  return page.evaluate(
    ([ll, offs]) =>
      new Promise<[number, number, number][]>((resolve) => {
        const map = window.__c137map!;
        map.once('render', () => {
          // The drawing buffer is intact until this task ends: copy it out now.
          const gl = map.getCanvas();
          const copy = document.createElement('canvas');
          copy.width = gl.width;
          copy.height = gl.height;
          const g = copy.getContext('2d')!;
          g.drawImage(gl, 0, 0);
          const k = gl.width / gl.clientWidth;
          const p = map.project(ll as [number, number]);
          resolve(
            (offs as [number, number][]).map(([dx, dy]) => {
              const d = g.getImageData(Math.round((p.x + dx) * k), Math.round((p.y + dy) * k), 1, 1).data;
              return [d[0], d[1], d[2]];
            }),
          );
        });
        map.triggerRepaint();
      }),
    [lonLat, offsets] as const,
  );
}

const rgbOf = (hex: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
const near = (a: [number, number, number], b: [number, number, number], tolerance = 40) => a.every((v, i) => Math.abs(v - b[i]) <= tolerance);

const uniqueBy = <T>(items: T[], key: (t: T) => unknown) => [...new Map(items.map((i) => [key(i), i])).values()];
const RANK = { urgent: 0, high: 1, normal: 2, low: 3 } as const;

async function storeRequests(page: Page): Promise<RequestView[]> {
  return page.evaluate(() => Object.values(window.__harness!.store.getState().requests));
}
async function storeCrews(page: Page): Promise<CrewView[]> {
  return page.evaluate(() => Object.values(window.__harness!.store.getState().crews));
}
async function push(page: Page, batch: { fixes?: FixView[]; requests?: RequestView[]; crews?: CrewView[] }): Promise<void> {
  await page.evaluate((b) => window.__harness!.push(b), batch);
  await settle(page);
}

/** Screen position of a lon/lat on the page. */
async function screenPoint(page: Page, lonLat: [number, number]): Promise<{ x: number; y: number }> {
  return page.evaluate((ll) => {
    const p = window.__c137map!.project(ll as [number, number]);
    const r = window.__c137map!.getCanvas().getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  }, lonLat);
}

/** The first request drawn alone at its point (no crew or other request under the pointer there). */
async function alone(page: Page, candidates: RequestView[]): Promise<RequestView> {
  const id = await page.evaluate((list) => {
    const map = window.__c137map!;
    const { clientWidth: w, clientHeight: h } = map.getCanvas();
    for (const r of list) {
      const p = map.project([r.lon, r.lat]);
      if (p.x < 60 || p.y < 60 || p.x > w - 60 || p.y > h - 60) continue;
      const box: [[number, number], [number, number]] = [[p.x - 14, p.y - 14], [p.x + 14, p.y + 14]];
      const hits = map.queryRenderedFeatures(box, { layers: ['requests-point'] });
      const crews = (map.getLayer('crews-icon') as unknown as { implementation: { drawn(): CrewSprite[] } }).implementation.drawn();
      const crewNear = crews.some((c) => {
        const q = map.project([c.lon, c.lat]);
        return Math.abs(q.x - p.x) < 32 && Math.abs(q.y - p.y) < 32;
      });
      if (!crewNear && hits.length && hits.every((f) => f.properties.id === r.id)) return r.id;
    }
    return null;
  }, candidates);
  expect(id).not.toBeNull();
  return candidates.find((r) => r.id === id)!;
}

describe('requests and crews on the map', { timeout: UI_TIMEOUT }, () => {
  it('draws every open request and every crew with a recent fix, as the store holds them', async () => {
    const page = await openMap({ viewport: DISTRICT_VIEW });
    await jumpTo(page, DISTRICT_CENTRE, 14);
    const requests = await storeRequests(page);
    const open = requests.filter((r) => r.status !== 'closed');
    expect(open.length).toBeGreaterThan(50);
    expect(open.length).toBeLessThan(requests.length);
    const points = uniqueBy(await rendered(page, 'requests-point'), (f) => f.id);
    expect(points.map((p) => p.id).sort()).toEqual(open.map((r) => r.id).sort());
    const now = Date.now();
    for (const p of points) {
      const r = open.find((x) => x.id === p.id)!;
      expect(p.props.prank).toBe(RANK[r.priority]);
      expect(p.state.status).toBe(r.status);
      // The queue's rule (common/domain/urgency: the deadline a request races now), tested on its own there.
      expect(p.props.overdue).toBe(isOverdue(r, now) ? 1 : 0);
    }
    const halos = uniqueBy(await rendered(page, 'requests-overdue-halo'), (f) => f.id);
    expect(halos.length).toBe(points.filter((p) => p.props.overdue === 1).length);

    const crews = await storeCrews(page);
    const drawn = await drawnCrews(page);
    expect(drawn.map((c) => c.id).sort()).toEqual(crews.map((c) => c.id).sort());
    for (const d of drawn) {
      const c = crews.find((x) => x.id === d.id)!;
      expect(d).toMatchObject({ lon: c.fix!.lon, lat: c.fix!.lat, color: CREW_COLOR[c.status], opacity: 1, heading: c.fix!.heading, halo: 'none' });
    }
    await page.close();
  });

  it('draws each crew as an arrow of its status colour, turned to its heading', async () => {
    const page = await openMap({ requests: 0, crews: 3 });
    const [crew] = await storeCrews(page);
    await jumpTo(page, [crew.fix!.lon, crew.fix!.lat], 16);
    const east: FixView = { ...crew.fix!, heading: 90, at: new Date().toISOString() };
    await push(page, { fixes: [east] });
    const colour = rgbOf(CREW_COLOR[crew.status]);
    // Heading east: the body of the arrow lies east of the fix, the notch between its wings west.
    const [ahead, behind] = await pixelsAround(page, [east.lon, east.lat], [[5, 0], [-9, 0]]);
    expect(near(ahead, colour), `east of the fix: ${ahead}`).toBe(true);
    expect(near(behind, colour), `west of the fix: ${behind}`).toBe(false);
    const west: FixView = { ...east, heading: 270, at: new Date(Date.now() + 1000).toISOString() };
    await push(page, { fixes: [west] });
    const [ahead2, behind2] = await pixelsAround(page, [west.lon, west.lat], [[-5, 0], [9, 0]]);
    expect(near(ahead2, colour), `west of the fix: ${ahead2}`).toBe(true);
    expect(near(behind2, colour), `east of the fix: ${behind2}`).toBe(false);
    await page.close();
  });

  it('rebuilds the map, crews included, after the WebGL context is lost and restored', async () => {
    const page = await openMap({ requests: 0, crews: 3 });
    const [crew] = await storeCrews(page);
    await jumpTo(page, [crew.fix!.lon, crew.fix!.lat], 16);
    await page.evaluate(async () => {
      const map = window.__c137map!;
      const lose = (map.getCanvas().getContext('webgl2') as WebGL2RenderingContext).getExtension('WEBGL_lose_context')!;
      const restored = new Promise((resolve) => map.once('webglcontextrestored', resolve));
      lose.loseContext();
      await new Promise((resolve) => setTimeout(resolve, 200));
      lose.restoreContext();
      await restored;
    });
    // The map is rebuilt on a restored context, with every layer the modules add.
    await page.waitForFunction(() => document.querySelector('[data-map-ready="true"]') && window.__c137map!.getLayer('crews-icon'));
    await jumpTo(page, [crew.fix!.lon, crew.fix!.lat], 16);
    const east: FixView = { ...crew.fix!, heading: 90, at: new Date().toISOString() };
    await push(page, { fixes: [east] });
    const [ahead, behind] = await pixelsAround(page, [east.lon, east.lat], [[5, 0], [-9, 0]]);
    expect(near(ahead, rgbOf(CREW_COLOR[crew.status])), `east of the fix: ${ahead}`).toBe(true);
    expect(near(behind, rgbOf(CREW_COLOR[crew.status])), `west of the fix: ${behind}`).toBe(false);
    await page.close();
  });

  it('counts the requests in each cluster and colours it by the worst priority inside', async () => {
    const page = await openMap({ requests: 400 });
    await jumpTo(page, DISTRICT_CENTRE, 12);
    const open = (await storeRequests(page)).filter((r) => r.status !== 'closed');
    const clusters = uniqueBy(await rendered(page, 'requests-cluster'), (f) => f.props.cluster_id);
    const singles = uniqueBy(await rendered(page, 'requests-point'), (f) => f.id);
    expect(clusters.length).toBeGreaterThan(3);
    const clustered = clusters.reduce((n, c) => n + (c.props.point_count as number), 0);
    expect(clustered + singles.length).toBe(open.length);
    for (const c of clusters.slice(0, 5)) {
      const leaves = await page.evaluate(
        ([id, n]) => (window.__c137map!.getSource('requests') as import('maplibre-gl').GeoJSONSource).getClusterLeaves(id as number, n as number, 0),
        [c.props.cluster_id, c.props.point_count] as const,
      );
      expect(leaves).toHaveLength(c.props.point_count as number);
      expect(c.props.worst).toBe(Math.min(...leaves.map((l) => l.properties!.prank as number)));
    }
    // The counts are written in the operator's language: Persian digits by default.
    const labels = await rendered(page, 'requests-cluster-count');
    expect(labels.length).toBeGreaterThan(0);
    await page.close();
  });

  it('applies live changes as diffs, never by replacing a source', async () => {
    const page = await openMap({ viewport: DISTRICT_VIEW });
    await jumpTo(page, DISTRICT_CENTRE, 14);
    await page.evaluate(() => {
      const w = window as unknown as { calls: string[] };
      w.calls = [];
      const proto = Object.getPrototypeOf(window.__c137map!.getSource('crews')!);
      for (const m of ['setData', 'updateData']) {
        const orig = proto[m];
        proto[m] = function (this: { id: string }, arg: unknown) {
          w.calls.push(`${this.id}.${m}`);
          return orig.call(this, arg);
        };
      }
    });
    const [crew] = await storeCrews(page);
    const [req] = (await storeRequests(page)).filter((r) => r.status === 'new');
    const moved: FixView = { ...crew.fix!, lon: crew.fix!.lon + 0.002, heading: 90, at: new Date().toISOString() };
    const changed: RequestView = { ...req, priority: req.priority === 'urgent' ? 'low' : 'urgent', updatedAt: new Date().toISOString() };
    await push(page, { fixes: [moved], requests: [changed] });
    // The crew glides there (MapLibre may call itself idle while a custom layer still animates).
    await expect
      .poll(async () => (await drawnCrews(page)).find((c) => c.id === crew.id), { timeout: 10_000 })
      .toMatchObject({ heading: 90, lon: moved.lon, lat: moved.lat });
    const point = (await rendered(page, 'requests-point')).find((f) => f.id === req.id)!;
    expect(point.props.prank).toBe(RANK[changed.priority]);
    // Its name (shown from zoom 14) moves along, as a diff of the names' source.
    const at = await page.evaluate((id) => {
      const f = window.__c137map!.querySourceFeatures('crews', { filter: ['==', ['get', 'id'], id] })[0];
      return (f.geometry as GeoJSON.Point).coordinates;
    }, crew.id);
    expect(at[0]).toBeCloseTo(moved.lon, 5);
    const calls = await page.evaluate(() => (window as unknown as { calls: string[] }).calls);
    expect(calls).toContain('crews.updateData');
    expect(calls).toContain('requests.updateData');
    expect(calls.filter((c) => c.endsWith('.setData'))).toEqual([]);

    // A request moving along its lifecycle only repaints: feature-state, no source update at all.
    const before = calls.length;
    const assigned: RequestView = { ...changed, status: 'assigned', acknowledgedAt: new Date().toISOString(), crewId: crew.id, updatedAt: new Date().toISOString() };
    await push(page, { requests: [assigned] });
    expect((await rendered(page, 'requests-point')).find((f) => f.id === req.id)!.state.status).toBe('assigned');
    const after = await page.evaluate(() => (window as unknown as { calls: string[] }).calls);
    expect(after.slice(before).filter((c) => c.startsWith('requests.'))).toEqual([]);
    await page.close();
  });

  it('greys a crew whose fix is older than 2 minutes and hides (and counts) one older than 30', async () => {
    const page = await openMap({ viewport: DISTRICT_VIEW });
    await jumpTo(page, DISTRICT_CENTRE, 14);
    const crews = await storeCrews(page);
    const ago = (min: number) => new Date(Date.now() - min * 60_000).toISOString();
    const grey = { ...crews[0].fix!, at: ago(3) };
    const gone = { ...crews[1].fix!, at: ago(31) };
    const noHeading = { ...crews[2].fix!, heading: null, at: ago(0) };
    // The store takes only fixes newer than the one it holds: replace the crews whole.
    await push(page, { crews: [{ ...crews[0], fix: grey }, { ...crews[1], fix: gone }, { ...crews[2], fix: noHeading }] });
    const drawn = await drawnCrews(page);
    expect(drawn.find((f) => f.id === crews[0].id)).toMatchObject({ color: STALE_COLOR, opacity: 0.75 });
    expect(drawn.find((f) => f.id === crews[1].id)).toBeUndefined();
    expect(drawn.find((f) => f.id === crews[2].id)).toMatchObject({ heading: null, color: CREW_COLOR[crews[2].status] });
    expect(drawn).toHaveLength(crews.length - 1);
    // Drawn under the fresh crews.
    expect(drawn[0].id).toBe(crews[0].id);
    await page.waitForSelector('[data-testid="map-hidden-crews"][data-count="1"]');
    await page.close();
  });
});

describe('selection, hover, trail, follow and arrival', { timeout: UI_TIMEOUT }, () => {
  it('shares the selection with the store both ways', async () => {
    const page = await openMap();
    await jumpTo(page, DISTRICT_CENTRE, 14);
    const candidates = (await storeRequests(page)).filter((r) => r.status === 'new' || r.status === 'acknowledged');
    const a = await alone(page, candidates);
    const b = candidates.find((r) => r.id !== a.id)!;
    // Map → store: a click on the request selects it.
    const pa = await screenPoint(page, [a.lon, a.lat]);
    await page.mouse.click(pa.x, pa.y);
    await page.waitForFunction((id) => window.__harness!.store.getState().selectedRequestId === id, a.id);
    const state = (id: string) => page.evaluate((i) => window.__c137map!.getFeatureState({ source: 'requests', id: i }), id);
    expect(await state(a.id)).toMatchObject({ selected: true });
    // Store → map (as the list does): the other request is marked, the first unmarked, and it is
    // brought into view when it is off screen.
    await jumpTo(page, [52.2, 29.3], 14);
    await page.evaluate((id) => window.__harness!.store.getState().selectRequest(id), b.id);
    await page.waitForFunction(() => !window.__c137map!.isMoving());
    await settle(page);
    expect(await state(b.id)).toMatchObject({ selected: true });
    expect(await state(a.id)).toMatchObject({ selected: false });
    const pb = await screenPoint(page, [b.lon, b.lat]);
    expect(pb.x).toBeGreaterThan(0);
    expect(pb.x).toBeLessThan(1280);
    // A crew is selected by clicking it too.
    const [crew] = await storeCrews(page);
    await jumpTo(page, [crew.fix!.lon, crew.fix!.lat], 15);
    const pc = await screenPoint(page, [crew.fix!.lon, crew.fix!.lat]);
    await page.mouse.click(pc.x, pc.y);
    await page.waitForFunction((id) => window.__harness!.store.getState().selectedCrewId === id, crew.id);
    await settle(page);
    expect((await drawnCrews(page)).find((c) => c.id === crew.id)?.halo).toBe('selected');
    await page.close();
  });

  it('shows a short card on hover and tells the store which request is hovered', async () => {
    const page = await openMap({ locale: 'en' });
    await jumpTo(page, DISTRICT_CENTRE, 14);
    const r = await alone(page, (await storeRequests(page)).filter((x) => x.status === 'new'));
    const p = await screenPoint(page, [r.lon, r.lat]);
    await page.mouse.move(p.x, p.y);
    const card = await page.waitForSelector('[data-testid="map-hover-card"]');
    expect(await card.textContent()).toContain(r.address);
    expect(await page.evaluate(() => window.__harness!.store.getState().hoveredRequestId)).toBe(r.id);
    await page.mouse.move(5, 5);
    await page.waitForSelector('[data-testid="map-hover-card"]', { state: 'detached' });

    // A crew: its card, and a hover halo around it.
    const [crew] = await storeCrews(page);
    await jumpTo(page, [crew.fix!.lon, crew.fix!.lat], 16);
    const pc = await screenPoint(page, [crew.fix!.lon, crew.fix!.lat]);
    await page.mouse.move(pc.x + 3, pc.y + 3);
    const crewCard = await page.waitForSelector('[data-testid="map-hover-card"]');
    expect(await crewCard.textContent()).toContain(crew.name);
    await settle(page);
    expect((await drawnCrews(page)).find((c) => c.id === crew.id)?.halo).toBe('hover');
    await page.mouse.move(5, 5);
    await page.waitForSelector('[data-testid="map-hover-card"]', { state: 'detached' });
    await page.close();
  });

  it("toggles the selected crew's trail, extends it with live fixes, and follows the crew", async () => {
    const page = await openMap();
    const [crew] = await storeCrews(page);
    expect(await page.isDisabled('[data-testid="map-toggle-trail"]')).toBe(true);
    await page.evaluate((id) => window.__harness!.store.getState().selectCrew(id), crew.id);
    await page.click('[data-testid="map-toggle-trail"]');
    const trailLength = () =>
      page.evaluate(async () => {
        const source = window.__c137map!.getSource('crew-trail') as import('maplibre-gl').GeoJSONSource | undefined;
        const data = (await source?.getData()) as GeoJSON.FeatureCollection<GeoJSON.LineString> | undefined;
        return data?.features[0]?.geometry.coordinates.length ?? 0;
      });
    await settle(page);
    await expect.poll(trailLength).toBe(4);
    expect((await rendered(page, 'crew-trail')).length).toBeGreaterThan(0);
    const next: FixView = { ...crew.fix!, lon: crew.fix!.lon + 0.001, at: new Date().toISOString() };
    await push(page, { fixes: [next] });
    await expect.poll(trailLength).toBe(5);
    await page.click('[data-testid="map-toggle-follow"]');
    const further: FixView = { ...next, lon: next.lon + 0.01, lat: next.lat + 0.005, at: new Date(Date.now() + 1000).toISOString() };
    await push(page, { fixes: [further] });
    await expect
      .poll(() => page.evaluate(() => window.__c137map!.getCenter().toArray()), { timeout: 5000 })
      .toEqual([expect.closeTo(further.lon, 4), expect.closeTo(further.lat, 4)]);
    await page.click('[data-testid="map-toggle-trail"]');
    await settle(page);
    expect(await page.evaluate(() => !!window.__c137map!.getLayer('crew-trail'))).toBe(false);
    await page.close();
  });

  it('offers "on site" when the assigned crew comes within 50 m of its request', async () => {
    const page = await openMap();
    const [crew] = await storeCrews(page);
    const [r] = (await storeRequests(page)).filter((x) => x.status === 'acknowledged');
    await push(page, { requests: [{ ...r, status: 'en_route', crewId: crew.id, updatedAt: new Date().toISOString() }] });
    const near = (dLat: number, s: number): FixView => ({ ...crew.fix!, lon: r.lon, lat: r.lat + dLat, at: new Date(Date.now() + s * 1000).toISOString() });
    await push(page, { fixes: [near(0.001, 1)] }); // ~110 m: not yet
    expect(await page.$('[data-testid="arrival-offer"]')).toBeNull();
    await push(page, { fixes: [near(0.0003, 2)] }); // ~33 m
    const offer = await page.waitForSelector(`[data-testid="arrival-offer"][data-request-id="${r.id}"]`);
    await (await offer.$('.c137-map-offer-confirm'))!.click();
    await expect.poll(() => page.evaluate(() => window.__harness!.commands)).toEqual([{ type: 'request.set_status', data: { id: r.id, status: 'on_site' } }]);
    await page.waitForSelector('[data-testid="arrival-offer"]', { state: 'detached' });
    await page.close();
  });
});

describe('offline Persian basemap', { timeout: UI_TIMEOUT }, () => {
  const KARIM_KHAN: [number, number] = [52.545, 29.6172];

  it('draws the streets with joined Persian labels from the local tiles and font', async () => {
    const page = await openMap({ basemap: true, requests: 0, crews: 0, viewport: { width: 1920, height: 1080 } });
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    expect(await page.$('[data-testid="basemap-hint"]')).toBeNull();
    await jumpTo(page, KARIM_KHAN, 15.6);
    const labels = uniqueBy(await rendered(page, 'basemap-road-label'), (f) => f.props.name).map((f) => f.props.name);
    expect(labels).toEqual(expect.arrayContaining(['بلوار کریم\u200cخان زند', 'خیابان حافظ', 'خیابان لطفعلی\u200cخان زند']));
    const places = (await rendered(page, 'basemap-place-label')).map((f) => f.props.name);
    expect(places).toEqual(expect.arrayContaining(['سنگ سیاه', 'بازار وکیل']));
    // MapLibre shaped the words: the glyphs it drew are the joined (initial/medial/final)
    // presentation forms, e.g. ﺑ of بلوار, ﮐ of کریم, ﺧ of خان.
    const glyphs = await page.evaluate(() => {
      const entries = (window.__c137map as unknown as { style: { glyphManager: { entries: Record<string, { glyphs: Record<string, Record<string, unknown>> }> } } }).style.glyphManager.entries;
      return Object.values(entries).flatMap((e) => Object.values(e.glyphs).flatMap((v) => Object.keys(v)));
    });
    expect(glyphs).toEqual(expect.arrayContaining(['\uFE91', '\uFB90', '\uFEA7']));
    await page.screenshot({ path: path.join(SHOTS, 'basemap-fa.png') });
    // Nothing but the page's own origin was asked for.
    expect(requested.filter((u) => !u.startsWith(site.url) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);

    await page.evaluate(() => window.__harness!.store.getState().setLocale('en'));
    await settle(page);
    const english = uniqueBy(await rendered(page, 'basemap-road-label'), (f) => f.props.name).map((f) => f.props.name_en ?? f.props.name);
    expect(english).toEqual(expect.arrayContaining(['Karim Khan Zand Boulevard', 'Hafez Street']));
    await page.screenshot({ path: path.join(SHOTS, 'basemap-en.png') });
    await page.close();
  });

  it('without a basemap, shows the district on a neutral background and how to add one', async () => {
    const page = await openMap({ viewport: { width: 1920, height: 1080 } });
    const hint = await page.waitForSelector('[data-testid="basemap-hint"]');
    expect(await hint.textContent()).toContain('npm run basemap');
    expect(await page.evaluate(() => Object.keys(window.__c137map!.getStyle().sources))).not.toContain('basemap');
    await settle(page);
    await page.screenshot({ path: path.join(SHOTS, 'no-basemap.png') });
    await page.close();
  });
});
