// The conformance suite under vitest, one test per check:
//   npx vitest run conformance                                   (the embedded mock)
//   CONFORMANCE_ENDPOINT=http://127.0.0.1:4566 npx vitest run conformance
// Optional: CONFORMANCE_REGION, CONFORMANCE_RUNS, CONFORMANCE_SEED, CONFORMANCE_STRICT=1,
// CONFORMANCE_VIDEO=s3://bucket/key, CONFORMANCE_MAX_JOBS, CONFORMANCE_RPS.
import { describe, expect, it } from 'vitest';
import { checks, prettyReport, runConformance } from '../src/conformance/index.js';
import { parseS3Url } from '../src/conformance/parseS3Url.js';

const env = process.env;
const number = (name: string) => (env[name] ? Number(env[name]) : undefined);
const seed = number('CONFORMANCE_SEED') ?? (Date.now() >>> 0);

describe(`conformance of ${env.CONFORMANCE_ENDPOINT ?? 'the embedded mock'} (seed ${seed})`, () => {
  it.each(checks.map((c) => [c.name, c.oracle]))('%s', async (name) => {
    const report = await runConformance({
      endpoint: env.CONFORMANCE_ENDPOINT,
      region: env.CONFORMANCE_REGION,
      runs: number('CONFORMANCE_RUNS'),
      seed,
      checks: [name],
      strict: env.CONFORMANCE_STRICT === '1',
      video: env.CONFORMANCE_VIDEO ? parseS3Url(env.CONFORMANCE_VIDEO) : undefined,
      maxJobs: number('CONFORMANCE_MAX_JOBS'),
      rps: number('CONFORMANCE_RPS'),
    });
    expect(report.checks[0]!.status, prettyReport(report)).not.toBe('failed');
  });
});
