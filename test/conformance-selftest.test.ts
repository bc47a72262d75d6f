// The suite tests itself: run with fixed seeds against the service broken in each fault mode, it
// must find the break; against the unbroken service it must find nothing.
import { describe, expect, it } from 'vitest';
import { embeddedTarget, runConformance } from '../src/conformance/index.js';
import { faultModes, FaceDetectionService, type FaultModeName } from '../src/msw.js';

const SEED = 20261125;
const RUNS = 100;
// Jobs finish in 10 ms; one that has not after 200 ms never will (job-never-finishes).
const service = (faultMode?: FaultModeName) => new FaceDetectionService({ maxConcurrentJobs: Number.POSITIVE_INFINITY, jobDurationMs: 10, faultMode });
const run = (faultMode?: FaultModeName, strict = false) => runConformance({ target: embeddedTarget(service(faultMode)), seed: SEED, runs: RUNS, strict, jobTimeoutMs: 200 });

describe('the conformance suite', () => {
  it.each([false, true])('passes the unbroken service (strict: %s)', async (strict) => {
    const report = await run(undefined, strict);
    expect(report.checks.map((c) => [c.name, c.status, c.finding?.message])).toEqual(report.checks.map((c) => [c.name, 'passed', undefined]));
    expect(report.conformant).toBe(true);
  });

  it.each(Object.keys(faultModes) as FaultModeName[])('catches %s', async (mode) => {
    const strict = faultModes[mode].strictOnly ?? false;
    if (strict) expect((await run(mode, false)).conformant, 'without --strict this is conformant').toBe(true);
    const report = await run(mode, strict);
    const failed = report.checks.filter((c) => c.status === 'failed');
    expect(report.conformant, `${mode}: ${faultModes[mode].description}`).toBe(false);
    // Each finding replays: it names its seed and path, and the counterexample shrank to something.
    for (const check of failed) {
      expect(check.finding).toMatchObject({ seed: SEED, path: expect.stringMatching(/^\d+(:\d+)*$/) });
      expect(check.finding!.replay).toContain(`--seed ${SEED} --path ${check.finding!.path}`);
    }
  });
});
