// `face-detection-contract conformance` end to end: against the embedded mock, against the
// emulator over real HTTP (healthy, broken, with SigV4 on), reporters, exit codes, and no secret
// in any output.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/cli.js';
import { expectUsageError } from './cli-usage.js';
import { startEmulator, type Emulator } from '../src/emulator.js';
import type { CheckResult, ConformanceReport } from '../src/conformance/index.js';
import { FaceDetectionService } from '../src/msw.js';

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t), read: () => '' });
  return { code, out, err };
}

const SECRET = 'conformance-test-secret-do-not-print';
/** Jobs that finish in 20 ms: the checks that wait for jobs need not wait long. */
const JOBS = { jobDurationMs: 20 };
let dir: string;
const emulators: Emulator[] = [];
const emulator = async (service: FaceDetectionService, auth = false) => {
  const e = await startEmulator({
    port: 0,
    service,
    ...(auth ? { auth: { credentials: [{ accessKeyId: 'AKIDCLI', secretAccessKey: SECRET }] } } : {}),
  });
  emulators.push(e);
  return e;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fdc-conformance-'));
});
afterAll(async () => {
  await Promise.all(emulators.map((e) => e.close()));
  rmSync(dir, { recursive: true, force: true });
});

/** Puts process.env back as `saved` had it, in place: the object itself stays the one Node gave. */
function restoreEnv(saved: NodeJS.ProcessEnv): void {
  for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
  Object.assign(process.env, saved);
}

