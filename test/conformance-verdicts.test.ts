// Three verdicts, none vacuous: conformant only when every selected check judged every case;
// inconclusive (exit 3) when one could not, naming it, why, and what would let it judge; a skip
// accepted by name leaves the verdict as it is. Against endpoints that cannot be judged in full:
// every job FAILED, no faces, "later" answers for every invalid request.
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/cli.js';
import {
  embeddedTarget,
  prettyReport,
  junitReport,
  runConformance,
  VERDICT_EXIT_CODES,
  type ConformanceOptions,
  type Target,
} from '../src/conformance/index.js';
import { FaceDetectionService, faultModes } from '../src/msw.js';
import { CONFORMANCE_VIDEO } from '../src/service/defaults.js';
import type { S3ObjectInfo } from '../src/service/S3Registry.js';

const VIDEO_KEY = `${CONFORMANCE_VIDEO.Bucket}/${CONFORMANCE_VIDEO.Name}`;

/** The embedded mock with one video, the run's (--video): jobs on it end as `video` says. */
const onVideo = (video: S3ObjectInfo, options: ConformanceOptions = {}) =>
  runConformance({
    target: embeddedTarget(new FaceDetectionService({ jobDurationMs: 10, s3Objects: { [VIDEO_KEY]: video } })),
    video: CONFORMANCE_VIDEO,
    seed: 1,
    runs: 5,
    jobTimeoutMs: 500,
    ...options,
  });

async function cli(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t), read: () => '' });
  return { code, out, err };
}

