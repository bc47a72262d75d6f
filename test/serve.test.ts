// The real `face-detection-contract serve` process (built by built-bin.ts), spawned, driven with the
// AWS SDK, stopped with a signal.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { GetFaceDetectionCommand, StartFaceDetectionCommand } from '@aws-sdk/client-rekognition';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBin, exited, type Exit } from './built-bin.js';
import { client, credentials, failure, video } from './aws-sdk.js';

let bin: string;

beforeAll(async () => {
  bin = await buildBin();
}, 120_000);

/** Spawns `serve` and waits for its "listening on" line. */
async function serve(args: string[]): Promise<{ child: ChildProcessWithoutNullStreams; url: string; exit: Promise<Exit> }> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as unknown as ChildProcessWithoutNullStreams;
  const exit = exited(child);
  let stdout = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
      if (match) resolve(match[1]!);
    });
    void exit.then((e) => reject(new Error(`serve exited ${e.code} before listening:\n${e.stdout}\n${e.stderr}`)));
    setTimeout(() => reject(new Error(`serve did not listen within 20 s:\n${stdout}`)), 20_000).unref();
  });
  return { child, url, exit };
}

describe('face-detection-contract serve (the built bin, in its own process)', () => {
  it('prints "listening on http://127.0.0.1:PORT", answers the SDK, and exits 0 on SIGTERM', async () => {
    const { child, url, exit } = await serve([]);
    const rekognition = client(url);
    const { JobId } = await rekognition.send(new StartFaceDetectionCommand({ Video: video }));
    expect(JobId).toMatch(/^[0-9a-f]{64}$/);
    expect((await rekognition.send(new GetFaceDetectionCommand({ JobId }))).JobStatus).toBe('IN_PROGRESS');
    rekognition.destroy();

    child.kill('SIGTERM');
    const { code, signal, stdout, stderr } = await exit;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(stdout).toBe(`listening on ${url}\nSIGTERM: stopping\n`);
    expect(stderr).toMatch(/^POST \/ RekognitionService\.StartFaceDetection 200 /m);
    expect(stderr).toMatch(/^POST \/ RekognitionService\.GetFaceDetection 200 /m);
  });

  it('with --auth sigv4: a signed call passes, a wrong secret gets InvalidSignatureException; exits 0 on SIGINT', async () => {
    const { child, url, exit } = await serve([
      '--auth',
      'sigv4',
      '--credentials',
      `${credentials.accessKeyId}:${credentials.secretAccessKey}`,
      '--max-jobs',
      '1',
    ]);
    const { JobId } = await client(url).send(new StartFaceDetectionCommand({ Video: video }));
    expect(JobId).toMatch(/^[0-9a-f]{64}$/);
    const limited = await failure(client(url).send(new StartFaceDetectionCommand({ Video: video })));
    expect(limited.name).toBe('LimitExceededException');
    const wrong = await failure(
      client(url, { credentials: { ...credentials, secretAccessKey: 'not-the-secret' } }).send(
        new StartFaceDetectionCommand({ Video: video }),
      ),
    );
    expect(wrong.name).toBe('InvalidSignatureException');

    child.kill('SIGINT');
    const { code, stdout, stderr } = await exit;
    expect(code).toBe(0);
    expect(stdout).toBe(`listening on ${url}\nSIGINT: stopping\n`);
    expect(stderr).not.toContain(credentials.secretAccessKey);
    expect(stderr).toMatch(/ 400 InvalidSignatureException /);
  });

  it("an oversized body gets 413 in the service's format and the process keeps serving", async () => {
    const { child, url, exit } = await serve(['--max-body-bytes', '1024']);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'RekognitionService.StartFaceDetection' },
      body: new Uint8Array(2 * 1024 * 1024),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(response.headers.get('x-amzn-requestid')).toBeTruthy();
    expect(await response.json()).toEqual({ __type: 'SerializationException', message: 'The request body is larger than 1024 bytes' });
    const { JobId } = await client(url).send(new StartFaceDetectionCommand({ Video: video }));
    expect(JobId).toMatch(/^[0-9a-f]{64}$/);
    child.kill('SIGTERM');
    expect((await exit).code).toBe(0);
  });

  it('--max-retained-jobs 1: of two finished jobs, the older answers ResourceNotFoundException, the newer its results', async () => {
    const { child, url, exit } = await serve(['--job-duration', '0', '--max-retained-jobs', '1']);
    const rekognition = client(url);
    const older = (await rekognition.send(new StartFaceDetectionCommand({ Video: video }))).JobId;
    const newer = (await rekognition.send(new StartFaceDetectionCommand({ Video: video }))).JobId;
    // Each request first finishes the jobs due (a duration of 0: every one), then forgets past the count.
    expect((await failure(rekognition.send(new GetFaceDetectionCommand({ JobId: older })))).name).toBe('ResourceNotFoundException');
    expect((await rekognition.send(new GetFaceDetectionCommand({ JobId: newer }))).JobStatus).toBe('SUCCEEDED');
    rekognition.destroy();
    child.kill('SIGTERM');
    expect((await exit).code).toBe(0);
  });

  it('bad flags: exit 2 with a reason, never listening', async () => {
    const result = await exited(spawn(process.execPath, [bin, 'serve', '--auth', 'sigv4']));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--auth sigv4 needs --credentials');
    expect(result.stdout).toBe('');
  });
});
