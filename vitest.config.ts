import { defineConfig } from 'vitest/config';

// Three projects, by what a test needs besides this process (`npm run test:unit` runs `unit` only;
// `npm test` runs all three):
// - unit: modules alone, or with an in-memory fake or a temporary SQLite file; no server, socket,
//   child process, build or browser. Seconds. Every test file the other two do not name is here,
//   so none is left out, and a heavy one filed by mistake shows at once in `test:unit`.
// - process: a real hub, core, web shell or CLI on loopback, in this process or spawned, and the
//   real Electron bundles and packaging config.
// - browser: Debian Chromium driven through the web shell or a harness page.
const browserTests = [
  'test/e2e/**/*.test.ts',
  'test/map/{map,wall-view}.test.ts',
  'test/renderer/ui.test.ts',
  'test/web-shell/ws-transport.test.ts',
];
const processTests = [
  'test/resilience/**/*.test.ts',
  'test/hostile/**/*.test.ts',
  'test/web-shell/**/*.test.ts',
  'test/core/{audit-cli,cli,accounts-cli,commands,conflict-notices,search-api,sessions,sync}.test.ts',
  'test/hub/{persistence,protocol,simulator}.test.ts',
  'test/map/basemap.test.ts',
  'test/electron/packaging.test.ts',
];

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Process-heavy suites (real hubs, consoles, Chromium) share two cores: keep files serial-ish.
    maxWorkers: 2,
    fileParallelism: true,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...processTests, ...browserTests] } },
      { extends: true, test: { name: 'process', include: processTests, exclude: browserTests } },
      { extends: true, test: { name: 'browser', include: browserTests } },
    ],
  },
});
