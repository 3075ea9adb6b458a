// Static checks of the Electron build and packaging (the Electron binary cannot run here): the
// esbuild bundles have the shape Electron needs, and electron-builder.yml passes electron-builder's
// own loader and schema, sets every fuse, and packs exactly the node_modules the main bundle loads.
import { lstatSync, readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { getConfig } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'app-builder-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleElectron, MAIN_EXTERNALS } from '../../scripts/bundle-electron';
import { tempDir } from '../support/temp';

const ROOT = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
// Internal (untyped) parts of electron-builder: the schema check and the node_modules file filter
// exactly as `electron-builder` runs them.
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: Configuration, debugLogger: unknown): Promise<void>;
};
const { getNodeModuleFileMatcher } = require('app-builder-lib/out/fileMatcher') as {
  getNodeModuleFileMatcher(
    appDir: string,
    destination: string,
    macroExpander: (s: string) => string,
    platformOptions: object,
    packager: { config: Configuration; debugLogger: { isEnabled: boolean } },
  ): { createFilter(): (file: string, stat: ReturnType<typeof lstatSync> & { moduleFullFilePath?: string }) => boolean };
};

let config: Configuration;
let out: ReturnType<typeof tempDir>;
let bundles: Awaited<ReturnType<typeof bundleElectron>>;

beforeAll(async () => {
  config = await getConfig(ROOT, path.join(ROOT, 'electron-builder.yml'), null);
  out = tempDir('c137-bundle-');
  bundles = await bundleElectron(out.dir);
});
afterAll(() => out.cleanup());

/** Packages an output imports at run time (node builtins aside). */
function runtimePackages(meta: (typeof bundles)['main']): string[] {
  const imports = Object.values(meta.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
  const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
  return [...new Set(imports.filter((p) => !builtins.has(p)))].sort();
}

describe('Electron bundles', () => {
  it('main: one ESM bundle that loads only electron and better-sqlite3 (plus ws’s optional helpers)', () => {
    const packages = runtimePackages(bundles.main);
    expect(packages).toContain('electron');
    expect(packages).toContain('better-sqlite3');
    expect(packages.every((p) => MAIN_EXTERNALS.includes(p))).toBe(true);
    const text = readFileSync(path.join(out.dir, 'main/electron-main.js'), 'utf8');
    expect(text).toMatch(/^import \{ createRequire as __c137Require \}/);
    expect(text).not.toMatch(/\bfrom ["']\.{1,2}\//); // nothing left unbundled
  });

  it('preload: CommonJS, requires nothing but electron, pulls in no library', () => {
    expect(runtimePackages(bundles.preload)).toEqual(['electron']);
    const inputs = Object.keys(bundles.preload.inputs);
    expect(inputs.filter((i) => i.includes('node_modules'))).toEqual([]);
    expect(inputs.sort()).toEqual(['common/api/bridge.ts', 'preload/preload.ts']);
    const text = readFileSync(path.join(out.dir, 'preload/preload.cjs'), 'utf8');
    expect(text).toMatch(/require\("electron"\)/);
    expect(text).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('package.json points Electron at the main bundle', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main?: string; type?: string };
    expect(pkg.main).toBe('dist/main/electron-main.js');
    expect(pkg.type).toBe('module'); // so the .js bundle loads as ESM
  });
});

describe('electron-builder.yml', () => {
  it('passes electron-builder’s schema', async () => {
    await expect(validateConfiguration(config, { isEnabled: false, add() {} })).resolves.toBeUndefined();
    expect(config.appId).toBe('ir.shiraz.console137');
    expect(config.directories?.output).toBe('release');
  });

  it('states every security fuse', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('rebuilds better-sqlite3 for Electron and keeps it out of the asar', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/node_modules/better-sqlite3/**', '**/*.node']));
  });

  it('targets an x64 NSIS installer per user, and AppImage + deb', () => {
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false });
    expect(config.linux?.target).toEqual([
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ]);
    expect(readFileSync(path.join(ROOT, config.linux!.icon!)).subarray(1, 4).toString()).toBe('PNG');
  });

  it('packs the native module and its loaders from node_modules, nothing the bundles already hold', () => {
    const filter = getNodeModuleFileMatcher(ROOT, path.join(out.dir, 'app'), (s) => s, {}, { config, debugLogger: { isEnabled: false } }).createFilter();
    // How electron-builder presents each node_modules file to the filter.
    const packed = (file: string) => filter(path.join(ROOT, file), Object.assign(lstatSync(path.join(ROOT, file)), { moduleFullFilePath: file }));
    for (const file of [
      'node_modules/better-sqlite3/lib/index.js',
      'node_modules/better-sqlite3/package.json',
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'node_modules/bindings/bindings.js',
      'node_modules/file-uri-to-path/package.json',
    ]) {
      expect(packed(file), file).toBe(true);
    }
    for (const file of [
      'node_modules/react/package.json',
      'node_modules/maplibre-gl/package.json',
      'node_modules/@tanstack/react-virtual/package.json',
      'node_modules/zod/package.json',
      'node_modules/socket.io-client/package.json',
      'node_modules/better-sqlite3/deps/sqlite3/sqlite3.c',
      'node_modules/better-sqlite3/src/better_sqlite3.cpp',
      'node_modules/better-sqlite3/build/Release/test_extension.node',
    ]) {
      expect(packed(file), file).toBe(false);
    }
  });
});
