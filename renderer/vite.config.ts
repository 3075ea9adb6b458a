// Builds the renderer bundle both shells load (Electron's app:// protocol and the loopback web
// shell): relative asset paths, no inline scripts or data: URLs, so a strict CSP can hold.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Every asset (fonts included) ships as a file: a CSP without `data:` still loads them.
    assetsInlineLimit: 0,
    // Chromium supports modulepreload; the polyfill would only add code.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 2000,
  },
  // maplibre-gl finds its worker beside its own module (import.meta.url); pre-bundling it in dev
  // would move it away from that file.
  optimizeDeps: { exclude: ['maplibre-gl'] },
  server: {
    host: '127.0.0.1',
    // common/ and node_modules live above the renderer root.
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
  },
});
