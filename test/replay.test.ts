// `replay`: a recording made against the real emulator, sent again to the embedded mock (the
// mock's fidelity test: no difference) and to services broken by a fault mode (exactly the
// differences the mode makes, each graded contract); a world that differs graded as such; the
// CLI's exit codes 0, 1 and 2.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/cli.js';
import { embeddedTarget, readHar, replayHar, runConformance, type Har, type ReplayReport } from '../src/conformance/index.js';
import { brokenAnswers } from './brokenAnswers.js';
import { startEmulator } from '../src/emulator.js';
import { FaceDetectionService } from '../src/msw.js';
import { expectUsageError } from './cli-usage.js';

let dir: string;
let healthy: string;
let har: Har;
/** A recording of the checks that start jobs (and of unknown jobs): the world over HTTP, in fewer requests. */
let jobsOnly: string;
let jobsHar: Har;

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t), read: (f) => readFileSync(f, 'utf8') });
  return { code, out, err };
}

/** A recording of the whole suite against the emulator serving `service`. */
async function record(file: string, service: FaceDetectionService, checks?: string[]): Promise<Har> {
  const emulator = await startEmulator({ port: 0, service });
  try {
    await runConformance({ endpoint: emulator.url, record: file, runs: 5, seed: 11, ...(checks ? { checks } : {}) });
  } finally {
    await emulator.close();
  }
  return readHar(readFileSync(file, 'utf8'));
}
const service = (options: ConstructorParameters<typeof FaceDetectionService>[0] = {}) =>
  new FaceDetectionService({ jobDurationMs: 20, maxConcurrentJobs: Number.POSITIVE_INFINITY, ...options });

/** The recorded error code of an entry, as SDKs read it. */
const recordedType = (har: Har, index: number) => JSON.parse(har.log.entries[index - 1]!.response.content.text!).__type;
const aspects = (report: ReplayReport) => report.differences.map((d) => d.differences.map((x) => x.aspect));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fdc-replay-'));
  healthy = join(dir, 'emulator.har');
  jobsOnly = join(dir, 'jobs.har');
  [har, jobsHar] = await Promise.all([
    record(healthy, service()),
    record(jobsOnly, service(), ['lifecycle', 'pagination', 'idempotency', 'unknown-job']),
  ]);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each test its own service or emulator: side by side, a throttled one's waits overlap the others' work.