describe('verdicts', () => {
  it('gives every verdict its own exit status', () => {
    expect(VERDICT_EXIT_CODES).toEqual({ conformant: 0, 'not conformant': 1, inconclusive: 3, interrupted: 130 });
  });

  it('every job ends FAILED with a StatusMessage: inconclusive, lifecycle and pagination naming a video whose jobs succeed', async () => {
    const report = await onVideo({ failure: 'Unsupported codec/format.' }, { checks: ['lifecycle', 'pagination', 'unknown-job'] });
    expect(report.verdict).toBe('inconclusive');
    expect(report.conformant).toBe(false);
    expect(report.checks.map((c) => [c.name, c.status])).toEqual([
      ['unknown-job', 'passed'],
      ['lifecycle', 'inconclusive'],
      ['pagination', 'inconclusive'],
    ]);
    const [lifecycle, pagination] = report.inconclusive;
    expect(lifecycle).toMatchObject({ check: 'lifecycle', accept: 'lifecycle', remedy: expect.stringContaining('jobs succeed') });
    expect(lifecycle!.reason).toMatch(/every job ended FAILED/);
    expect(pagination).toMatchObject({ check: 'pagination', accept: 'pagination', remedy: expect.stringContaining('two faces') });
    expect(pagination!.reason).toMatch(/ended FAILED \(Unsupported codec\/format\.\): nothing to page/);
    const pretty = prettyReport(report);
    expect(pretty).toMatch(/INCONCLUSIVE\. 1 passed, 0 failed, 2 inconclusive, 0 skipped/);
    expect(pretty).toContain('to judge it: a video (--video)');
    expect(pretty).toContain("to accept the skip: --accept-skip 'pagination'");
    const junit = junitReport(report);
    expect(junit).toContain('type="Inconclusive"');
    expect(junit).toContain('<property name="verdict" value="inconclusive"/>');
  });

  it('every job succeeds without a face: pagination inconclusive; accepting its skip by name makes the run conformant', async () => {
    const checks = ['lifecycle', 'pagination'];
    const report = await onVideo({ faces: [] }, { checks });
    expect(report.verdict).toBe('inconclusive');
    expect(report.inconclusive.map((u) => [u.check, u.reason])).toEqual([
      ['pagination', expect.stringMatching(/found 0 faces: nothing to page/)],
    ]);
    const accepted = await onVideo({ faces: [] }, { checks, acceptSkips: ['pagination'] });
    expect(accepted.verdict).toBe('conformant');
    expect(accepted.checks.find((c) => c.name === 'pagination')).toMatchObject({ status: 'skipped' });
    expect(accepted.checks.find((c) => c.name === 'pagination')!.cases[0]).toMatchObject({ status: 'skipped', accepted: true });
    // Everything accepted, nothing judged: no verdict of conformance.
    const nothing = await onVideo({ faces: [] }, { checks: ['pagination'], acceptSkips: ['pagination'] });
    expect(nothing.verdict).toBe('inconclusive');
  });

  it('accepts one case of a check by check/case, and refuses a name that is no check', async () => {
    // Without --video where jobs cost, idempotency's cases cannot judge; accepting all of them by name, and nothing else skipped.
    const names = ['same token, same parameters', 'same token, other parameters', 'another token'];
    const options: ConformanceOptions = { jobsCost: true, checks: ['unknown-job', 'idempotency'], seed: 2, runs: 3 };
    const report = await runConformance({ ...options, acceptSkips: names.slice(1).map((n) => `idempotency/${n}`) });
    expect(report.inconclusive.map((u) => u.accept)).toEqual(['idempotency/same token, same parameters']);
    expect(report.inconclusive[0]!.remedy).toMatch(/^--video s3:\/\/bucket\/key/);
    expect((await runConformance({ ...options, acceptSkips: names.map((n) => `idempotency/${n}`) })).verdict).toBe('conformant');
    await expect(runConformance({ ...options, acceptSkips: ['idempotence'] })).rejects.toThrow(/--accept-skip idempotence names no check/);
  });

  it('a case that judged some runs and then could not is inconclusive, not passed', async () => {
    // An endpoint that answers 503 to everything after its first few answers.
    const inner = embeddedTarget(new FaceDetectionService());
    let answered = 0;
    const target: Target = {
      ...inner,
      send: async (request) => {
        const exchange = await inner.send(request);
        return ++answered <= 4 ? exchange : { ...exchange, response: { ...exchange.response, status: 503, body: '' } };
      },
    };
    const report = await runConformance({ target, checks: ['unknown-job'], seed: 3, runs: 5, jobTimeoutMs: 300, selectiveLaterMs: 50 });
    expect(report.verdict).toBe('inconclusive');
    const [only] = report.checks[0]!.cases;
    expect(only).toMatchObject({ status: 'skipped', runs: 3 });
    expect(only!.reason).toMatch(/^after 3 judged runs: the endpoint kept answering 503 \("later"\) to valid GetFaceDetection requests/);
  });

  describe('"later" answers by their pattern (every invalid request answered 503, valid ones at once)', () => {
    const broken = () => embeddedTarget(new FaceDetectionService({ faultMode: 'later-for-invalid' }));

    it('on an endpoint the run has to itself: a finding, later-selective, within the stated bound', async () => {
      const started = Date.now();
      const report = await runConformance({ target: broken(), checks: ['negative-rejection'], seed: 4, runs: 5, selectiveLaterMs: 200 });
      expect(report.verdict).toBe('not conformant');
      expect(report.plan.selectiveLaterMs).toBe(200);
      const { finding } = report.checks[0]!;
      expect(finding).toMatchObject({ rule: 'later-selective', phase: 'coverage' });
      expect(finding!.message).toMatch(
        /answered 503 ServiceUnavailable \("later"\) \d+ times over [\d.]+ s, while a valid StartFaceDetection, sent \d+ times in between, was answered at once \(200\)/,
      );
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(faultModes['later-for-invalid'].description).toMatch(/503/);
    });

    it('a rate limit on every request is back-pressure, never later-selective: a burst of valid requests is throttled too', async () => {
      const service = new FaceDetectionService();
      service.throttle(4);
      const cases = ['StartFaceDetection ClientRequestToken: maxLength+1', 'GetFaceDetection JobId: maxLength+1'];
      const report = await runConformance({
        target: embeddedTarget(service),
        checks: ['negative-rejection'],
        caseFilter: (_, name) => cases.includes(name),
        seed: 6,
        runs: 3,
        selectiveLaterMs: 100,
      });
      expect(report.errorsAnswered.ThrottlingException).toBeGreaterThan(5);
      expect(report.checks[0]!.finding).toBeUndefined();
      expect(report.verdict).toBe('conformant');
    });

    it('where jobs cost (--jobs-cost): inconclusive, a kind of request waited out once while it stays "later", not every request', async () => {
      const report = await runConformance({
        target: broken(),
        jobsCost: true,
        checks: ['negative-rejection'],
        seed: 5,
        runs: 3,
        jobTimeoutMs: 300,
      });
      expect(report.verdict).toBe('inconclusive');
      expect(report.checks.map((c) => [c.name, c.status])).toEqual([['negative-rejection', 'inconclusive']]);
      // Every broken constraint is answered 503; a value that cannot be read is still refused at once.
      const cases = report.checks[0]!.cases;
      const skipped = cases.filter((c) => c.status === 'skipped');
      expect(skipped.length).toBeGreaterThan(40);
      expect(cases.filter((c) => c.status === 'passed').map((c) => c.name)).toContain('StartFaceDetection JobTag: wrong JSON type');
      // A whole wait for a kind (invalid starts, invalid gets), then one try each until one of the
      // kind is answered at once again (a value that cannot be read): far fewer waits than cases.
      const waited = skipped.filter((c) => /kept answering/.test(c.reason ?? ''));
      const tried = skipped.filter((c) => /still answers/.test(c.reason ?? ''));
      expect(waited.length + tried.length).toBe(skipped.length);
      expect(waited.length).toBeLessThan(skipped.length / 3);
      // Each tried once, not waited out: the run is bounded by one wait a kind, not one a request.
      expect(tried.every((c) => c.requests === 1)).toBe(true);
      expect(report.inconclusive[0]!.remedy).toMatch(/longer --job-timeout/);
    });
  });

  describe('the command line', () => {
    it('exits 3 and says what would let each check judge, and 0 when the skips are accepted by name', async () => {
      const inconclusive = await cli(['conformance', '--jobs-cost', '--checks', 'unknown-job,lifecycle', '--seed', '1', '--runs', '3']);
      expect(inconclusive.code, inconclusive.out + inconclusive.err).toBe(3);
      expect(inconclusive.out).toMatch(/INCONCLUSIVE\. 1 passed, 0 failed, 1 inconclusive, 0 skipped/);
      expect(inconclusive.out).toContain('to judge it: --video s3://bucket/key');
      expect(inconclusive.out).toContain("to accept the skip: --accept-skip 'lifecycle'");
      const accepted = await cli([
        'conformance',
        '--jobs-cost',
        '--checks',
        'unknown-job,lifecycle',
        '--seed',
        '1',
        '--runs',
        '3',
        '--accept-skip',
        'lifecycle',
        '--verbose',
      ]);
      expect(accepted.code, accepted.out + accepted.err).toBe(0);
      expect(accepted.out).toMatch(/conformant\. 1 passed, 0 failed, 0 inconclusive, 1 skipped/);
      expect(accepted.out).toContain('skipped (accepted)');
    });

    it('refuses an --accept-skip that names no check: exit 2, before anything is sent', async () => {
      const { code, err } = await cli(['conformance', '--accept-skip', 'paging']);
      expect(code).toBe(2);
      expect(err).toMatch(/--accept-skip paging names no check/);
    });
  });
});