describe('face-detection-contract conformance', () => {
  it('passes the embedded mock: exit 0, a line per check, the seed', async () => {
    const { code, out } = await run(['conformance', '--runs', '20', '--seed', '7']);
    expect(code).toBe(0);
    for (const check of [
      'positive-acceptance',
      'negative-rejection',
      'response-contract',
      'error-contract',
      'idempotency',
      'protocol',
      'sdk-compatibility',
      'unknown-job',
      'lifecycle',
      'pagination',
    ]) {
      expect(out).toMatch(new RegExp(`\\] ${check} \\.\\.\\. passed \\(\\d+ runs`));
    }
    expect(out).toMatch(/embedded mock: conformant\. 10 passed, 0 failed, 0 inconclusive, 0 skipped; \d+ requests in [\d.]+ s; seed 7/);
  });

  it('passes the emulator over HTTP with SigV4 on, signing with credentials from the environment', async () => {
    const e = await emulator(new FaceDetectionService({ ...JOBS, maxConcurrentJobs: Number.POSITIVE_INFINITY }), true);
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIDCLI', AWS_SECRET_ACCESS_KEY: SECRET });
    try {
      const { code, out, err } = await run(['conformance', '--endpoint', e.url, '--runs', '10', '--seed', '3']);
      expect(code, out + err).toBe(0);
      expect(out + err).not.toContain(SECRET);
      expect(e.service.jobs.length).toBeGreaterThan(0); // loopback: the job-starting checks ran
    } finally {
      restoreEnv(saved);
    }
  });

  it('finds a broken emulator: exit 1, the finding with its replay and a curl command without secrets, JUnit for CI', async () => {
    const e = await emulator(
      new FaceDetectionService({ ...JOBS, maxConcurrentJobs: Number.POSITIVE_INFINITY, faultMode: 'token-pattern-unanchored-end' }),
      true,
    );
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIDCLI', AWS_SECRET_ACCESS_KEY: SECRET });
    const junit = join(dir, 'report.xml');
    try {
      const pretty = await run(['conformance', '--endpoint', e.url, '--runs', '20', '--seed', '11', '--checks', 'negative-rejection']);
      expect(pretty.code).toBe(1);
      expect(pretty.out).toMatch(
        /✗ negative-rejection: StartFaceDetection ClientRequestToken: forbidden character at the (middle|end): expected 400 with ValidationException or InvalidParameterException, got 200/,
      );
      expect(pretty.out).toMatch(
        /replay: face-detection-contract conformance --checks negative-rejection --case 'StartFaceDetection ClientRequestToken: forbidden character at the (middle|end)' --seed 11 --path \S+ --endpoint /,
      );
      expect(pretty.out).toContain(`curl -sS -i -X POST '${new URL(e.url).href}'`);
      expect(pretty.out).toContain(`--aws-sigv4 'aws:amz:us-east-1:rekognition' --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"`);
      expect(pretty.out + pretty.err).not.toContain(SECRET);
      expect(pretty.out).not.toMatch(/Signature=[0-9a-f]{64}/);

      const replay = /replay: face-detection-contract conformance (.*)/.exec(pretty.out)![1]!;
      const args = replay.match(/'[^']*'|\S+/g)!.map((a) => a.replace(/^'|'$/g, ''));
      const again = await run(['conformance', ...args]);
      expect(again.code, 'the replay finds the same violation').toBe(1);
      expect(again.out).toMatch(/ClientRequestToken: forbidden character at the (middle|end)/);

      const ci = await run(['conformance', '--endpoint', e.url, '--runs', '20', '--seed', '11', '--reporter', 'junit', '--output', junit]);
      expect(ci.code).toBe(1);
      const xml = readFileSync(junit, 'utf8');
      expect(xml).toMatch(
        /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="rekognition-face-detection-contract conformance" tests="10" failures="(10|[1-9])"/,
      );
      expect(xml).toMatch(
        /<testcase classname="conformance" name="negative-rejection" time="[\d.]+">\n {6}<failure message="StartFaceDetection ClientRequestToken: forbidden character at the (middle|end)/,
      );
      expect(xml).not.toContain(SECRET);
    } finally {
      restoreEnv(saved);
    }
  });

  it('writes JSON with every check and the seed', async () => {
    const file = join(dir, 'report.json');
    const { code } = await run([
      'conformance',
      '--runs',
      '5',
      '--seed',
      '5',
      '--reporter',
      'json',
      '--output',
      file,
      '--checks',
      'protocol,error-contract',
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(file, 'utf8'));
    expect(report).toMatchObject({ target: 'embedded mock', seed: 5, runs: 5, conformant: true });
    expect(report.checks.map((c: { name: string }) => c.name)).toEqual(['error-contract', 'protocol']);
  });

  it('is inconclusive about job-starting checks against a remote endpoint without --video, naming --video', async () => {
    const { runConformance, httpTarget } = await import('../src/conformance/index.js');
    // One readable video: a start on any other object answers InvalidS3ObjectException.
    const e = await emulator(new FaceDetectionService({ ...JOBS, s3Objects: { 'my-videos/v.mp4': {} } }));
    // A non-loopback name for the same emulator: the target believes it is remote.
    const target = { ...httpTarget({ endpoint: e.url }), jobsCost: true, name: 'remote' };
    const report = await runConformance({ target, runs: 5, seed: 1 });
    const skipped = report.checks.filter((c) => c.cases.every((k) => k.status === 'skipped'));
    // Every case of these needs the shared job, which needs --video.
    expect(skipped.map((c) => c.name).sort()).toEqual(['idempotency', 'lifecycle', 'pagination', 'response-contract']);
    for (const check of skipped) {
      expect(check.status, check.name).toBe('inconclusive');
      expect(check.reason, check.name).toMatch(/it needs a job/);
      expect(check.cases.length, check.name).toBeGreaterThan(0);
      expect(
        check.cases.every((c) => c.status === 'skipped' && c.runs === 0 && /--video/.test(c.remedy ?? '')),
        check.name,
      ).toBe(true);
    }
    const byName = new Map(report.checks.map((c) => [c.name, c]));
    const sdk = byName.get('sdk-compatibility')!;
    expect(sdk.status).toBe('inconclusive');
    expect(sdk.cases.find((c) => c.name === 'valid StartFaceDetection')).toMatchObject({
      status: 'skipped',
      runs: 0,
      remedy: expect.stringMatching(/^--video/),
    });
    expect(sdk.cases.filter((c) => c.status === 'passed').length).toBe(3);
    expect(byName.get('positive-acceptance')!.status).toBe('passed');
    expect(report.checks.some((c) => c.status === 'failed')).toBe(false);
    expect(report).toMatchObject({ jobsCost: true, jobsStarted: 0, verdict: 'inconclusive', conformant: false });
    expect(report.inconclusive.map((u) => u.accept)).toContain('sdk-compatibility/valid StartFaceDetection');
    expect(e.service.jobs).toHaveLength(0);
  });

  describe('never starts more than --max-jobs jobs on a remote endpoint', () => {
    it('with --video and one readable object: every check passes on exactly the jobs allowed, all on the video', async () => {
      const { runConformance, httpTarget } = await import('../src/conformance/index.js');
      const e = await emulator(
        new FaceDetectionService({ ...JOBS, maxConcurrentJobs: Number.POSITIVE_INFINITY, s3Objects: { 'my-videos/v.mp4': {} } }),
      );
      const target = { ...httpTarget({ endpoint: e.url }), jobsCost: true, name: 'remote' };
      const report = await runConformance({ target, runs: 50, seed: 1, maxJobs: 2, video: { Bucket: 'my-videos', Name: 'v.mp4' } });
      expect(report.checks.map((c) => [c.name, c.status]).filter(([, status]) => status !== 'passed')).toEqual([]);
      expect(report.checks).toHaveLength(10);
      expect(
        report.checks.flatMap((c) => c.cases.filter((k) => k.status === 'skipped').map((k) => `${c.name} / ${k.name}: ${k.reason}`)),
      ).toEqual([]);
      expect(report.verdict).toBe('conformant');
      expect(e.service.jobs).toHaveLength(2);
      expect(report).toMatchObject({ jobsCost: true, maxJobs: 2, jobsStarted: 2 });
      expect(
        e.service.jobs.every((j) => j.request.Video.S3Object?.Bucket === 'my-videos' && j.request.Video.S3Object?.Name === 'v.mp4'),
      ).toBe(true);
    }, 60_000);

    it('where every object exists (the starts meant to start nothing start jobs): still within the budget, every job counted', async () => {
      const { runConformance, httpTarget } = await import('../src/conformance/index.js');
      const e = await emulator(new FaceDetectionService({ ...JOBS, maxConcurrentJobs: Number.POSITIVE_INFINITY }));
      const target = { ...httpTarget({ endpoint: e.url }), jobsCost: true, name: 'remote' };
      const report = await runConformance({ target, runs: 50, seed: 1, maxJobs: 3, video: { Bucket: 'my-videos', Name: 'v.mp4' } });
      expect(e.service.jobs.length).toBeLessThanOrEqual(3);
      expect(report.jobsStarted).toBe(e.service.jobs.length);
      expect(report.checks.filter((c) => c.status === 'failed').map((c) => c.finding?.message)).toEqual([]);
    }, 60_000);

    it('an endpoint that accepts an invalid start: found, in negative-rejection, within the budget', async () => {
      const { runConformance, httpTarget } = await import('../src/conformance/index.js');
      const e = await emulator(
        new FaceDetectionService({ ...JOBS, maxConcurrentJobs: Number.POSITIVE_INFINITY, faultMode: 'token-maxLength-plus-one' }),
      );
      const target = { ...httpTarget({ endpoint: e.url }), jobsCost: true, name: 'remote' };
      const report = await runConformance({ target, runs: 50, seed: 1, maxJobs: 3 });
      expect(e.service.jobs.length).toBeLessThanOrEqual(3);
      expect(report.jobsStarted).toBe(e.service.jobs.length);
      expect(report.verdict).toBe('not conformant');
      expect(report.checks.filter((c) => c.status === 'failed').map((c) => c.name)).toEqual(['negative-rejection']);
      expect(report.checks.find((c) => c.name === 'negative-rejection')!.finding!.case).toBe(
        'StartFaceDetection ClientRequestToken: maxLength+1',
      );
    }, 60_000);
  });

  it('against a remote endpoint, waits out throttling and service faults and reports none of them', async () => {
    const { runConformance, httpTarget } = await import('../src/conformance/index.js');
    const e = await emulator(new FaceDetectionService());
    e.service.failNext(3, 'ThrottlingException');
    e.service.failNext(2, 'InternalServerError');
    e.service.failNext(2, 'ProvisionedThroughputExceededException');
    const target = { ...httpTarget({ endpoint: e.url }), jobsCost: true, name: 'remote' };
    const report = await runConformance({ target, runs: 5, seed: 2, checks: ['unknown-job', 'error-contract'] });
    expect(report.checks.map((c) => [c.name, c.status])).toEqual([
      ['error-contract', 'passed'],
      ['unknown-job', 'passed'],
    ]);
    expect(e.service.calls.filter((c) => c.error === 'ThrottlingException' || c.error === 'InternalServerError')).toHaveLength(5);
    expect(e.service.calls.filter((c) => c.error === 'ProvisionedThroughputExceededException')).toHaveLength(2);
  });

  it('--rps spaces the requests it sends', async () => {
    const { runConformance } = await import('../src/conformance/index.js');
    const e = await emulator(new FaceDetectionService());
    const report = await runConformance({ endpoint: e.url, runs: 20, seed: 2, checks: ['unknown-job'], rps: 50 });
    const at = e.service.calls.map((c) => c.at);
    expect(at.length).toBe(1 + report.plan.coverageRuns + 20); // the probe, the coverage and 20 runs
    // N requests at 50 a second cannot span less than N-1 intervals of 20 ms (one spared for the
    // first request's own trip). A lower bound the limiter guarantees, not a speed measurement.
    expect(at.at(-1)! - at[0]!).toBeGreaterThanOrEqual(20 * (at.length - 2));
  });

  describe('setup failures end the run: exit 2, one message, no verdict', () => {
    /** Runs with these AWS_* variables only (every other one removed), and restores the environment. */
    async function withAwsEnv<T>(vars: Record<string, string>, body: () => Promise<T>): Promise<T> {
      const saved = { ...process.env };
      for (const name of Object.keys(process.env)) if (name.startsWith('AWS_')) delete process.env[name];
      Object.assign(process.env, vars);
      try {
        return await body();
      } finally {
        restoreEnv(saved);
      }
    }

    it.each([
      ['an access key id the endpoint does not know', 'AKIDWRONG', 'some-other-secret-not-the-one', 'UnrecognizedClientException'],
      ['the right access key id with a wrong secret', 'AKIDCLI', 'some-other-secret-not-the-one', 'InvalidSignatureException'],
    ])('%s: %s', async (_, accessKeyId, secretAccessKey, code) => {
      const e = await emulator(new FaceDetectionService(JOBS), true);
      const {
        code: status,
        out,
        err,
      } = await withAwsEnv({ AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey }, () =>
        run(['conformance', '--endpoint', e.url, '--runs', '5', '--seed', '1']),
      );
      expect(status, out + err).toBe(2);
      const messages = err.split('\n').filter((line) => line.startsWith('face-detection-contract: '));
      expect(messages, err).toHaveLength(1);
      expect(messages[0]).toContain(code);
      expect(messages[0]).toContain(`access key id ${accessKeyId}`);
      expect(messages[0]).toContain('region us-east-1');
      expect(messages[0]).toContain('signing name rekognition');
      expect(out + err).not.toContain(secretAccessKey);
      expect(out + err).not.toContain(SECRET);
      expect(out + err).not.toContain('NOT conformant');
      expect(out).not.toMatch(/\] \S+ \.\.\. (passed|FAILED|skipped)/); // no check ran
      expect(e.service.jobs).toHaveLength(0);
    });

    it('no credentials at all: a SetupError that says so', async () => {
      const { runConformance, httpTarget, SetupError } = await import('../src/conformance/index.js');
      const { fromEnv } = await import('@aws-sdk/credential-providers');
      const e = await emulator(new FaceDetectionService(JOBS), true);
      await withAwsEnv({}, async () => {
        const running = runConformance({ target: httpTarget({ endpoint: e.url, credentials: fromEnv() }), runs: 5, seed: 1 });
        await expect(running).rejects.toBeInstanceOf(SetupError);
        await expect(running).rejects.toThrow(/no AWS credentials/);
      });
      expect(e.service.calls).toHaveLength(0);
    });

    it('no credentials on loopback against an emulator that checks signatures: named as missing, not as wrong', async () => {
      const e = await emulator(new FaceDetectionService(JOBS), true);
      const { code, err } = await withAwsEnv({ AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', AWS_CONFIG_FILE: '/nonexistent' }, () =>
        run(['conformance', '--endpoint', e.url, '--runs', '5', '--seed', '1']),
      );
      expect(code).toBe(2);
      expect(err).toMatch(/No AWS credentials were found, so the run signed with a dummy key: set AWS_ACCESS_KEY_ID/);
    });

    it('a --video the endpoint cannot use for the shared job: a setup error naming the video, not a finding', async () => {
      const e = await emulator(new FaceDetectionService({ ...JOBS, s3Objects: { 'my-videos/v.mp4': {} } }));
      const { code, out, err } = await run([
        'conformance',
        '--endpoint',
        e.url,
        '--jobs-cost',
        '--video',
        's3://my-videos/typo.mp4',
        '--runs',
        '5',
        '--seed',
        '1',
      ]);
      expect(code, out + err).toBe(2);
      expect(err).toMatch(/cannot use the video s3:\/\/my-videos\/typo\.mp4 to start a job: 400 InvalidS3ObjectException/);
      expect(out).not.toContain('NOT conformant');
      expect(e.service.jobs).toHaveLength(0);
    });

    it('AccessDeniedException on the first request: a SetupError', async () => {
      const { runConformance, httpTarget, SetupError } = await import('../src/conformance/index.js');
      const e = await emulator(new FaceDetectionService(JOBS));
      e.service.failNext(1, 'AccessDeniedException');
      const running = runConformance({ target: httpTarget({ endpoint: e.url }), runs: 5, seed: 1 });
      await expect(running).rejects.toBeInstanceOf(SetupError);
      await expect(running).rejects.toThrow(/AccessDeniedException/);
      expect(e.service.calls).toHaveLength(1);
    });
  });

  it('a replay keeps every flag that changes what the run sends or demands; its curl signs with a session token the run had', async () => {
    const { runConformance, httpTarget, curlCommand } = await import('../src/conformance/index.js');
    const e = await emulator(
      new FaceDetectionService({ ...JOBS, faultMode: 'jobTag-maxLength-plus-one', s3Objects: { 'my-videos/v.mp4': {} } }),
    );
    const options = {
      endpoint: e.url,
      region: 'eu-west-1',
      jobsCost: true,
      strict: true,
      maxJobs: 2,
      rps: 500,
      video: { Bucket: 'my-videos', Name: 'v.mp4' },
      runs: 10,
      seed: 1,
      checks: ['negative-rejection'],
    };
    const report = await runConformance({ ...options, target: httpTarget({ endpoint: e.url, region: 'eu-west-1' }) });
    const replay = report.checks[0]!.finding!.replay;
    for (const flag of [
      `--endpoint '${e.url}'`,
      "--region 'eu-west-1'",
      '--strict',
      '--jobs-cost',
      "--video 's3://my-videos/v.mp4'",
      '--max-jobs 2',
      '--rps 500',
      '--seed 1 --path ',
    ])
      expect(replay).toContain(flag);
    const request = {
      method: 'POST',
      url: e.url,
      headers: { 'x-amz-security-token': 'token', 'content-type': 'application/x-amz-json-1.1' },
      body: '{}',
    };
    expect(curlCommand(request, 'eu-west-1')).toContain('-H "x-amz-security-token: $AWS_SESSION_TOKEN"');
    expect(curlCommand({ ...request, headers: {} }, 'eu-west-1')).not.toContain('x-amz-security-token');
  });

  it('a shared job that ends FAILED leaves lifecycle no page and pagination nothing to page: inconclusive, never passed', async () => {
    const { runConformance, embeddedTarget } = await import('../src/conformance/index.js');
    const service = new FaceDetectionService({
      ...JOBS,
      maxConcurrentJobs: Number.POSITIVE_INFINITY,
      s3Objects: { 'conformance-videos/paging.mp4': { failure: 'Unsupported codec/format.' } },
    });
    const report = await runConformance({ target: embeddedTarget(service), runs: 5, seed: 1, checks: ['lifecycle', 'pagination'] });
    expect(report.checks.map((c) => [c.name, c.status])).toEqual([
      ['lifecycle', 'inconclusive'],
      ['pagination', 'inconclusive'],
    ]);
    expect(report.verdict).toBe('inconclusive');
    expect(report.checks[1]!.reason).toMatch(/ended FAILED \(Unsupported codec\/format\.\): nothing to page/);
  });

  it('the vitest entry fails a check that could not judge as inconclusive, and marks it skipped once its skips are accepted', async () => {
    const { spawn } = await import('node:child_process');
    const { exited } = await import('./built-bin.js');
    const vitest = (env: Record<string, string>) =>
      exited(
        spawn(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--project', 'conformance'], {
          env: { ...process.env, CONFORMANCE_JOBS_COST: '1', CONFORMANCE_RUNS: '3', CONFORMANCE_SEED: '1', NO_COLOR: '1', ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
        }) as never,
      );
    // --jobs-cost without a video (and a mock that starts jobs on any video): all but three checks cannot judge every case.
    const { CHECK_NAMES } = await import('../src/conformance/checkNames.js');
    const unjudged = CHECK_NAMES.filter((name) => !['negative-rejection', 'error-contract', 'unknown-job'].includes(name));
    const inconclusive = await vitest({});
    expect(inconclusive.code, inconclusive.stdout + inconclusive.stderr).toBe(1);
    expect(inconclusive.stdout).toMatch(/Tests\s+7 failed \| 4 passed \(11\)/);
    expect(inconclusive.stdout + inconclusive.stderr).toMatch(/inconclusive: it needs a job, .*; to judge it: --video s3:\/\/bucket\/key/);
    expect(inconclusive.stdout + inconclusive.stderr).toContain('to accept the skip: CONFORMANCE_ACCEPT_SKIPS="lifecycle"');
    // Accepted: the checks that judged nothing are skipped, the others pass on what they judged.
    const accepted = await vitest({ CONFORMANCE_ACCEPT_SKIPS: unjudged.join(';') });
    expect(accepted.code, accepted.stdout + accepted.stderr).toBe(0);
    expect(accepted.stdout).toMatch(/Tests\s+7 passed \| 4 skipped \(11\)/);
  }, 90_000);

  it('an AccessDeniedException to a start on the probe video (a bucket policy, say) skips that case: no finding, no setup error', async () => {
    const { runConformance } = await import('../src/conformance/index.js');
    const e = await emulator(new FaceDetectionService({ ...JOBS, s3Objects: { 'my-videos/v.mp4': {} } }));
    e.service.failNext(1000, 'AccessDeniedException', { operation: 'StartFaceDetection' });
    const report = await runConformance({ endpoint: e.url, jobsCost: true, runs: 4, seed: 2, checks: ['positive-acceptance'] });
    expect(report.checks[0]!.cases.map((c) => [c.name, c.status])).toEqual([
      ['StartFaceDetection', 'skipped'],
      ['GetFaceDetection', 'passed'],
    ]);
    expect(report.checks[0]!.cases[0]!.reason).toMatch(/AccessDeniedException/);
  });

  it('--job-timeout: where jobs cost, a job still running then is skipped with the wait it was given', async () => {
    const e = await emulator(new FaceDetectionService({ s3Objects: { 'my-videos/v.mp4': {} }, faultMode: 'job-never-finishes' }));
    const { code, out, err } = await run([
      'conformance',
      '--endpoint',
      e.url,
      '--jobs-cost',
      '--video',
      's3://my-videos/v.mp4',
      '--job-timeout',
      '0.3',
      '--checks',
      'lifecycle',
      '--runs',
      '3',
      '--seed',
      '1',
    ]);
    expect(code, out + err).toBe(3); // the one check could not judge: inconclusive
    expect(out).toMatch(
      /lifecycle \.\.\. INCONCLUSIVE \(.*\)\n {4}skipped: lifecycle: the job \S+ did not finish within 300 ms: still IN_PROGRESS/,
    );
    expect(out).toContain('to judge it: a longer --job-timeout');
    expect((await run(['conformance', '--job-timeout', 'soon'])).code).toBe(2);
  });

  it('with --video, the starts carry no drawn NotificationChannel (a real account need not let the service use it)', async () => {
    const { runConformance } = await import('../src/conformance/index.js');
    const e = await emulator(
      new FaceDetectionService({ ...JOBS, maxConcurrentJobs: Number.POSITIVE_INFINITY, s3Objects: { 'my-videos/v.mp4': {} } }),
    );
    const report = await runConformance({
      endpoint: e.url,
      video: { Bucket: 'my-videos', Name: 'v.mp4' },
      runs: 20,
      seed: 3,
      checks: ['positive-acceptance', 'lifecycle', 'idempotency'],
    });
    expect(report.verdict).toBe('conformant');
    expect(e.service.jobs.length).toBeGreaterThan(5);
    expect(e.service.jobs.filter((job) => job.request.NotificationChannel !== undefined)).toEqual([]);
  });

  it('nothing judged: inconclusive, exit 3, no verdict of conformance', async () => {
    const e = await emulator(new FaceDetectionService({ ...JOBS, s3Objects: { 'my-videos/v.mp4': {} } }));
    const { code, out, err } = await run([
      'conformance',
      '--endpoint',
      e.url,
      '--jobs-cost',
      '--checks',
      'lifecycle,pagination',
      '--runs',
      '5',
      '--seed',
      '1',
    ]);
    expect(code, out + err).toBe(3);
    expect(out).not.toContain(': conformant.');
    expect(out).toMatch(/INCONCLUSIVE\. 0 passed, 0 failed, 2 inconclusive, 0 skipped/);
    expect(out).toMatch(/\] lifecycle \.\.\. INCONCLUSIVE \(.*\)\n {4}skipped: lifecycle: it needs a job/);
    expect(out).toContain('to judge it: --video s3://bucket/key');
    expect(e.service.jobs).toHaveLength(0);
  });

  it('--jobs-cost on loopback: prints the job plan before starting, and keeps to it', async () => {
    const e = await emulator(
      new FaceDetectionService({ ...JOBS, maxConcurrentJobs: Number.POSITIVE_INFINITY, s3Objects: { 'my-videos/v.mp4': {} } }),
    );
    const { code, out, err } = await run([
      'conformance',
      '--endpoint',
      e.url,
      '--jobs-cost',
      '--video',
      's3://my-videos/v.mp4',
      '--max-jobs',
      '2',
      '--runs',
      '10',
      '--seed',
      '4',
    ]);
    expect(code, out + err).toBe(0);
    expect(err).toContain('jobs cost here: the run starts at most 2 jobs (--max-jobs), on s3://my-videos/v.mp4');
    expect(e.service.jobs.length).toBeLessThanOrEqual(2);
    expect(out).toMatch(/: conformant\. 10 passed, 0 failed, 0 inconclusive, 0 skipped; .*; \d jobs? started of --max-jobs 2\n/);
  }, 60_000);

  it('the progress lines say cases and requests, and list what was skipped', async () => {
    const e = await emulator(new FaceDetectionService({ ...JOBS, s3Objects: { 'my-videos/v.mp4': {} } }));
    const { code, out } = await run([
      'conformance',
      '--endpoint',
      e.url,
      '--jobs-cost',
      '--checks',
      'sdk-compatibility,lifecycle,negative-rejection',
      '--runs',
      '5',
      '--seed',
      '1',
      '--verbose',
    ]);
    expect(code).toBe(3);
    expect(out).toMatch(/\[1\/3\] negative-rejection \.\.\. passed \(\d+ runs in \d+ cases, \d+ requests, [\d.]+ s\)\n/);
    expect(out).toMatch(
      /\] sdk-compatibility \.\.\. INCONCLUSIVE \(\d+ runs in \d+ cases, \d+ requests, [\d.]+ s\)\n {4}skipped: valid StartFaceDetection: it needs a job/,
    );
    expect(out).toMatch(/\] lifecycle \.\.\. INCONCLUSIVE \(\d+ runs? in 1 case, .*\)\n {4}skipped: lifecycle: it needs a job/);
    expect(out).toMatch(/\n {2}sdk-compatibility \/ valid StartFaceDetection: 0 runs, 0 requests; skipped: it needs a job/);
    expect(out).toMatch(/: INCONCLUSIVE\. 1 passed, 0 failed, 2 inconclusive, 0 skipped; .*; 0 jobs started of --max-jobs 5\n/);
  });

  it('a conformant run prints the plan, a line per check and the verdict; --verbose adds every case and every fact not checked', async () => {
    // Three checks: the lines a conformant run prints do not grow with its cases.
    const checks = ['--checks', 'negative-rejection,protocol,unknown-job'];
    const brief = await run(['conformance', '--seed', '3', '--runs', '5', ...checks]);
    expect(brief.code, brief.err).toBe(0);
    const lines = brief.out.trimEnd().split('\n');
    expect(lines.filter((l) => /^\[\d+\/3\] /.test(l))).toHaveLength(3);
    // The plan, a line per check, the brief line and the verdict (a blank line before each of the two).
    expect(lines.length, brief.out).toBe(1 + 3 + 4);
    expect(brief.out).toMatch(/\n\d+ cases checked, \d+ facts of the contract not checked by this run: --verbose lists them/);
    expect(brief.out).not.toContain('What was checked');
    const verbose = await run(['conformance', '--seed', '3', '--runs', '5', ...checks, '--verbose']);
    expect(verbose.out).toContain('What was checked, case by case:');
    expect(verbose.out).toContain('Facts of the contract this run did not check');
    expect(verbose.out).toMatch(/\n {2}negative-rejection \/ StartFaceDetection JobTag: maxLength\+1: \d+ runs/);
    expect(verbose.out.split('\n').length).toBeGreaterThan(100);
  });

  it("JUnit lists each check's cases; JSON has every case with its requests", async () => {
    const e = await emulator(new FaceDetectionService({ ...JOBS, maxConcurrentJobs: Number.POSITIVE_INFINITY }));
    // The same run, reported both ways.
    const report = (reporter: string, output: string) =>
      run([
        'conformance',
        '--endpoint',
        e.url,
        '--runs',
        '10',
        '--seed',
        '6',
        '--checks',
        'negative-rejection,lifecycle',
        '--reporter',
        reporter,
        '--output',
        output,
      ]);
    const junit = join(dir, 'cases.xml');
    const ci = await report('junit', junit);
    expect(ci.code, ci.err).toBe(0);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(
      /<testcase classname="conformance" name="negative-rejection" time="[\d.]+">\n {6}<system-out>[^<]*StartFaceDetection JobTag: maxLength\+1: passed, \d+ runs? \(1 coverage, \d+ random\), \d+ requests?\n[^<]*<\/system-out>\n {4}<\/testcase>/,
    );
    expect(xml).toMatch(
      /<property name="jobsCost" value="false"\/><property name="jobsStarted" value="\d+"\/><property name="coverageRuns" value="\d+"\/><property name="factsNotChecked" value="\d+"\/><\/properties>/,
    );
    // The facts the run left unchecked (the other checks' among them), each with its reason.
    expect(xml).toMatch(
      /<system-out>facts of the contract not checked in this run:\n[^<]*GetFaceDetection behaviour: unknownJob: unknown-job was not run \(--checks\)/,
    );

    const file = join(dir, 'cases.json');
    const json = await report('json', file);
    expect(json.code, json.err).toBe(0);
    const parsed = JSON.parse(readFileSync(file, 'utf8'));
    for (const check of parsed.checks) {
      expect(check.cases.length, check.name).toBeGreaterThan(0);
      for (const c of check.cases)
        expect(c, `${check.name} / ${c.name}`).toMatchObject({
          name: expect.any(String),
          status: 'passed',
          runs: expect.any(Number),
          requests: expect.any(Number),
        });
      expect(check.requests).toBe(check.cases.reduce((n: number, c: { requests: number }) => n + c.requests, 0));
    }
    const negative = parsed.checks.find((c: { name: string }) => c.name === 'negative-rejection');
    expect(negative.cases.find((c: { name: string }) => c.name === 'StartFaceDetection JobTag: maxLength+1').requests).toBeGreaterThan(0);
  });

  it('--seed takes a negative number', async () => {
    const { code, out, err } = await run(['conformance', '--runs', '1', '--checks', 'unknown-job', '--seed', '-1079728627']);
    expect(code, out + err).toBe(0);
    expect(out).toMatch(/seed -1079728627\n/);
  });

  it.each<[string[], string | RegExp]>([
    [['conformance', '--bogus'], "unknown option '--bogus'"],
    [['conformance', '--runs'], "option '--runs' needs a value"],
    [['conformance', '--runs', '--seed', '1'], "option '--runs' needs a value before '--seed'"],
    [['conformance', '--runs', 'many'], "--runs must be a whole number of at least 1, not 'many'"],
    [['conformance', '--runs', '0'], "--runs must be a whole number of at least 1, not '0'"],
    [['conformance', '--rps', '0'], "--rps must be a positive number, not '0'"],
    [['conformance', '--job-timeout', 'soon'], "--job-timeout must be a positive number, not 'soon'"],
    [['conformance', '--checks', ''], '--checks names no check'],
    [['conformance', '--checks', ' , '], '--checks names no check'],
    [['conformance', '--checks', 'nope'], 'unknown check nope; the checks are negative-rejection, error-contract,'],
    [['conformance', '--checks', 'protocol,nope,vibes'], 'unknown check nope, vibes;'],
    [['conformance', '--reporter', 'tap'], "--reporter must be pretty, json or junit, not 'tap'"],
    [['conformance', '--endpoint', 'ftp://x'], "--endpoint must be an http(s) URL, not 'ftp://x'"],
    [['conformance', '--video', 'my-videos/v.mp4'], '--video: not an s3://bucket/key URL'],
    [['conformance', '--output', ''], '--output needs a file name'],
    [['conformance', '--path', '0:1'], '--path replays with --seed and --checks'],
    [['conformance', '--case', 'GetFaceDetection'], '--case needs --checks'],
    [['conformance', '--strict=yes'], "option '--strict' takes no value"],
    [['conformance', 'now'], "unexpected argument 'now': conformance takes options only"],
    [['conformance', '--port', '1'], '--port is an option of serve, not of conformance'],
    [['serve', '--strict'], '--strict is an option of conformance and replay, not of serve'],
    [['serve', '--fault-mode', 'gremlins'], "--fault-mode must name a fault mode, not 'gremlins': one of token-maxLength-plus-one"],
    // A slip of the keyboard: the closest name, whatever it names.
    [['conformance', '--endpont', 'http://x'], "unknown option '--endpont' (did you mean --endpoint?)"],
    [['conformance', '--Seed', '1'], "unknown option '--Seed' (did you mean --seed?)"],
    [['conformance', '--xyzzy'], /: unknown option '--xyzzy' \(see /],
    [['replay', 'x.har', '--stric'], "unknown option '--stric' (did you mean --strict?)"],
    [['serve', '--jobduration', '5'], "unknown option '--jobduration' (did you mean --job-duration?)"],
    [['conformance', '--checks', 'lifecyle'], 'unknown check lifecyle (did you mean lifecycle?); the checks are'],
    [['conformance', '--checks', 'protocol,paging'], /: unknown check paging; the checks are/],
    [['conformance', '--accept-skip', 'paginaton'], '--accept-skip paginaton names no check (did you mean pagination?)'],
    [['conformance', '--reporter', 'jsn'], "--reporter must be pretty, json or junit, not 'jsn' (did you mean json?)"],
    [['serve', '--fault-mode', 'jobstatus-lowercase'], "not 'jobstatus-lowercase' (did you mean jobStatus-lowercase?): one of"],
    // A renamed flag: its new name, not the closest spelling (--case).
    [['conformance', '--safe'], "unknown option '--safe': it is now --jobs-cost"],
  ])('bad usage %j: exit 2, one line naming the problem and the help, before anything else', async (argv, reason) => {
    expectUsageError(await run(argv), argv[0], reason);
  });

  it('an unreachable endpoint: exit 2, one line with the cause, no report', async () => {
    // A port nothing listens on: one that was free a moment ago.
    const closed = await emulator(new FaceDetectionService());
    await closed.close();
    const endpoint = closed.url.replace(/\/$/, '');
    const { code, out, err } = await run(['conformance', '--endpoint', endpoint, '--runs', '1']);
    expect({ code, out }).toEqual({ code: 2, out: '' });
    const port = new URL(endpoint).port;
    expect(err).toBe(
      `conformance of ${endpoint}\nface-detection-contract: ${endpoint}/ is unreachable: connect ECONNREFUSED 127.0.0.1:${port}\n`,
    );
  });

  describe('--output that cannot be written: found before the run (exit 2, one line, no request sent)', () => {
    it.each([
      [
        'a folder that does not exist',
        (d: string) => join(d, 'no-such', 'r.xml'),
        (d: string) => `no such directory ${join(d, 'no-such')}`,
      ],
      ['a path that is a folder', (d: string) => d, () => 'it is a directory'],
      ['a folder that is a file', (d: string) => join(d, 'a-file', 'r.xml'), (d: string) => `${join(d, 'a-file')} is not a directory`],
      // Refused even to root (tests may run as root, to whom permission bits say nothing): the probe opens the file.
      ['a folder no one may write in', () => '/sys/r.xml', () => 'no permission to write in /sys'],
      ['a file system that takes no new file', () => '/proc/r.xml', () => '/proc takes no new file'],
    ])('%s', async (_, path, why) => {
      writeFileSync(join(dir, 'a-file'), '');
      const e = await emulator(new FaceDetectionService(JOBS));
      const output = path(dir);
      const result = await run([
        'conformance',
        '--endpoint',
        e.url,
        '--runs',
        '1',
        '--checks',
        'unknown-job',
        '--reporter',
        'junit',
        '--output',
        output,
      ]);
      expect(result).toEqual({ code: 2, out: '', err: `face-detection-contract: cannot write --output ${output}: ${why(dir)}\n` });
      expect(e.service.calls).toHaveLength(0);
    });

    it('a run that fails to start leaves no report file behind, and an old report as it was', async () => {
      const fresh = join(dir, 'never-written.json');
      const old = join(dir, 'old-report.json');
      writeFileSync(old, '{"old":true}');
      for (const output of [fresh, old]) {
        const { code } = await run([
          'conformance',
          '--endpoint',
          'http://127.0.0.1:9',
          '--runs',
          '1',
          '--reporter',
          'json',
          '--output',
          output,
        ]);
        expect(code).toBe(2);
      }
      expect(existsSync(fresh)).toBe(false);
      expect(readFileSync(old, 'utf8')).toBe('{"old":true}');
    });
  });

  describe('one run, one case, one request, one job: singular', () => {
    it('in the progress line and the cases', async () => {
      // A case of one fixed request: its coverage, and no random run.
      const only = 'body top-level null (RestJsonTechnicallyValidJsonBody)';
      const { code, out } = await run(['conformance', '--runs', '1', '--checks', 'protocol', '--case', only, '--seed', '1', '--verbose']);
      expect(code).toBe(0);
      expect(out).toMatch(/\n\[1\/1\] protocol \.\.\. passed \(1 run in 1 case, 1 request, [\d.]+ s\)\n/);
      expect(out).toContain(`\n  protocol / ${only}: 1 run (1 coverage, 0 random), 1 request\n`);
    });

    it('in the jobs a costly run started', async () => {
      const e = await emulator(new FaceDetectionService({ ...JOBS, s3Objects: { 'my-videos/v.mp4': {} } }));
      const { code, out, err } = await run([
        'conformance',
        '--endpoint',
        e.url,
        '--jobs-cost',
        '--video',
        's3://my-videos/v.mp4',
        '--max-jobs',
        '1',
        '--runs',
        '1',
        '--checks',
        'lifecycle',
        '--seed',
        '1',
      ]);
      expect(code, out + err).toBe(0);
      expect(err).toContain('jobs cost here: the run starts at most 1 job (--max-jobs), on s3://my-videos/v.mp4;');
      expect(out).toMatch(/\[1\/1\] lifecycle \.\.\. passed \(1 run in 1 case, \d+ requests, /);
      expect(out).toMatch(/; seed 1; 1 job started of --max-jobs 1\n$/);
    });

    it('in every reporter, for a report of one of each', async () => {
      const { prettyProgress, prettyReport, junitReport } = await import('../src/conformance/index.js');
      const one: CheckResult = {
        name: 'unknown-job',
        oracle: 'o',
        status: 'passed',
        runs: 1,
        requests: 1,
        durationMs: 1,
        cases: [{ name: 'unknown-job', status: 'passed', runs: 1, coverage: 0, random: 1, requests: 1 }],
      };
      const report: ConformanceReport = {
        target: 'x',
        seed: 1,
        runs: 1,
        strict: false,
        jobsCost: true,
        maxJobs: 1,
        jobsStarted: 1,
        plan: { coverageRuns: 0, randomRuns: 1, randomRunsPerCase: 1, jobTimeoutMs: 600_000, laterTimeoutMs: 600_000 },
        errorsAnswered: {},
        factsNotChecked: [],
        durationMs: 1,
        requests: 1,
        checks: [one],
        inconclusive: [],
        conformant: true,
        verdict: 'conformant',
      };
      let progress = '';
      prettyProgress((t) => (progress += t))({ type: 'end', result: one, index: 0, total: 1 });
      expect(progress).toBe('[1/1] unknown-job ... passed (1 run in 1 case, 1 request, 0.0 s)\n');
      const pretty = prettyReport(report, { verbose: true });
      expect(pretty).toContain('\n  unknown-job: 1 run, 1 request\n');
      expect(prettyReport(report)).toContain('\n1 case checked: --verbose lists them');
      expect(pretty).toContain(
        'x: conformant. 1 passed, 0 failed, 0 inconclusive, 0 skipped; 1 request in 0.0 s; seed 1; 1 job started of --max-jobs 1\n',
      );
      expect(junitReport(report)).toContain('<system-out>unknown-job: passed, 1 run, 1 request</system-out>');
    });
  });
});
