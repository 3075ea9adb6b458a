import { defineConfig } from 'vitest/config';

// One runner for everything: unit tests, real-process integration tests (hub and core on
// loopback) and end-to-end tests driving Debian Chromium through the web shell.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Process-heavy suites (real hubs, consoles, Chromium) share two cores: keep files serial-ish.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
