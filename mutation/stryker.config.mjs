// StrykerJS: how well the self-test holds the conformance oracles (the checks and the expectations
// they judge answers by). Each mutant changes one operator, condition, literal... of those files;
// the self-test (mutation/vitest.config.ts) must then fail. A mutant it survives is a change to an
// oracle that no fault mode, and no run against the unbroken service, notices.
// `npm run mutation` (scripts/mutation.mjs) runs it and prints the score and the survivors; so does
// `npx stryker run mutation/stryker.config.mjs`, without the table.

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: ['src/conformance/checks/**/*.ts', 'src/conformance/expectations.ts'],
  testRunner: 'vitest',
  // `related` would ask vite's module graph which tests import a mutated file; perTest coverage
  // already knows which tests reach each mutant.
  vitest: { configFile: 'mutation/vitest.config.ts', related: false },
  coverageAnalysis: 'perTest',
  // Not string literals: most are a finding's wording or a check's oracle text, which the self-test
  // rightly does not judge (it judges verdicts and rules); a string an oracle compares with (an error
  // code, an operation) is mutated through its comparison (=== to !==, the condition to true or false).
  mutator: { excludedMutations: ['StringLiteral'] },
  // Two cores: a test runner each.
  concurrency: 2,
  reporters: ['clear-text', 'json', 'progress'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, allowEmojis: false },
  // The sandboxes live with the reports (git-ignored); what the self-test never reads is not copied.
  tempDirName: 'reports/mutation/tmp',
  ignorePatterns: ['/reports', '/dist', '/docs', '/bench', '/.cache', '/.vitest-tmp', '*.tgz', 'conformance-report.xml'],
  // A mutant's tests may take their dry run's time x 1.5 + 10 s: a mutant that makes a check wait out
  // its timeouts is a timeout (detected); less than 10 s and a busy machine times out mutants that survive.
  timeoutMS: 10_000,
  // scripts/mutation.mjs judges the score itself (--break).
  thresholds: { high: 80, low: 60, break: null },
};
