// The self-test's facts, shared by its shards (test/conformance-selftest*.test.ts, which vitest
// runs in parallel workers): the seed and runs, the service each fault mode breaks, and which
// checks must catch each.
import { CHECK_NAMES } from '../src/conformance/checkNames.js';
import { embeddedTarget, runConformance } from '../src/conformance/index.js';
import { expect, it } from 'vitest';
import { FaceDetectionService, faultModes, type FaultModeName } from '../src/msw.js';

export const SEED = 20261125;
export const RUNS = 100;
// Jobs finish in 10 ms; one that has not after 200 ms never will (job-never-finishes).
export const service = (faultMode?: FaultModeName) =>
  new FaceDetectionService({ maxConcurrentJobs: Number.POSITIVE_INFINITY, jobDurationMs: 10, faultMode });
export const run = (faultMode?: FaultModeName, strict = false) =>
  runConformance({ target: embeddedTarget(service(faultMode)), seed: SEED, runs: RUNS, strict, jobTimeoutMs: 200 });

type CheckName = (typeof CHECK_NAMES)[number];
/** Every check but those named, in the suite's order. */
const everyCheckBut = (...not: CheckName[]): CheckName[] => CHECK_NAMES.filter((name) => !not.includes(name));

/** Which checks catch each fault mode, with the self-test's seed and runs. */
export const CAUGHT_BY: Record<FaultModeName, CheckName[]> = {
  'token-maxLength-plus-one': ['negative-rejection'],
  'token-maxLength-minus-one': ['positive-acceptance', 'response-contract', 'sdk-compatibility', 'lifecycle', 'pagination', 'idempotency'],
  'jobTag-maxLength-plus-one': ['negative-rejection', 'error-contract'],
  'jobTag-maxLength-minus-one': ['positive-acceptance', 'response-contract', 'sdk-compatibility', 'lifecycle', 'pagination', 'idempotency'],
  'bucket-minLength-minus-one': ['negative-rejection', 'error-contract'],
  'bucket-minLength-plus-one': ['positive-acceptance', 'sdk-compatibility'],
  'objectName-length-in-utf16-units': ['positive-acceptance', 'sdk-compatibility'],
  'token-pattern-unanchored-end': ['negative-rejection', 'error-contract', 'protocol'],
  'token-pattern-unanchored-start': ['negative-rejection', 'error-contract', 'protocol', 'sdk-compatibility'],
  'jobTag-pattern-unanchored': ['negative-rejection', 'error-contract'],
  'roleArn-pattern-unanchored': ['negative-rejection', 'error-contract', 'sdk-compatibility'],
  'jobTag-pattern-too-strict': ['positive-acceptance', 'response-contract', 'sdk-compatibility', 'lifecycle', 'pagination', 'idempotency'],
  'faceAttributes-case-folding': ['negative-rejection', 'error-contract', 'protocol', 'sdk-compatibility'],
  'faceAttributes-trimming': ['negative-rejection'],
  'video-not-required': ['negative-rejection', 'error-contract', 'protocol', 'sdk-compatibility'],
  'roleArn-not-required': ['negative-rejection', 'error-contract', 'protocol'],
  'maxResults-minimum-zero': ['negative-rejection', 'protocol'],
  'jobId-maxLength-plus-one': ['negative-rejection', 'protocol'],
  'nextToken-maxLength-plus-one': ['negative-rejection', 'protocol'],
  'idempotency-ignored': ['idempotency'],
  'mismatch-not-detected': ['idempotency'],
  'jobId-outside-pattern': everyCheckBut('negative-rejection', 'error-contract', 'unknown-job'),
  'wrong-content-type': everyCheckBut('sdk-compatibility'),
  'errors-as-500': ['negative-rejection', 'error-contract', 'protocol', 'sdk-compatibility'],
  'errors-as-200': ['negative-rejection', 'error-contract', 'protocol', 'unknown-job', 'sdk-compatibility', 'pagination', 'idempotency'],
  'missing-request-id': everyCheckBut('sdk-compatibility'),
  'constraint-as-access-denied': ['negative-rejection', 'protocol'],
  'constraint-as-invalid-parameter': ['negative-rejection', 'protocol'],
  'null-members-refused': ['negative-rejection', 'protocol'],
  'limit-counts-finished-jobs': everyCheckBut('negative-rejection', 'error-contract', 'unknown-job'),
  'unknown-target-accepted': ['protocol'],
  'malformed-json-as-500': ['protocol'],
  'wrong-status-for-modelled-error': ['error-contract', 'protocol', 'unknown-job', 'positive-acceptance', 'sdk-compatibility'],
  'jobStatus-lowercase': ['response-contract', 'lifecycle', 'pagination'],
  'job-never-finishes': ['lifecycle', 'pagination'],
  'faces-out-of-order': ['lifecycle', 'pagination'],
  'maxResults-ignored': ['pagination'],
  'pagination-repeats-last-face': ['pagination'],
  'pagination-drops-a-face': ['pagination'],
  'foreign-token-accepted': ['pagination'],
};

/** The self-test's shards: each runs every third fault mode, so the three run in parallel workers. */
export const SHARDS = 3;

/** Defines the test of each fault mode of shard `shard`: caught, by exactly the checks named, with replayable findings. */
export function catchesFaultModesOfShard(shard: number): void {
  const modes = (Object.keys(faultModes) as FaultModeName[]).filter((_, i) => i % SHARDS === shard);
  it.each(modes)('catches %s with exactly the checks named', async (mode) => {
    const strict = faultModes[mode].strictOnly ?? false;
    if (strict) expect((await run(mode, false)).conformant, 'without --strict this is conformant').toBe(true);
    const report = await run(mode, strict);
    const failed = report.checks.filter((c) => c.status === 'failed');
    expect(report.verdict, `${mode}: ${faultModes[mode].description}`).toBe('not conformant');
    expect(failed.map((c) => c.name).sort(), failed.map((c) => `${c.name}: ${c.finding?.message}`).join('\n')).toEqual(
      [...CAUGHT_BY[mode]].sort(),
    );
    // Each finding replays: it names its seed and path, and the counterexample shrank to something.
    for (const check of failed) {
      expect(check.finding).toMatchObject({ seed: SEED, path: expect.stringMatching(/^\d+(:\d+)*$/) });
      expect(check.finding!.replay).toContain(`--seed ${SEED} --path ${check.finding!.path}`);
      if (strict) expect(check.finding!.replay).toContain('--strict');
    }
  });
}
