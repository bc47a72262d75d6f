import { defineConfig } from 'vitest/config';

// `unit` needs Node alone (npm test); `conformance` is the suite as tests; `browser` needs
// Debian's Chromium (npm run test:browser, after `apt-get install -y chromium`).
export default defineConfig({
  test: {
    // The SDK's notice that it will leave Node 20 in 2027 says nothing about these tests.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // Most test files wait on sockets, timers and child processes rather than the CPU: four workers
    // on two cores about halve npm test's wall time (no test times anything).
    maxWorkers: 4,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/browser/**'],
          globalSetup: ['test/globalSetup.ts'],
          testTimeout: 30_000,
          hookTimeout: 180_000,
        },
      },
      {
        // The conformance suite as tests: `npx vitest run --project conformance` (CONFORMANCE_ENDPOINT=URL).
        extends: true,
        test: {
          name: 'conformance',
          include: ['conformance/**/*.test.ts'],
          testTimeout: 600_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
