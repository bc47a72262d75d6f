// `conformance --record`: every attempt of a run as HAR 1.2, against the real emulator over
// loopback: one entry per attempt (retries included), each labelled with its check and case, and
// no signature, secret or session token in any recording.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/cli.js';
import { httpTarget, readHar, runConformance, type Har } from '../src/conformance/index.js';
import { startEmulator, type Emulator } from '../src/emulator.js';
import { FaceDetectionService } from '../src/msw.js';
import { expectUsageError } from './cli-usage.js';

const KEY = {
  accessKeyId: 'AKIDRECORDING',
  secretAccessKey: 'recording-secret-never-written',
  sessionToken: 'recording-session-token-never-written',
};

let dir: string;
const emulators: Emulator[] = [];
const emulator = async (options: Parameters<typeof startEmulator>[0] = {}) => {
  const e = await startEmulator({ port: 0, ...options });
  emulators.push(e);
  return e;
};
const readRecording = (file: string): Har => readHar(readFileSync(file, 'utf8'));

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t), read: (f) => readFileSync(f, 'utf8') });
  return { code, out, err };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fdc-recording-'));
});
afterAll(async () => {
  await Promise.all(emulators.map((e) => e.close()));
  rmSync(dir, { recursive: true, force: true });
});

describe('a recording', () => {
  it('holds every attempt as HAR 1.2, retries included, each labelled with its check and case', async () => {
    const service = new FaceDetectionService({ jobDurationMs: 20 });
    // The probe is throttled twice: the run sends it three times, and all three are recorded.
    service.failNext(2, 'ThrottlingException', { operation: 'GetFaceDetection' });
    const { url } = await emulator({ service });
    const file = join(dir, 'attempts.har');
    const report = await runConformance({ endpoint: url, record: file, runs: 3, seed: 5, checks: ['unknown-job', 'negative-rejection'] });
    const har = readRecording(file);

    expect(har.log.version).toBe('1.2');
    expect(har.log.creator).toEqual({ name: 'rekognition-face-detection-contract', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(har.log.entries).toHaveLength(report.requests);
    expect(har.log.entries.slice(0, 3).map((e) => [e.comment, e.response.status, JSON.parse(e.response.content.text!).__type])).toEqual([
      ['probe', 500, 'ThrottlingException'],
      ['probe', 500, 'ThrottlingException'],
      ['probe', 400, 'ResourceNotFoundException'],
    ]);
    const labels = new Set(har.log.entries.map((e) => e.comment));
    expect(labels).toContain('check unknown-job, case unknown-job');
    expect([...labels].some((l) => /^check negative-rejection, case StartFaceDetection /.test(l!))).toBe(true);
    for (const entry of har.log.entries) {
      expect(entry.request).toMatchObject({ method: 'POST', url: new URL(url).href, postData: { mimeType: 'application/x-amz-json-1.1' } });
      expect(entry.request.headers).toContainEqual({ name: 'x-amz-target', value: expect.stringMatching(/^RekognitionService\./) });
      expect(entry.response.headers).toContainEqual({ name: 'x-amzn-requestid', value: expect.any(String) });
      expect(Number.isNaN(Date.parse(entry.startedDateTime))).toBe(false);
      expect(entry.timings.wait).toBe(entry.time);
    }
  });

  it('contains no signature, secret or session token, only the access key id', async () => {
    const { url } = await emulator({ service: { jobDurationMs: 20 }, auth: { credentials: KEY } });
    const file = join(dir, 'signed.har');
    const report = await runConformance({ target: httpTarget({ endpoint: url, credentials: KEY }), record: file, runs: 3, seed: 9 });
    expect(report.verdict, 'the emulator took every signature').toBe('conformant');
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(KEY.secretAccessKey);
    expect(text).not.toContain(KEY.sessionToken);
    expect(text).not.toMatch(/Signature=(?!<redacted>)/);
    const headers = readRecording(file).log.entries.map((e) => Object.fromEntries(e.request.headers.map((h) => [h.name, h.value])));
    expect(headers, 'the recording holds an entry for each request of the run').toHaveLength(report.requests);
    for (const h of headers) {
      expect(h.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDRECORDING\/\d{8}\/us-east-1\/rekognition\/aws4_request, Signature=<redacted>$/,
      );
      expect(h['x-amz-security-token']).toBe('<redacted>');
    }
  });

  it('is written by conformance --record, which says where; an unwritable one ends the run first', async () => {
    const { url } = await emulator({ service: { jobDurationMs: 20 } });
    const file = join(dir, 'cli.har');
    const result = await run(['conformance', '--endpoint', url, '--runs', '2', '--seed', '3', '--checks', 'unknown-job', '--record', file]);
    expect(result.code, result.err).toBe(0);
    expect(result.err).toContain(`recording written to ${file}`);
    expect(readRecording(file).log.entries.map((e) => e.comment)).toContain('check unknown-job, case unknown-job');

    const nowhere = await run(['conformance', '--runs', '2', '--record', join(dir, 'no-such-dir', 'x.har')]);
    expect(nowhere.code).toBe(2);
    expect(nowhere.err).toMatch(/cannot write --record .*x\.har: no such directory/);
    expect(nowhere.out).toBe('');
    expectUsageError(await run(['conformance', '--record=']), 'conformance', '--record needs a file name');
  });
});
