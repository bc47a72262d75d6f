// `face-detection-contract conformance` end to end: against the embedded mock, against the
// emulator over real HTTP (healthy, broken, with SigV4 on), reporters, exit codes, and no secret
// in any output.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { startEmulator, type Emulator } from '../src/emulator.js';
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
  const e = await startEmulator({ port: 0, service, ...(auth ? { auth: { credentials: [{ accessKeyId: 'AKIDCLI', secretAccessKey: SECRET }] } } : {}) });
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

describe('face-detection-contract conformance', () => {
  it('passes the embedded mock: exit 0, a line per check, the seed', async () => {
    const { code, out } = await run(['conformance', '--runs', '20', '--seed', '7']);
    expect(code).toBe(0);
    for (const check of ['positive-acceptance', 'negative-rejection', 'response-contract', 'error-contract', 'idempotency', 'protocol', 'sdk-compatibility', 'unknown-job', 'lifecycle', 'pagination']) {
      expect(out).toMatch(new RegExp(`\\] ${check} \\.\\.\\. passed \\(\\d+ runs`));
    }
    expect(out).toMatch(/embedded mock: conformant\. 10 passed, 0 failed, 0 skipped; \d+ requests in [\d.]+ s; seed 7/);
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
      process.env = saved;
    }
  });

  it('finds a broken emulator: exit 1, the finding with its replay and a curl command without secrets, JUnit for CI', async () => {
    const e = await emulator(new FaceDetectionService({ ...JOBS, maxConcurrentJobs: Number.POSITIVE_INFINITY, faultMode: 'token-pattern-unanchored-end' }), true);
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIDCLI', AWS_SECRET_ACCESS_KEY: SECRET });
    const junit = join(dir, 'report.xml');
    try {
      const pretty = await run(['conformance', '--endpoint', e.url, '--runs', '20', '--seed', '11', '--checks', 'negative-rejection']);
      expect(pretty.code).toBe(1);
      expect(pretty.out).toMatch(/✗ negative-rejection: StartFaceDetection ClientRequestToken: forbidden character at the (middle|end): expected 400 with ValidationException or InvalidParameterException, got 200/);
      expect(pretty.out).toMatch(/replay: face-detection-contract conformance --checks negative-rejection --case 'StartFaceDetection ClientRequestToken: forbidden character at the (middle|end)' --seed 11 --path \S+ --endpoint /);
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
      expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="rekognition-face-detection-contract conformance" tests="10" failures="(10|[1-9])"/);
      expect(xml).toMatch(/<testcase classname="conformance" name="negative-rejection" time="[\d.]+">\n {6}<failure message="StartFaceDetection ClientRequestToken: forbidden character at the (middle|end)/);
      expect(xml).not.toContain(SECRET);
    } finally {
      process.env = saved;
    }
  });

  it('writes JSON with every check and the seed', async () => {
    const file = join(dir, 'report.json');
    const { code } = await run(['conformance', '--runs', '5', '--seed', '5', '--reporter', 'json', '--output', file, '--checks', 'protocol,error-contract']);
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(file, 'utf8'));
    expect(report).toMatchObject({ target: 'embedded mock', seed: 5, runs: 5, conformant: true });
    expect(report.checks.map((c: { name: string }) => c.name)).toEqual(['error-contract', 'protocol']);
  });

  it('skips job-starting checks against a remote endpoint without --video', async () => {
    const { runConformance, httpTarget } = await import('../src/conformance/index.js');
    const e = await emulator(new FaceDetectionService());
    // A non-loopback name for the same emulator: the target believes it is remote.
    const target = { ...httpTarget({ endpoint: e.url }), local: false, name: 'remote' };
    const report = await runConformance({ target, runs: 5, seed: 1 });
    expect(report.checks.filter((c) => c.status === 'skipped').map((c) => c.name)).toEqual(['positive-acceptance', 'response-contract', 'idempotency', 'sdk-compatibility', 'lifecycle', 'pagination']);
    expect(report.checks.filter((c) => c.status === 'passed').map((c) => c.name)).toEqual(['negative-rejection', 'error-contract', 'protocol', 'unknown-job']);
    expect(e.service.jobs).toHaveLength(0);
  });

  it('never starts more than --max-jobs jobs on a remote endpoint with --video', async () => {
    const { runConformance, httpTarget } = await import('../src/conformance/index.js');
    const e = await emulator(new FaceDetectionService({ ...JOBS, maxConcurrentJobs: Number.POSITIVE_INFINITY }));
    const target = { ...httpTarget({ endpoint: e.url }), local: false, name: 'remote' };
    const report = await runConformance({ target, runs: 50, seed: 1, maxJobs: 3, video: { Bucket: 'my-videos', Name: 'v.mp4' } });
    expect(report.conformant).toBe(true);
    expect(e.service.jobs.length).toBeLessThanOrEqual(3);
    expect(e.service.jobs.every((j) => j.request.Video.S3Object?.Name === 'v.mp4')).toBe(true);
  });

  it('against a remote endpoint, retries throttling and service faults and reports none of them', async () => {
    const { runConformance, httpTarget } = await import('../src/conformance/index.js');
    const e = await emulator(new FaceDetectionService());
    e.service.failNext(3, 'ThrottlingException');
    e.service.failNext(2, 'InternalServerError');
    e.service.failNext(2, 'ProvisionedThroughputExceededException');
    const target = { ...httpTarget({ endpoint: e.url, retries: 8 }), local: false, name: 'remote' };
    const report = await runConformance({ target, runs: 5, seed: 2, checks: ['protocol', 'error-contract'] });
    expect(report.checks.map((c) => [c.name, c.status])).toEqual([['error-contract', 'passed'], ['protocol', 'passed']]);
    expect(e.service.calls.filter((c) => c.error === 'ThrottlingException' || c.error === 'InternalServerError')).toHaveLength(5);
  });

  it('--rps spaces the requests it sends', async () => {
    const { runConformance } = await import('../src/conformance/index.js');
    const e = await emulator(new FaceDetectionService());
    await runConformance({ endpoint: e.url, runs: 20, seed: 2, checks: ['protocol'], rps: 50 });
    const at = e.service.calls.map((c) => c.at);
    expect(at.length).toBe(21);
    // 21 requests at 50 a second cannot span less than 20 intervals of 20 ms (one spared for the
    // first request's own trip). A lower bound the limiter guarantees, not a speed measurement.
    expect(at.at(-1)! - at[0]!).toBeGreaterThanOrEqual(20 * 19);
  });

  it.each([
    [['conformance', '--endpoint', 'http://127.0.0.1:9'], 2, /127\.0\.0\.1:9\/ is unreachable/],
    [['conformance', '--runs', 'many'], 2, /--runs must be a whole number/],
    [['conformance', '--reporter', 'tap'], 2, /--reporter must be pretty, json or junit/],
    [['conformance', '--checks', 'vibes'], 2, /unknown check vibes/],
    [['conformance', '--endpoint', 'ftp://x'], 2, /--endpoint must be an http\(s\) URL/],
    [['conformance', '--video', 'my-videos/v.mp4'], 2, /--video: not an s3:\/\/bucket\/key URL/],
    [['conformance', '--port', '1'], 2, /--port is an option of serve, not of conformance/],
    [['serve', '--strict'], 2, /--strict is an option of conformance, not of serve/],
    [['serve', '--fault-mode', 'gremlins'], 2, /--fault-mode must be one of token-maxLength-plus-one/],
  ])('%j: exit %i', async (argv, status, message) => {
    const { code, err } = await run(argv);
    expect(code).toBe(status);
    expect(err).toMatch(message);
  });
});
