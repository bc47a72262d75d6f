// Quotas are the endpoint saying "later", never findings: the suite waits for its own jobs when a
// start answers LimitExceededException, backs off from throttling, and keeps going, on a local
// endpoint and with --jobs-cost alike. Only a limit that no running job explains, on a local endpoint
// the run has to itself, is a finding.
import { afterAll, describe, expect, it } from 'vitest';
import { runConformance } from '../src/conformance/index.js';
import { startEmulator, type Emulator } from '../src/emulator.js';
import { FaceDetectionService, type FaceDetectionServiceOptions } from '../src/msw.js';

const emulators: Emulator[] = [];
afterAll(() => Promise.all(emulators.map((e) => e.close())));

async function emulator(options: FaceDetectionServiceOptions): Promise<Emulator> {
  const e = await startEmulator({ port: 0, service: options });
  emulators.push(e);
  return e;
}

/** What a run where jobs cost is given: the one readable video and a budget of two jobs. */
const ON_A_BUDGET = { jobsCost: true, video: { Bucket: 'my-videos', Name: 'v.mp4' }, maxJobs: 2, runs: 5 } as const;

const count = (e: Emulator, error: string) => e.service.calls.filter((c) => c.error === error).length;

describe('back-pressure', () => {
  it('waits for its own jobs at the job limit: a local endpoint with 3 jobs of 100 ms is conformant', async () => {
    const e = await emulator({ maxConcurrentJobs: 3, jobDurationMs: 100 });
    const report = await runConformance({ endpoint: e.url, runs: 20, seed: 4 });
    expect(report.checks.map((c) => [c.name, c.status, c.finding?.message])).toEqual(
      report.checks.map((c) => [c.name, 'passed', undefined]),
    );
    expect(count(e, 'LimitExceededException')).toBeGreaterThan(0);
    // Never more jobs running than the endpoint allows: it refused every start past its limit.
    expect(
      Math.max(
        ...e.service.jobs.map(
          (job) => e.service.jobs.filter((o) => o.startedAt <= job.startedAt && (o.finishedAt ?? Infinity) > job.startedAt).length,
        ),
      ),
    ).toBeLessThanOrEqual(3);
  }, 120_000);

  it('backs off from throttling: an endpoint that takes 150 calls a second is conformant', async () => {
    const e = await emulator({ maxConcurrentJobs: Number.POSITIVE_INFINITY, jobDurationMs: 20 });
    // Well below what the run would send unthrottled (thousands a second): throttled throughout.
    e.service.throttle(150);
    const report = await runConformance({ endpoint: e.url, runs: 10, seed: 5 });
    expect(report.verdict).toBe('conformant');
    expect(count(e, 'ThrottlingException')).toBeGreaterThan(0);
  }, 120_000);

  it('with --jobs-cost, waits out a LimitExceededException that none of its jobs explains (another user may run them)', async () => {
    const e = await emulator({ s3Objects: { 'my-videos/v.mp4': {} }, jobDurationMs: 50 });
    e.service.failNext(3, 'LimitExceededException', { operation: 'StartFaceDetection' });
    const report = await runConformance({ endpoint: e.url, ...ON_A_BUDGET, seed: 6 });
    expect(report.verdict).toBe('conformant');
    expect(count(e, 'LimitExceededException')).toBe(3);
    expect(e.service.jobs.length).toBeLessThanOrEqual(2);
  }, 120_000);

  it('on a local endpoint it has to itself, reports a limit with none of its jobs running', async () => {
    const e = await emulator({ maxConcurrentJobs: 5, jobDurationMs: 10, faultMode: 'limit-counts-finished-jobs' });
    // A limit no job explains, a job timeout (jobTimeoutMs here) after the run began: a finding.
    const report = await runConformance({ endpoint: e.url, runs: 20, seed: 7, checks: ['positive-acceptance'], jobTimeoutMs: 1000 });
    expect(report.verdict).toBe('not conformant');
    expect(report.checks[0]!.finding?.message).toMatch(
      /LimitExceededException while none of the \d+ jobs this run started was running, \d+ s into the run: longer than the job timeout \(1 s\)/,
    );
  }, 60_000);

  it('takes a limit that jobs of another client explain for back-pressure: a second run right after a first one passes', async () => {
    const e = await emulator({ maxConcurrentJobs: 4, jobDurationMs: 300 });
    const first = await runConformance({ endpoint: e.url, runs: 10, seed: 8, checks: ['positive-acceptance'] });
    // Jobs of the first run still fill the limit when the second starts: the second waits for them.
    const second = await runConformance({ endpoint: e.url, runs: 10, seed: 9, checks: ['positive-acceptance'] });
    expect([first.verdict, second.verdict]).toEqual(['conformant', 'conformant']);
    expect(count(e, 'LimitExceededException')).toBeGreaterThan(0);
  }, 60_000);

  it('a dropped connection is no finding: a GetFaceDetection is sent again; a start that got no answer ends the run as unreachable', async () => {
    const { embeddedTarget, UnreachableEndpointError } = await import('../src/conformance/index.js');
    const flaky = (drop: (operation: string | undefined, n: number) => boolean) => {
      const target = embeddedTarget(new FaceDetectionService({ maxConcurrentJobs: Number.POSITIVE_INFINITY, jobDurationMs: 20 }));
      const sent = new Map<string | undefined, number>();
      return {
        ...target,
        async send(request: Parameters<typeof target.send>[0]) {
          const operation = request.operation ?? request.target ?? undefined;
          sent.set(operation, (sent.get(operation) ?? 0) + 1);
          if (drop(operation, sent.get(operation)!)) throw new TypeError('fetch failed', { cause: { code: 'UND_ERR_SOCKET' } });
          return target.send(request);
        },
      };
    };
    const gets = await runConformance({
      target: flaky((operation, n) => operation === 'GetFaceDetection' && n % 7 === 3),
      runs: 10,
      seed: 10,
      checks: ['unknown-job', 'lifecycle'],
    });
    expect(gets.verdict).toBe('conformant');
    const starts = runConformance({
      target: flaky((operation, n) => operation === 'StartFaceDetection' && n === 3),
      runs: 10,
      seed: 10,
      checks: ['positive-acceptance'],
    });
    await expect(starts).rejects.toBeInstanceOf(UnreachableEndpointError);
  });

  it('a job the run has just started may be unknown for a moment (eventual consistency): waited out, not reported', async () => {
    const { embeddedTarget } = await import('../src/conformance/index.js');
    const service = new FaceDetectionService({ maxConcurrentJobs: Number.POSITIVE_INFINITY, jobDurationMs: 20 });
    const inner = embeddedTarget(service);
    const target = {
      ...inner,
      async send(request: Parameters<typeof inner.send>[0]) {
        const exchange = await inner.send(request);
        const JobId = request.operation === 'GetFaceDetection' ? (JSON.parse(request.body) as { JobId?: string }).JobId : undefined;
        const job = JobId === undefined ? undefined : service.job(JobId);
        if (!job || Date.now() - job.startedAt > 300) return exchange;
        const body = JSON.stringify({
          __type: 'ResourceNotFoundException',
          Code: 'ResourceNotFoundException',
          Logref: 'x',
          Message: 'not yet',
        });
        return { ...exchange, response: { ...exchange.response, status: 400, body } };
      },
    };
    const report = await runConformance({ target, runs: 10, seed: 11, checks: ['response-contract', 'lifecycle', 'pagination'] });
    expect(report.checks.map((c) => [c.name, c.status, c.finding?.message])).toEqual(
      report.checks.map((c) => [c.name, 'passed', undefined]),
    );
  }, 60_000);

  it("where jobs cost, a job still running at the timeout is inconclusive, not judged (how long a job runs is the endpoint's choice)", async () => {
    const e = await emulator({ s3Objects: { 'my-videos/v.mp4': {} }, faultMode: 'job-never-finishes' });
    const report = await runConformance({
      endpoint: e.url,
      ...ON_A_BUDGET,
      seed: 12,
      jobTimeoutMs: 300,
      checks: ['lifecycle', 'pagination'],
    });
    expect(report.checks.map((c) => [c.name, c.status])).toEqual([
      ['lifecycle', 'inconclusive'],
      ['pagination', 'inconclusive'],
    ]);
    expect(report.verdict).toBe('inconclusive');
    expect(report.checks[0]!.reason).toMatch(/still IN_PROGRESS after \d+ polls?$/);
    expect(report.inconclusive[0]!.remedy).toBe('a longer --job-timeout');
    expect(e.service.jobs).toHaveLength(1);
  }, 60_000);

  it('counts a 200 to a start that names no JobId as a job: the budget holds against an endpoint that answers another shape', async () => {
    const { JobLedger } = await import('../src/conformance/jobLedger.js');
    const ledger = new JobLedger(2);
    const answer = (body: string) => ({
      request: { method: 'POST', url: 'u', headers: {}, body: '{}' },
      response: { status: 200, headers: {}, body },
    });
    ledger.noteStart(answer('{"jobId":"a"}'));
    ledger.noteStart(answer('{"JobId":"b"}'));
    ledger.noteStart(answer('{"JobId":"b"}')); // an idempotent repeat starts nothing
    expect(ledger.started).toBe(2);
    expect(() => ledger.claim()).toThrow(/job budget is spent: 2 of --max-jobs 2/);
  });
});
