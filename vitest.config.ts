import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// The files that take longest, slowest first: started at once, their waits (installs, jobs that
// run for seconds, child processes) overlap the many short files instead of ending the run. Vitest
// orders by the durations it cached; a fresh clone (CI) has none, and would run them last.
export const SLOWEST_FIRST = [
  'readme-shell',
  'conformance-cli',
  'conformance-realistic',
  'readme',
  'conformance-backpressure',
  'arbitraries',
  'package',
  'conformance-selftest',
  'conformance-selftest-2',
  'replay',
  'conformance-replay',
  'conformance-selftest-1',
  'conformance-verdicts',
  'conformance-interrupt-process',
  'build',
];
const rank = (file: TestSpecification) => {
  const i = SLOWEST_FIRST.indexOf(file.moduleId.replace(/^.*\/(.*)\.test\.ts$/, '$1'));
  return i < 0 ? SLOWEST_FIRST.length : i;
};
class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

/** The tests of the packed package in consumer projects: what needs the npm registry. */
const CONSUMER = ['test/package.test.ts', 'test/readme.test.ts', 'test/readme-shell.test.ts'];

// `unit` needs Node alone (npm test); `consumer` the npm registry besides (npm run
// test:consumer); `conformance` is the suite as tests; `browser` needs Debian's Chromium (npm run
// test:browser, after `apt-get install -y chromium`).
export default defineConfig({
  test: {
    // The SDK's notice that it will leave Node 20 in 2027 says nothing about these tests.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // Most test files wait on sockets, timers and child processes rather than the CPU: four workers
    // on two cores about halve npm test's wall time (no test times anything).
    maxWorkers: 4,
    sequence: { sequencer: SlowestFirst },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/browser/**', ...CONSUMER],
          globalSetup: ['test/globalSetup.ts'],
          // A worker loads src/ once for all the files it runs, not once a file: about a tenth of
          // npm test's CPU. The files share no state through it: src/ keeps none across services
          // and runs, and tests that change process.env put it back.
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 180_000,
        },
      },
      {
        // The packed package installed into fresh projects as the README installs it, and every
        // README example run there: npm run test:consumer (it needs the npm registry).
        extends: true,
        test: {
          name: 'consumer',
          include: CONSUMER,
          globalSetup: ['test/globalSetup.ts'],
          testTimeout: 30_000,
          hookTimeout: 400_000,
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
