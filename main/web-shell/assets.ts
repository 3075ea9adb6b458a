// Serving the built renderer and basemap tiles, shared by both shells (the loopback HTTP server
// here and Electron's app:// protocol): which file a URL path may name, its MIME type, the
// Content-Security-Policy and the other security headers every response carries.
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/** What the shells need from a basemap: one vector tile by address, or null where there is none. */
export interface BasemapTiles {
  tile(z: number, x: number, y: number): Uint8Array | null;
  /** How the stored tiles are compressed (e.g. 'gzip'); null or absent when they are plain. */
  contentEncoding?: string | null;
}

/** The tile URL template both shells serve the basemap under (the core hands it to the map). */
export const BASEMAP_TILE_URL = '/basemap/{z}/{x}/{y}.pbf';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pbf': 'application/x-protobuf',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeType(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The page's CSP. MapLibre starts its workers from blob: URLs and draws images from data:/blob:;
 * it injects no <style> elements (element.style is not governed by style-src), so inline styles
 * stay forbidden. `connect` lists origins beyond 'self' the page may open (the web shell's ws://).
 */
export function contentSecurityPolicy(connect: string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "worker-src 'self' blob:",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    `connect-src ${["'self'", ...connect].join(' ')}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers for every response of either shell. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  };
}

export interface Asset {
  file: string;
  size: number;
  type: string;
}

/**
 * The regular file under `staticDir` a URL path names ('/' is index.html), or null: for anything
 * that does not decode, escapes the directory (also through symlinks), or is not a plain file — so
 * there is no directory listing and no traversal.
 */
export async function resolveAsset(staticDir: string, urlPath: string): Promise<Asset | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.slice(1);
  try {
    const root = await realpath(staticDir);
    const file = await realpath(path.resolve(root, relative));
    if (!file.startsWith(root + path.sep)) return null;
    const info = await stat(file);
    if (!info.isFile()) return null;
    return { file, size: info.size, type: mimeType(file) };
  } catch {
    return null;
  }
}

const TILE_PATH = /^\/basemap\/(\d{1,2})\/(\d{1,8})\/(\d{1,8})\.pbf$/;

/** `/basemap/{z}/{x}/{y}.pbf` with an address that exists at that zoom, else null. */
export function parseTilePath(urlPath: string): { z: number; x: number; y: number } | null {
  const m = TILE_PATH.exec(urlPath);
  if (!m) return null;
  const [z, x, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const side = 2 ** z;
  if (z > 24 || x >= side || y >= side) return null;
  return { z, x, y };
}