describe.concurrent('replayHar', () => {
  it('finds no difference between the emulator and the embedded mock, the whole suite replayed as one conversation', async () => {
    const report = await replayHar(har);
    expect(report.differences).toEqual([]);
    expect(report).toMatchObject({ identical: true, entries: har.log.entries.length, replayed: har.log.entries.length, skipped: [] });
    // The Gets of started jobs were answered (the JobIds were mapped), and pages were followed by their NextTokens.
    const gets = har.log.entries.filter((e) => e.request.postData?.text.includes('NextToken') && e.response.status === 200);
    expect(gets.length).toBeGreaterThan(0);
  });

  it.each([
    {
      mode: 'wrong-status-for-modelled-error',
      // Every ResourceNotFoundException, and nothing else, answers 404 instead of 400.
      expected: (report: ReplayReport) => {
        const notFound = har.log.entries.flatMap((e, i) =>
          e.response.content.text?.includes('"ResourceNotFoundException"') ? [i + 1] : [],
        );
        expect(notFound.length).toBeGreaterThan(0);
        expect(report.differences.map((d) => d.index)).toEqual(notFound);
        for (const d of report.differences) {
          expect(recordedType(har, d.index)).toBe('ResourceNotFoundException');
          expect(d.differences).toEqual([
            {
              aspect: 'status',
              recorded: '400',
              replayed: '404',
              grade: 'contract',
              why: expect.stringMatching(
                /^the replayed answer breaks the contract: .* got 404 ResourceNotFoundException \(refusal-code\)$/,
              ),
            },
          ]);
        }
      },
    },
    {
      mode: 'missing-request-id',
      // Every answer lacks its x-amzn-RequestId, and differs in nothing else.
      expected: (report: ReplayReport) => {
        expect(report.differences).toHaveLength(har.log.entries.length);
        expect(new Set(aspects(report).map((a) => a.join()))).toEqual(new Set(['RequestId']));
        expect(report.differences[0]!.differences).toEqual([
          {
            aspect: 'RequestId',
            recorded: 'present',
            replayed: 'absent',
            grade: 'contract',
            why: expect.stringContaining('the answer has no x-amzn-RequestId header (request-id)'),
          },
        ]);
      },
    },
    {
      mode: 'jobStatus-lowercase',
      // Every 200 page of a job the recording started, and nothing else, breaks the output schema.
      expected: (report: ReplayReport) => {
        const started = new Set(
          har.log.entries.flatMap((e) =>
            e.request.headers.some((h) => h.value === 'RekognitionService.StartFaceDetection') && e.response.status === 200
              ? [JSON.parse(e.response.content.text!).JobId]
              : [],
          ),
        );
        const pages = har.log.entries.flatMap((e, i) =>
          e.request.headers.some((h) => h.value === 'RekognitionService.GetFaceDetection') &&
          e.response.status === 200 &&
          started.has(JSON.parse(e.request.postData!.text).JobId)
            ? [i + 1]
            : [],
        );
        expect(pages.length).toBeGreaterThan(0);
        expect(report.differences.map((d) => d.index)).toEqual(pages);
        for (const d of report.differences) {
          expect(d.differences.map((x) => [x.aspect, x.grade])).toEqual([['schema', 'contract']]);
          expect(d.differences[0]!.why).toMatch(
            /^the replayed answer breaks the contract: .*'(in_progress|succeeded)' at 'jobStatus'.*\(output-schema\)$/,
          );
        }
      },
    },
  ] as const)('against $mode, shows exactly the differences it makes', async ({ mode, expected }) => {
    const broken = service({ faultMode: mode });
    const report = await replayHar(har, { target: embeddedTarget(broken), service: broken });
    expect(report.identical).toBe(false);
    expect(report.passed).toBe(false);
    expect(
      report.graded,
      JSON.stringify(report.differences.filter((d) => d.differences.some((x) => x.grade !== 'contract'))),
    ).toMatchObject({ choice: 0, world: 0 });
    expected(report);
  });

  it('grades what follows from another world as world, and starts no job the recording did not', async () => {
    // The recording's objects and faces, but the endpoint's world is its own: one video of its own faces, nothing else.
    const elsewhere = service({ s3Objects: { 'elsewhere/other.mp4': {} } });
    const report = await replayHar(har, { target: embeddedTarget(elsewhere) });
    expect(report.world).toBeUndefined();
    expect(report.passed).toBe(true);
    expect(report.graded.contract).toBe(0);
    // Each start the recording's endpoint began a job on is refused here: InvalidS3ObjectException, not a contract difference.
    const starts = report.differences.filter((d) => d.operation === 'StartFaceDetection' && d.recorded.status === 200);
    expect(starts.length).toBeGreaterThan(0);
    for (const d of starts) {
      expect(d.differences.find((x) => x.aspect === 'error code')).toMatchObject({
        recorded: '(none)',
        replayed: 'InvalidS3ObjectException',
        grade: 'world',
        why: 'the object exists at one endpoint and not at the other',
      });
    }
    // Their polls are not sent: their JobIds have no counterpart.
    expect(report.skipped.some((s) => /whose replay answered none/.test(s.reason))).toBe(true);
    expect(elsewhere.jobs).toHaveLength(0);
  });

  it("loads the world into the service it is given, an emulator's over HTTP: every recorded object exists, the jobs find the recorded faces", async () => {
    // Another world than the recording's (one object of its own faces), replaced by the recording's.
    const emulator = await startEmulator({ port: 0, service: service({ s3Objects: { 'elsewhere/other.mp4': {} } }) });
    try {
      const report = await replayHar(jobsHar, { endpoint: emulator.url, service: emulator.service });
      expect(report.differences).toEqual([]);
      expect(report.world?.readable).toBeGreaterThan(0);
      expect(report.jobs.replayed).toBe(report.jobs.recorded);
      expect(emulator.service.jobs).toHaveLength(report.jobs.recorded);
    } finally {
      await emulator.close();
    }
  });

  it('does not send again what the recording got "later" (throttling), and compares the attempt that was answered', async () => {
    const throttled = service();
    throttled.failNext(2, 'ThrottlingException', { operation: 'GetFaceDetection' });
    // The probe is the throttled request: a check of a few requests after it is enough.
    const recording = await record(join(dir, 'throttled.har'), throttled, ['unknown-job']);
    const report = await replayHar(recording);
    expect(report.skipped).toEqual([
      { index: 1, reason: 'recorded as "later" (ThrottlingException): back-pressure' },
      { index: 2, reason: 'recorded as "later" (ThrottlingException): back-pressure' },
    ]);
    expect(report.identical).toBe(true);
  });
});

