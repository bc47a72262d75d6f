// The self-test's facts, shared by its shards (test/conformance-selftest*.test.ts, which vitest
// runs in parallel workers): the service each fault mode breaks, and how each is run. A mode is
// caught by reason, not by draw: the checks and cases the contract-coverage matrix names for the
// fact it breaks must find it on every one of SEEDS seeds at --runs RUNS, whatever else they draw.
import { expect, it } from 'vitest';
import { contractCoverage, type Asserter } from '../src/conformance/contractCoverage.js';
import { embeddedTarget, runConformance } from '../src/conformance/index.js';
import { FaceDetectionService, faultModes, type FaultModeName } from '../src/msw.js';

/** The seeds every fault mode must be caught on, all of them, at RUNS runs a check. */
export const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
export const RUNS = 10;

// Jobs finish in 10 ms; one that has not after 200 ms never will (job-never-finishes).
export const service = (faultMode?: FaultModeName) =>
  new FaceDetectionService({
    maxConcurrentJobs: Number.POSITIVE_INFINITY,
    jobDurationMs: 10,
    faultMode,
    ...(faultMode ? faultModes[faultMode]!.needs : {}),
  });

const rows = new Map(contractCoverage().map((row) => [row.fact.id, row]));

/** The checks and cases that assert the facts a mode breaks, merged: a check named without cases runs them all. */
export function catchersOf(mode: FaultModeName): Map<string, Set<string> | 'all'> {
  const catchers = new Map<string, Set<string> | 'all'>();
  const asserters: Asserter[] = faultModes[mode]!.breaks.flatMap((fact) => rows.get(fact)?.checkedBy ?? []);
  for (const { check, cases } of asserters) {
    const known = catchers.get(check);
    if (known === 'all' || cases === undefined) catchers.set(check, 'all');
    else catchers.set(check, new Set([...(known ?? []), ...cases]));
  }
  return catchers;
}

/** A run of the suite against the service broken in `mode`, its catchers only, stopping at the first finding. */
export function runCatchers(mode: FaultModeName, seed: number) {
  const catchers = catchersOf(mode);
  return runConformance({
    target: embeddedTarget(service(mode)),
    seed,
    runs: RUNS,
    strict: faultModes[mode]!.strictOnly ?? false,
    jobTimeoutMs: 200,
    checks: [...catchers.keys()],
    caseFilter: (check, name) => {
      const cases = catchers.get(check);
      return cases === 'all' || (cases?.has(name) ?? false);
    },
    bail: true,
  });
}

/** The self-test's shards: each runs every third fault mode, so the three run in parallel workers. */
export const SHARDS = 3;

/** Defines the test of each fault mode of shard `shard`: caught on every seed, by the checks that assert what it breaks. */
export function catchesFaultModesOfShard(shard: number): void {
  const modes = (Object.keys(faultModes) as FaultModeName[]).filter((_, i) => i % SHARDS === shard);
  it.each(modes)(
    `catches %s on ${SEEDS.length} of ${SEEDS.length} seeds at --runs ${RUNS}, by the checks that assert the fact it breaks`,
    async (mode) => {
      const catchers = catchersOf(mode);
      expect(catchers.size, `${mode} breaks ${faultModes[mode]!.breaks.join(', ')}, which no check asserts`).toBeGreaterThan(0);
      const missed: number[] = [];
      for (const seed of SEEDS) {
        const report = await runCatchers(mode, seed);
        const failed = report.checks.filter((c) => c.status === 'failed');
        if (report.verdict !== 'not conformant') {
          missed.push(seed);
          continue;
        }
        // Found by a check (and case) that asserts the fact, with a finding that replays.
        const [check] = failed;
        const cases = catchers.get(check!.name);
        expect(cases === 'all' || cases?.has(check!.finding!.case ?? check!.name), `${mode}: ${check!.finding!.message}`).toBe(true);
        expect(check!.finding!.replay).toContain(`--seed ${seed} --path ${check!.finding!.path}`);
        if (faultModes[mode]!.strictOnly) expect(check!.finding!.replay).toContain('--strict');
      }
      expect(missed, `${mode} (${faultModes[mode]!.description}) was missed on these seeds`).toEqual([]);
      // A break only under --strict is none without it.
      if (faultModes[mode]!.strictOnly) {
        const lenient = await runConformance({
          target: embeddedTarget(service(mode)),
          seed: 1,
          runs: RUNS,
          jobTimeoutMs: 200,
          checks: [...catchers.keys()],
        });
        expect(lenient.verdict, `${mode} without --strict`).toBe('conformant');
      }
    },
  );
}
