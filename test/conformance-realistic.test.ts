// The suite against an endpoint that behaves as AWS does towards one account (test/realistic-endpoint.ts:
// 5 starts a second, 20 running jobs, jobs of seconds, one readable video, now and then a
// ThrottlingException, and JobIds, error spellings and messages unlike the mock's), as a user runs
// it against AWS: --safe, --video, --max-jobs 2. Conformant with every check run and at most two
// jobs started, counted by the endpoint; each fault injected into that endpoint is caught, within
// the same two jobs.
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/cli.js';
import type { FaultModeName } from '../src/service/faultModes.js';
import { startRealisticEndpoint, type RealisticEndpoint } from './realistic-endpoint.js';

const VIDEO = 's3://realistic-videos/meeting.mp4';
const MAX_JOBS = 2;
/** Runs of each check: at 5 starts a second, the runs' starts take most of a run's time, as against AWS. */
const RUNS = 10;
/** Every endpoint the tests started (each test its own: the fault modes' run side by side). */
const endpoints: RealisticEndpoint[] = [];
afterAll(() => Promise.all(endpoints.map((e) => e.close())));

async function conformance(options: Parameters<typeof startRealisticEndpoint>[0], flags: string[] = []) {
  const endpoint = await startRealisticEndpoint(options);
  endpoints.push(endpoint);
  let out = '';
  let err = '';
  const argv = [
    'conformance',
    '--endpoint',
    endpoint.url,
    '--safe',
    '--video',
    VIDEO,
    '--max-jobs',
    String(MAX_JOBS),
    '--seed',
    '20261130',
    '--runs',
    String(RUNS),
    '--reporter',
    'json',
    ...flags,
  ];
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t), read: () => '' });
  return { code, report: JSON.parse(out), err, endpoint };
}

describe('the suite against a realistic endpoint (--safe --video --max-jobs 2)', () => {
  it('is conformant, every check and case run, at most two jobs started as the endpoint counts them', async () => {
    // The same quota's shape, at 40 starts a second: the coverage phase sends some 700 starts, which
    // at 5 a second take over two minutes (the time a run against AWS spends on them, stated up front).
    const { code, report, err, endpoint } = await conformance({ startsPerSecond: 40 });
    const summary = report.checks.map((c: { name: string; status: string; cases: { name: string; status: string; reason?: string }[] }) => [
      c.name,
      c.status,
      c.cases.filter((k) => k.status !== 'passed').map((k) => `${k.name}: ${k.reason}`),
    ]);
    expect(summary).toEqual(report.checks.map((c: { name: string }) => [c.name, 'passed', []]));
    expect(code, err).toBe(0);
    expect(report.verdict).toBe('conformant');
    expect(endpoint.jobsStarted).toBeLessThanOrEqual(MAX_JOBS);
    expect(report.jobsStarted).toBe(endpoint.jobsStarted);
    expect(err).toContain(`jobs cost here: the run starts at most ${MAX_JOBS} jobs (--max-jobs), on ${VIDEO}`);
    // The quotas were met and waited out, never reported.
    const answered = new Set(endpoint.answers.map((a) => a.error));
    expect(answered.has('ThrottlingException') || answered.has('ProvisionedThroughputExceededException')).toBe(true);
  }, 180_000);

  // Each on an endpoint of its own, side by side: their time is the endpoint's quota and jobs, not CPU.
  it.concurrent.each<[FaultModeName, string, string[]]>([
    ['token-maxLength-plus-one', 'negative-rejection', []],
    ['idempotency-ignored', 'idempotency', []],
    ['mismatch-not-detected', 'idempotency', []],
    ['faces-out-of-order', 'lifecycle', []],
    ['jobStatus-lowercase', 'response-contract', []],
    ['wrong-status-for-modelled-error', 'unknown-job', []],
    ['missing-request-id', 'positive-acceptance', []],
    ['null-members-refused', 'protocol', ['--strict']],
    ['jobTag-not-echoed', 'response-contract', []],
    ['throttling-as-400', 'unknown-job', []],
  ])(
    'catches %s (%s) within the budget',
    async (faultMode, catcher, flags) => {
      // The check that catches it, alone: the whole suite at 5 starts a second is the test above.
      const { code, report, endpoint } = await conformance({ faultMode }, ['--checks', catcher, ...flags]);
      expect(code).toBe(1);
      expect(report.verdict).toBe('not conformant');
      expect(report.checks.map((c: { name: string; status: string }) => [c.name, c.status])).toEqual([[catcher, 'failed']]);
      expect(endpoint.jobsStarted).toBeLessThanOrEqual(MAX_JOBS);
    },
    60_000,
  );
});
