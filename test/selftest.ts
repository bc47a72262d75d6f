// The self-test's facts, shared by its shards (test/conformance-selftest*.test.ts, which vitest
// runs in parallel workers): the service each fault mode breaks, and how each is run. A mode is
// caught by reason, not by draw: the checks and cases the contract-coverage matrix names for the
// fact it breaks must find it on every one of SEEDS seeds at --runs RUNS, whatever else they draw.
import { expect, it } from 'vitest';
import { contractCoverage, type Asserter } from '../src/conformance/contractCoverage.js';
import { embeddedTarget, runConformance, type ConformanceReport } from '../src/conformance/index.js';
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

/** The checks and cases that assert the facts a mode breaks, in the matrix's order: a check named without cases runs them all. */
export function catchersOf(mode: FaultModeName): Asserter[] {
  return faultModes[mode]!.breaks.flatMap((fact) => rows.get(fact)?.checkedBy ?? []);
}

/**
 * The suite against the service broken in `mode`, run as each of its catchers in turn (one check,
 * its cases), until one finds the break: the report of the first that does, else of the last.
 */
export async function runCatchers(mode: FaultModeName, seed: number): Promise<ConformanceReport> {
  let report: ConformanceReport | undefined;
  for (const { check, cases } of catchersOf(mode)) {
    report = await runConformance({
      target: embeddedTarget(service(mode)),
      seed,
      runs: RUNS,
      strict: faultModes[mode]!.strictOnly ?? false,
      jobTimeoutMs: 200,
      checks: [check],
      ...(cases ? { caseFilter: (_: string, name: string) => cases.includes(name) } : {}),
    });
    if (report.verdict === 'not conformant') return report;
  }
  if (!report) throw new TypeError(`${mode} breaks ${faultModes[mode]!.breaks.join(', ')}, which no check asserts`);
  return report;
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
      expect(catchers.length, `${mode} breaks ${faultModes[mode]!.breaks.join(', ')}, which no check asserts`).toBeGreaterThan(0);
      const missed: number[] = [];
      for (const seed of SEEDS) {
        const report = await runCatchers(mode, seed);
        if (report.verdict !== 'not conformant') {
          missed.push(seed);
          continue;
        }
        // Found by a check, and a case of it, that asserts the fact, with a finding that replays.
        const [check] = report.checks.filter((c) => c.status === 'failed');
        const finding = check!.finding!;
        expect(
          catchers.some((c) => c.check === check!.name && (c.cases === undefined || c.cases.includes(finding.case ?? check!.name))),
          `${mode}: ${finding.message}`,
        ).toBe(true);
        expect(finding.replay).toContain(`--seed ${seed} --path ${finding.path}`);
        if (faultModes[mode]!.strictOnly) expect(finding.replay).toContain('--strict');
      }
      expect(missed, `${mode} (${faultModes[mode]!.description}) was missed on these seeds`).toEqual([]);
      // A break only under --strict is none without it.
      if (faultModes[mode]!.strictOnly) {
        const lenient = await runConformance({
          target: embeddedTarget(service(mode)),
          seed: 1,
          runs: RUNS,
          jobTimeoutMs: 200,
          checks: [...new Set(catchers.map((c) => c.check))],
        });
        expect(lenient.verdict, `${mode} without --strict`).toBe('conformant');
      }
    },
  );
}
