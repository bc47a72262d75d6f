// The self-test's facts, shared by its shards (test/conformance-selftest*.test.ts, which vitest
// runs in parallel workers): the service each fault mode breaks, and how each is run. A mode is
// caught by reason, not by draw: each check that test/selftestCatches.mjs names for it must raise
// the finding named there (its rule, in its case), on every one of SEEDS seeds at --runs RUNS.
import { expect, it } from 'vitest';
import { contractCoverage, type Asserter } from '../src/conformance/contractCoverage.js';
import { embeddedTarget, runConformance, type ConformanceReport } from '../src/conformance/index.js';
import { FaceDetectionService, faultModes, type FaultModeName } from '../src/msw.js';
import { CONFORMANCE_VIDEO } from '../src/service/defaults.js';
import { CATCHES, type Catch } from './selftestCatches.mjs';

/** The seeds every fault mode must be caught on, all of them, at RUNS runs a check. */
// SELFTEST_SEEDS makes it fewer (the mutation run's short form, scripts/mutation.mjs); never more than a verdict needs.
export const SEEDS = Array.from({ length: Number(process.env.SELFTEST_SEEDS ?? 20) }, (_, i) => i + 1);
export const RUNS = 10;

/** The conformance video as the S3 registry keys it: a run where jobs cost starts its shared job there, and nowhere else exists. */
const VIDEO_KEY = `${CONFORMANCE_VIDEO.Bucket}/${CONFORMANCE_VIDEO.Name}`;

// Jobs finish in 10 ms; one that has not after 200 ms never will (job-never-finishes).
export const service = (faultMode?: FaultModeName, { jobsCost = false } = {}) => {
  const needs = faultMode ? faultModes[faultMode]!.needs : undefined;
  return new FaceDetectionService({
    maxConcurrentJobs: Number.POSITIVE_INFINITY,
    jobDurationMs: 10,
    faultMode,
    // Where jobs cost, the probe video must not exist: only the conformance video does.
    ...(needs || jobsCost ? { s3Objects: { ...(jobsCost ? { [VIDEO_KEY]: {} } : {}), ...needs?.s3Objects } } : {}),
  });
};

const rows = new Map(contractCoverage().map((row) => [row.fact.id, row]));

/** The checks and cases the matrix names for the facts a mode breaks, in its order: a check named without cases asserts them all. */
export function catchersOf(mode: FaultModeName): Asserter[] {
  return faultModes[mode]!.breaks.flatMap((fact) => rows.get(fact)?.checkedBy ?? []);
}

/** The run of one catch: its check alone (its case alone, where it names one) against the service broken in `mode`. */
export function runCatch(mode: FaultModeName, c: Catch, seed: number): Promise<ConformanceReport> {
  return runConformance({
    target: embeddedTarget(service(mode, { jobsCost: c.jobsCost === true })),
    seed,
    runs: RUNS,
    strict: faultModes[mode]!.strictOnly ?? false,
    jobTimeoutMs: 200,
    // A request answered "later" for 100 ms is compared with a valid one (later-selective), not after 3 s.
    selectiveLaterMs: 100,
    checks: [c.check],
    ...(c.case !== undefined ? { caseFilter: (_: string, name: string) => name === c.case } : {}),
    ...(c.jobsCost ? { jobsCost: true, video: CONFORMANCE_VIDEO } : {}),
  });
}

/** What a catch found on one seed: '' when it found what it names, else what it found instead. */
export function missOf(report: ConformanceReport, c: Catch, seed: number): string {
  const failed = report.checks.find((k) => k.status === 'failed');
  if (!failed) return `${report.verdict}${report.inconclusive[0] ? ` (${report.inconclusive[0].reason})` : ''}`;
  const f = failed.finding!;
  if (failed.name !== c.check || f.rule !== c.rule || (c.case !== undefined && f.case !== c.case))
    return `${failed.name}${f.case ? ` / ${f.case}` : ''}: ${f.rule ?? 'no rule'}: ${f.message}`;
  // A finding replays: its seed and path, and --strict where the break is one only under it.
  if (!f.replay.includes(`--seed ${seed} --path ${f.path}`)) return `a replay without its seed and path: ${f.replay}`;
  if (report.strict && !f.replay.includes('--strict')) return `a replay without --strict: ${f.replay}`;
  return '';
}

/** The self-test's shards: each runs every third fault mode, so the three run in parallel workers. */
export const SHARDS = 3;

/** Defines the test of each fault mode of shard `shard`: caught on every seed, by each check and finding it names. */
export function catchesFaultModesOfShard(shard: number): void {
  const modes = (Object.keys(faultModes) as FaultModeName[]).filter((_, i) => i % SHARDS === shard);
  it.each(modes)(
    `catches %s on ${SEEDS.length} of ${SEEDS.length} seeds at --runs ${RUNS}, by the check and finding it names`,
    async (mode) => {
      const catches = CATCHES[mode] ?? [];
      expect(catches?.length, `${mode} names no check and finding in test/selftestCatches.mjs`).toBeGreaterThan(0);
      const missed: string[] = [];
      for (const c of catches)
        for (const seed of SEEDS) {
          const miss = missOf(await runCatch(mode, c, seed), c, seed);
          if (miss) missed.push(`${c.check}${c.case ? ` / ${c.case}` : ''} (${c.rule}), seed ${seed}: ${miss}`);
        }
      expect(missed, `${mode} (${faultModes[mode]!.description}) was not caught as named`).toEqual([]);
      // A break only under --strict is none without it.
      if (faultModes[mode]!.strictOnly) {
        const lenient = await runConformance({
          target: embeddedTarget(service(mode)),
          seed: 1,
          runs: RUNS,
          jobTimeoutMs: 200,
          checks: [...new Set(catches.map((c) => c.check))],
        });
        expect(lenient.verdict, `${mode} without --strict`).toBe('conformant');
      }
    },
  );
}
