// The suite against an endpoint that behaves as AWS does towards one account (test/realistic-endpoint.ts:
// 5 starts a second, 20 running jobs, jobs of seconds, one readable video, now and then a
// ThrottlingException, and JobIds, error spellings and messages unlike the mock's), as a user runs
// it against AWS: --jobs-cost, --video, --max-jobs 2. Conformant with every check run and at most two
// jobs started, counted by the endpoint; each fault injected into that endpoint is caught, within
// the same two jobs. The conformant run's recording, replayed as the README says (record against
// AWS, replay against the mock in CI), shows no contract difference: the endpoint's other faces,
// its one readable video and its other choices are loaded or graded as what they are.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/cli.js';
import { embeddedTarget, readHar, replayHar, worldOf, type ReplayReport } from '../src/conformance/index.js';
import { FaceDetectionService } from '../src/msw.js';
import type { FaultModeName } from '../src/service/faultModes.js';
import { brokenAnswers } from './brokenAnswers.js';
import { startRealisticEndpoint, type RealisticEndpoint } from './realistic-endpoint.js';

const VIDEO = 's3://realistic-videos/meeting.mp4';
const MAX_JOBS = 2;
/** Runs of each check: at 5 starts a second, the runs' starts take most of a run's time, as against AWS. */
const RUNS = 10;
/** Every endpoint the tests started (each test its own: the fault modes' run side by side). */
const endpoints: RealisticEndpoint[] = [];
const dir = mkdtempSync(join(tmpdir(), 'fdc-realistic-'));
/** The conformant run's recording. */
const RECORDING = join(dir, 'realistic.har');
afterAll(async () => {
  await Promise.all(endpoints.map((e) => e.close()));
  rmSync(dir, { recursive: true, force: true });
});

async function conformance(options: Parameters<typeof startRealisticEndpoint>[0], flags: string[] = []) {
  const endpoint = await startRealisticEndpoint(options);
  endpoints.push(endpoint);
  let out = '';
  let err = '';
  const argv = [
    'conformance',
    '--endpoint',
    endpoint.url,
    '--jobs-cost',
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

/** `face-detection-contract replay` of the recording, in-process. */
async function replay(flags: string[] = []) {
  let out = '';
  let err = '';
  const code = await main(['replay', RECORDING, ...flags], {
    out: (t) => (out += t),
    err: (t) => (err += t),
    read: (file) => readFileSync(file, 'utf8'),
  });
  return { code, out, err };
}

describe('the suite against a realistic endpoint (--jobs-cost --video --max-jobs 2)', () => {
  it('is conformant, every check and case run, at most two jobs started as the endpoint counts them', async () => {
    // The same quota's shape, at 40 starts a second: the coverage phase sends some 700 starts, which
    // at 5 a second take over two minutes (the time a run against AWS spends on them, stated up front).
    const { code, report, err, endpoint } = await conformance({ startsPerSecond: 40 }, ['--record', RECORDING]);
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

describe('its recording, replayed', () => {
  /** The differences of one grade, as `aspect: recorded -> replayed`, each once. */
  const kinds = (report: ReplayReport, grade: string) =>
    new Set(
      report.differences.flatMap((e) =>
        e.differences.filter((d) => d.grade === grade).map((d) => `${d.aspect}: ${d.recorded} -> ${d.replayed}`),
      ),
    );

  it('against the embedded mock: the world loaded, no contract difference, exit 0; the choices listed', async () => {
    const har = readHar(readFileSync(RECORDING, 'utf8'));
    const world = worldOf(har);
    // One readable video, with the endpoint's own faces (37, not the mock's for that object); the rest refused.
    expect(world.readable.map((o) => [o.Bucket, o.Name])).toEqual([['realistic-videos', 'meeting.mp4']]);
    expect(world.refused.length).toBeGreaterThan(0);
    const faces = world.readable[0]!.info.faces ?? world.readable[0]!.info.allAttributeFaces;
    expect(faces?.length).toBeGreaterThanOrEqual(37);
    // The oracles a replay grades with find every recorded answer of this conformant endpoint within the contract.
    expect(brokenAnswers(har)).toEqual([]);
    const service = new FaceDetectionService({ jobDurationMs: 20, maxConcurrentJobs: Number.POSITIVE_INFINITY });
    const report = await replayHar(har, { service, target: embeddedTarget(service) });
    expect(
      report.graded.contract,
      JSON.stringify(report.differences.filter((e) => e.differences.some((d) => d.grade === 'contract')).slice(0, 3), null, 1),
    ).toBe(0);
    expect(report.passed).toBe(true);
    expect(report.graded.world).toBe(0);
    // The endpoint refuses a value of the wrong type with ValidationException, the mock with SerializationException.
    expect(kinds(report, 'choice')).toContain('error code: ValidationException -> SerializationException');
    // Every start on an object the recording shows refused was refused again: no more jobs than the recording.
    expect(report.jobs.recorded).toBeGreaterThan(0);
    expect(report.jobs.replayed).toBe(report.jobs.recorded);
    expect(service.jobs.length).toBe(report.jobs.recorded);

    const cli = await replay();
    expect(cli.code, cli.out).toBe(0);
    expect(cli.out).toContain('contract: no difference on what the contract fixes');
    expect(cli.out).toMatch(/^choice: \d+ differences where the contract allows both answers \(--strict fails on them\):$/m);
    expect(cli.out).toMatch(/^ {2}error code +ValidationException -> SerializationException: \d+ answers \(#\d+/m);
    expect(cli.out).toContain("the recording's world at the endpoint: 1 object readable");
  }, 120_000);

  it('with --strict, the choices fail it: exit 1, each listed', async () => {
    const cli = await replay(['--strict']);
    expect(cli.code, cli.out).toBe(1);
    expect(cli.out).toContain('contract: no difference on what the contract fixes');
    expect(cli.out).toMatch(/^choice: \d+ differences where the contract allows both answers \(--strict: each fails the replay\):$/m);
  }, 120_000);

  it('against a fresh instance of the endpoint it was recorded on: no difference at all', async () => {
    // Its quota raised and its throttling off: back-pressure, which a replay waits out (replay.test.ts)
    // and never compares; paced as the suite paces a throttling endpoint, the replay took 15 s more.
    const fresh = await startRealisticEndpoint({ startsPerSecond: 1000, throttleRate: 0 });
    endpoints.push(fresh);
    const cli = await replay(['--endpoint', fresh.url]);
    expect(cli.code, cli.out).toBe(0);
    expect(cli.out).toContain('no difference: every answer agrees with the recording');
    // No world to load there: a start is sent only while the replay has a job to spare for it, and it
    // started no more jobs than the recording.
    expect(fresh.jobsStarted).toBeLessThanOrEqual(MAX_JOBS);
  }, 180_000);
});
