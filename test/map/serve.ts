// Builds the map harness with Vite (production build, as the console ships) and serves it on
// loopback together with a basemap's tiles, the way the web shell serves the real renderer.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import type { BasemapSource } from '../../main/core/basemap/index';

const HARNESS = path.join(import.meta.dirname, 'harness');

export async function buildHarness(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: HARNESS,
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, assetsInlineLimit: 0, chunkSizeWarningLimit: 4000, modulePreload: { polyfill: false } },
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** Serves `dir`, and `/basemap/{z}/{x}/{y}.pbf` from `basemap` when given. */
export async function serve(dir: string, basemap: BasemapSource | null = null): Promise<Served> {
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const tile = /^\/basemap\/(\d+)\/(\d+)\/(\d+)\.pbf$/.exec(url.pathname);
      if (tile) {
        const data = basemap?.tile(Number(tile[1]), Number(tile[2]), Number(tile[3]));
        if (!data) return void res.writeHead(204).end();
        res.writeHead(200, {
          'content-type': 'application/x-protobuf',
          ...(basemap!.contentEncoding && { 'content-encoding': basemap!.contentEncoding }),
        });
        return void res.end(data);
      }
      const file = path.join(dir, path.normalize(url.pathname === '/' ? '/index.html' : url.pathname));
      if (!file.startsWith(dir)) return void res.writeHead(403).end();
      try {
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