describe('the oracles a replay grades with', () => {
  it('find no recorded answer of a conformant endpoint broken, with --strict or without', async () => {
    expect(brokenAnswers(har)).toEqual([]);
    const strict = join(dir, 'strict.har');
    const emulator = await startEmulator({ port: 0, service: service() });
    try {
      // The checks --strict changes what they send and demand.
      const report = await runConformance({
        endpoint: emulator.url,
        record: strict,
        runs: 5,
        seed: 12,
        strict: true,
        checks: ['negative-rejection', 'protocol'],
      });
      expect(report.verdict).toBe('conformant');
    } finally {
      await emulator.close();
    }
    const recording = readHar(readFileSync(strict, 'utf8'));
    expect(recording.log.entries.length).toBeGreaterThan(1000);
    expect(brokenAnswers(recording)).toEqual([]);
  });

  it('find each answer a fault mode breaks: every recorded ResourceNotFoundException of an endpoint that answers it 404', async () => {
    const file = join(dir, 'wrong-status.har');
    const emulator = await startEmulator({ port: 0, service: service({ faultMode: 'wrong-status-for-modelled-error' }) });
    try {
      await runConformance({ endpoint: emulator.url, record: file, runs: 3, seed: 2, checks: ['unknown-job', 'protocol'] });
    } finally {
      await emulator.close();
    }
    const recording = readHar(readFileSync(file, 'utf8'));
    const notFound = recording.log.entries.flatMap((e, i) =>
      e.response.content.text?.includes('ResourceNotFoundException') ? [i + 1] : [],
    );
    expect(notFound.length).toBeGreaterThan(0);
    expect(brokenAnswers(recording).map((b) => Number(/^#(\d+)/.exec(b)![1]))).toEqual(notFound);
  });
});

describe('face-detection-contract replay', () => {
  it('exits 0 when the mock answers as the emulator did', async () => {
    const result = await run(['replay', healthy]);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toMatch(/^replay of \d+ recorded requests against embedded mock: \d+ replayed/);
    expect(result.out).toContain('no difference');
  });

  it('exits 1 and lists each difference side by side for a recording of a broken endpoint', async () => {
    const file = join(dir, 'broken.har');
    const emulator = await startEmulator({ port: 0, service: service({ faultMode: 'wrong-status-for-modelled-error' }) });
    try {
      const recorded = await run([
        'conformance',
        '--endpoint',
        emulator.url,
        '--runs',
        '3',
        '--seed',
        '2',
        '--checks',
        'unknown-job',
        '--record',
        file,
      ]);
      expect(recorded.code, 'the suite finds the fault').toBe(1);
    } finally {
      await emulator.close();
    }
    const result = await run(['replay', file]);
    expect(result.code, result.err).toBe(1);
    expect(result.out).toMatch(/^contract: \d+ differences in \d+ answers on what the contract fixes:/m);
    expect(result.out).toMatch(
      /#1 GetFaceDetection \(probe\)\n +the recorded answer breaks the contract \(.*\); the replayed one keeps it\n +recorded +\| replayed\n +status +404 +\| 400\n/,
    );
    expect(result.out).toMatch(/answer +404 ResourceNotFoundException +\| 400 ResourceNotFoundException/);
    expect(result.out).toContain('(check unknown-job, case unknown-job)');
  });

  it("serve --world takes on the recording's world; replay --world-loaded holds it to the contract there, with no difference", async () => {
    let stop: (signal: string) => void = () => undefined;
    let listening: (url: string) => void = () => undefined;
    const url = new Promise<string>((resolve) => (listening = resolve));
    let err = '';
    const serving = main(['serve', '--port', '0', '--job-duration', '20', '--world', jobsOnly], {
      out: (text) => {
        const found = /^listening on (\S+)/.exec(text);
        if (found) listening(found[1]!);
      },
      err: (text) => (err += text),
      read: (file) => readFileSync(file, 'utf8'),
      stopSignal: () => new Promise((resolve) => (stop = resolve)),
    });
    try {
      const endpoint = await url;
      expect(err).toMatch(new RegExp(`^the world of ${jobsOnly.replace(/[.\\/]/g, '\\$&')}: \\d+ readable, 0 refused$`, 'm'));
      const result = await run(['replay', jobsOnly, '--endpoint', endpoint, '--world-loaded']);
      expect(result.code, result.out).toBe(0);
      expect(result.out).toContain("the recording's world at the endpoint:");
      expect(result.out).toContain('no difference: every answer agrees with the recording');
      // Only the recording's objects exist there now.
      const answer = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'RekognitionService.StartFaceDetection' },
        body: JSON.stringify({ Video: { S3Object: { Bucket: 'not-recorded', Name: 'anything.mp4' } } }),
      });
      expect([answer.status, ((await answer.json()) as { __type: string }).__type]).toEqual([400, 'InvalidS3ObjectException']);
    } finally {
      stop('SIGTERM');
      expect(await serving).toBe(0);
    }
  });

  it('exits 2 for bad usage, a file it cannot read, and a file that is no recording', async () => {
    expectUsageError(await run(['replay', healthy, '--world-loaded']), 'replay', '--world-loaded needs --endpoint');
    const noWorld = await run(['serve', '--port', '0', '--world', join(dir, 'nothing.har')]);
    expect([noWorld.code, noWorld.out]).toEqual([2, '']);
    expect(noWorld.err).toMatch(/^face-detection-contract: --world .*nothing\.har: ENOENT/);
    expectUsageError(await run(['replay']), 'replay', /missing <file\.har>/);
    expectUsageError(await run(['replay', healthy, 'more']), 'replay', "unexpected argument 'more'");
    expectUsageError(await run(['replay', healthy, '--endpoint', 'ftp://x']), 'replay', '--endpoint must be an http(s) URL');
    expectUsageError(await run(['replay', healthy, '--rps', '0']), 'replay', '--rps must be a positive number');
    const missing = await run(['replay', join(dir, 'nothing.har')]);
    expect([missing.code, missing.out]).toEqual([2, '']);
    expect(missing.err).toMatch(/^face-detection-contract: cannot read .*nothing\.har: ENOENT/);
    const notHar = join(dir, 'not.har');
    for (const [text, why] of [
      ['{', /not JSON/],
      ['{"log":{}}', /no log\.entries list/],
      ['{"log":{"entries":[{"request":{}}]}}', /entry 1 of log\.entries is not a HAR entry/],
    ] as const) {
      writeFileSync(notHar, text);
      const result = await run(['replay', notHar]);
      expect([result.code, result.out]).toEqual([2, '']);
      expect(result.err).toMatch(why);
    }
    const help = await run(['replay', '--help']);
    expect([help.code, help.out]).toEqual([0, expect.stringContaining('Usage: face-detection-contract replay <file.har>')]);
  });
});
