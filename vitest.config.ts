import { defineConfig } from 'vitest/config';

// `unit` needs Node alone (npm test); `conformance` is the suite as tests; `browser` needs
// Debian's Chromium (npm run test:browser, after `apt-get install -y chromium`).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/browser/**'],
          testTimeout: 30_000,
          hookTimeout: 180_000,
        },
      },
      {
        // The conformance suite as tests: `npx vitest run conformance` (CONFORMANCE_ENDPOINT=URL).
        test: {
          name: 'conformance',
          include: ['conformance/**/*.test.ts'],
          testTimeout: 600_000,
        },
      },
      {
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
