// The conformance suite's modules load, inside a test: a change that breaks one at import (a check
// list out of step with checkNames.ts, a case table that throws) fails here as a test, where a
// static import would stop a test file from loading at all (which a mutation run's runner reads as
// nothing failed).
import { expect, it } from 'vitest';

it('loads the checks, their cases and the matrix, every check named once', async () => {
  const { checks } = await import('../src/conformance/checks/index.js');
  const { CHECK_NAMES } = await import('../src/conformance/checkNames.js');
  const { contractCoverage } = await import('../src/conformance/contractCoverage.js');
  expect(checks.map((c) => c.name)).toEqual([...CHECK_NAMES]);
  for (const check of checks) expect(typeof (check.cases ?? check.property), check.name).toBe('function');
  expect(contractCoverage().length).toBeGreaterThan(100);
});
