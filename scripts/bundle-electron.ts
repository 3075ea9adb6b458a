// Bundles the Electron shell with esbuild (`npm run build:electron`):
//   dist/main/electron-main.js  the main process with the core, ESM for Electron's Node. Only
//                               electron and better-sqlite3 (a native module, rebuilt for
//                               Electron's ABI when packaging) stay outside the bundle.
//   dist/preload/preload.cjs    the preload, CommonJS because sandboxed preloads cannot be ESM;
//                               built for the browser platform, so a Node import fails the build.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '..');
/** Electron 45: Chromium 140, Node 22. */
const TARGETS = { node: 'node22', chrome: 'chrome140' };
/** Loaded from node_modules at run time; ws's optional native helpers are tried and skipped when absent. */
export const MAIN_EXTERNALS = ['electron', 'better-sqlite3', 'bufferutil', 'utf-8-validate'];

export async function bundleElectron(outDir = path.join(ROOT, 'dist')): Promise<{ main: Metafile; preload: Metafile }> {
  const [main, preload] = await Promise.all([
    build({
      absWorkingDir: ROOT,
      entryPoints: ['main/electron/electron-main.ts'],
      outfile: path.join(outDir, 'main/electron-main.js'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: TARGETS.node,
      external: MAIN_EXTERNALS,
      // Bundled CommonJS dependencies still call require(); ESM has none of its own.
      banner: { js: "import { createRequire as __c137Require } from 'node:module'; const require = __c137Require(import.meta.url);" },
      metafile: true,
      logLevel: 'warning',
    }),
    build({
      absWorkingDir: ROOT,
      entryPoints: ['preload/preload.ts'],
      outfile: path.join(outDir, 'preload/preload.cjs'),
      bundle: true,
      platform: 'browser',
      format: 'cjs',
      target: TARGETS.chrome,
      external: ['electron'],
      metafile: true,
      logLevel: 'warning',
    }),
  ]);
  return { main: main.metafile, preload: preload.metafile };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { main, preload } = await bundleElectron();
  for (const [name, meta] of Object.entries({ main, preload })) {
    for (const [file, out] of Object.entries(meta.outputs)) {
      if (!file.endsWith('.map')) console.log(`${name}: ${path.relative(ROOT, path.resolve(ROOT, file))} ${(out.bytes / 1024).toFixed(0)} KiB`);
    }
  }
}
