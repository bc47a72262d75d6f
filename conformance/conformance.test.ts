// The conformance suite under vitest, one test per check:
//   npx vitest run --project conformance                          (the embedded mock)
//   CONFORMANCE_ENDPOINT=http://127.0.0.1:4566 npx vitest run --project conformance
// Optional: CONFORMANCE_REGION, CONFORMANCE_RUNS, CONFORMANCE_SEED, CONFORMANCE_STRICT=1,
// CONFORMANCE_JOBS_COST=1, CONFORMANCE_VIDEO=s3://bucket/key, CONFORMANCE_MAX_JOBS, CONFORMANCE_RPS,
// CONFORMANCE_ACCEPT_SKIPS=pagination;idempotency/another token (the --accept-skip names, ';' between).
// A check that could not judge a case fails as inconclusive, saying why and what would let it
// judge, unless its skips are accepted: then it is marked skipped, with its reason. The checks share one
// run (its seed, its job budget and its shared job), as the command's checks do; the facts the run
// did not check are annotations of a test of their own.
import { beforeAll, describe, expect, it } from 'vitest';
import { CHECK_NAMES } from '../src/conformance/checkNames.js';
import { contractFacts, prettyReport, runConformance, type ConformanceReport } from '../src/conformance/index.js';
import { parseS3Url } from '../src/conformance/parseS3Url.js';

const env = process.env;
const number = (name: string) => (env[name] ? Number(env[name]) : undefined);
const seed = number('CONFORMANCE_SEED') ?? Date.now() >>> 0;
let report: ConformanceReport;

describe(`conformance of ${env.CONFORMANCE_ENDPOINT ?? 'the embedded mock'} (seed ${seed})`, () => {
  beforeAll(async () => {
    // A setting that no longer says anything must not be ignored in silence: the run would not be the one asked for.
    if (env.CONFORMANCE_SAFE !== undefined) throw new Error('CONFORMANCE_SAFE is now CONFORMANCE_JOBS_COST');
    report = await runConformance({
      endpoint: env.CONFORMANCE_ENDPOINT,
      region: env.CONFORMANCE_REGION,
      runs: number('CONFORMANCE_RUNS'),
      seed,
      strict: env.CONFORMANCE_STRICT === '1',
      jobsCost: env.CONFORMANCE_JOBS_COST === '1',
      video: env.CONFORMANCE_VIDEO ? parseS3Url(env.CONFORMANCE_VIDEO) : undefined,
      maxJobs: number('CONFORMANCE_MAX_JOBS'),
      rps: number('CONFORMANCE_RPS'),
      acceptSkips: env.CONFORMANCE_ACCEPT_SKIPS?.split(';').filter(Boolean),
    });
  }, 60 * 60_000);

  for (const name of CHECK_NAMES) {
    it(name, (context) => {
      const check = report.checks.find((c) => c.name === name)!;
      if (check.status === 'skipped') context.skip(check.reason);
      const unjudged = report.inconclusive.filter((u) => u.check === name);
      const why = unjudged.map(
        (u) =>
          `inconclusive: ${u.case ? `${u.case}: ` : ''}${u.reason}${u.remedy ? `; to judge it: ${u.remedy}` : ''}; to accept the skip: CONFORMANCE_ACCEPT_SKIPS=${JSON.stringify(u.accept)}`,
      );
      expect(check.status, [...why, prettyReport({ ...report, checks: [check], inconclusive: unjudged })].join('\n')).toBe('passed');
    });
  }

  // What the run did not check, and why: an annotation each (docs/contract-coverage.md has every fact).
  it('lists the facts of the contract this run did not check', async (context) => {
    // Every skip accepted and nothing judged: each check above is skipped, and the run has no verdict.
    expect(report.verdict === 'inconclusive' && report.inconclusive.length === 0, 'no check judged anything').toBe(false);
    const facts = new Set(contractFacts().map((f) => f.id));
    for (const { fact, why } of report.factsNotChecked) {
      expect(facts, 'a fact of the contract').toContain(fact);
      await context.annotate(`${fact}: ${why}`, 'not checked');
    }
  });
});
