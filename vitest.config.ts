import { defineConfig } from 'vitest/config';

// Three projects, by what a test needs besides this process (`npm run test:unit` runs `unit` only;
// `npm test` runs all three):
// - unit: modules alone, or with an in-memory fake or a temporary SQLite file; no server, socket,
//   child process, build or browser. Seconds.
// - process: a real hub, core, web shell or CLI on loopback, in this process or spawned, and the
//   real Electron bundles and packaging config. Also every test file no other project names, so
//   none is left out.
// - browser: Debian Chromium driven through the web shell or a harness page.
const unit = [
  'test/common/**/*.test.ts',
  'test/core/{config,domain,live-feed,migrations,protocol,replicator,store}.test.ts',
  'test/hub/state-machine.test.ts',
  'test/renderer/{format,logic,store}.test.ts',
  'test/map/arrival.test.ts',
  'test/electron/shell-static.test.ts',
];
const browser = [
  'test/e2e/**/*.test.ts',
  'test/map/{map,wall-view}.test.ts',
  'test/renderer/ui.test.ts',
  'test/web-shell/ws-transport.test.ts',
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
      { extends: true, test: { name: 'unit', include: unit } },
      { extends: true, test: { name: 'process', include: ['test/**/*.test.ts'], exclude: [...unit, ...browser] } },
      { extends: true, test: { name: 'browser', include: browser } },
    ],
  },
});
