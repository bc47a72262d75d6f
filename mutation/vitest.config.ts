// The tests a mutation run (scripts/mutation.mjs, StrykerJS) holds the conformance oracles to: the
// self-test, whose fault modes each break a fact that some check must catch; test/checks.test.ts; and
// test/expectations.test.ts, the choices the oracles leave a correct endpoint (what no fault mode shows);
// test/conformance-modules.test.ts, which loads the modules inside a test (see there why). Not
// test/conformance-verdicts.test.ts: its whole runs (the CLI's among them) would take the full run
// past an hour for a few mutants more (lifecycle's FAILED-with-a-StatusMessage branch among them).
// The unit project's environment (vitest.config.ts), without its sequencer or its worker count: the
// vitest runner of Stryker runs one worker a process and picks the tests itself.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    include: ['test/conformance-selftest*.test.ts', 'test/checks.test.ts', 'test/expectations.test.ts', 'test/conformance-modules.test.ts'],
    globalSetup: ['test/globalSetup.ts'],
    testTimeout: 600_000,
    hookTimeout: 180_000,
  },
});
