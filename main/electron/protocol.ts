// app://console/ — the renderer's origin inside Electron. A privileged standard scheme instead of
// file:// gives the page a real origin (so CSP 'self', fetch and module workers behave as on the
// web) and lets us refuse every path outside dist/renderer. Basemap tiles come from the same origin.
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { protocol } from 'electron';
import { contentSecurityPolicy, parseTilePath, resolveAsset, securityHeaders, type BasemapTiles } from '../web-shell/assets';
import { APP_HOST, APP_SCHEME } from './app-origin';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

export function serveAppScheme(o: { staticDir: string; basemap: BasemapTiles | null }): void {
  const headers = securityHeaders(contentSecurityPolicy());
  const answer = (status: number, body: Uint8Array | null = null, type?: string) =>
    new Response(body as BodyInit | null, { status, headers: { ...headers, ...(type ? { 'Content-Type': type } : {}) } });

  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return answer(404);
    if (request.method !== 'GET' && request.method !== 'HEAD') return answer(405);
    const head = request.method === 'HEAD';

    const tile = parseTilePath(url.pathname);
    if (tile) {
      if (!o.basemap) return answer(404);
      const bytes = o.basemap.tile(tile.z, tile.x, tile.y);
      if (!bytes) return answer(204);
      // Inflate here rather than rely on Chromium honouring Content-Encoding on a custom scheme.
      const plain = o.basemap.contentEncoding === 'gzip' ? gunzipSync(bytes) : bytes;
      return answer(200, head ? null : plain, 'application/x-protobuf');
    }

    const asset = await resolveAsset(o.staticDir, url.pathname);
    if (!asset) return answer(404);
    return answer(200, head ? null : await readFile(asset.file), asset.type);
  });
}
