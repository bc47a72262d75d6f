import { describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { startReceiver } from './sns-receiver.js';

async function run(argv: string[], files: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = await main(argv, {
    out: (t) => (out += t),
    err: (t) => (err += t),
    read: (file) => {
      if (!(file in files)) throw new Error(`ENOENT: no such file '${file}'`);
      return files[file]!;
    },
  });
  return { code, out, err };
}

describe('face-detection-contract validate', () => {
  it('accepts a valid request: exit 0', async () => {
    expect(await run(['validate', 'StartFaceDetectionRequest', 'r.json'], { 'r.json': '{"Video":{"S3Object":{"Bucket":"abc","Name":"v.mp4"}}}' })).toEqual({
      code: 0,
      out: 'valid StartFaceDetectionRequest\n',
      err: '',
    });
  });

  it('reads standard input by default and lists each violation: exit 1', async () => {
    const { code, out } = await run(['validate', 'GetFaceDetectionRequest'], { '-': '{"MaxResults":0}' });
    expect(code).toBe(1);
    expect(out).toBe(
      "ValidationException: 2 validation errors detected: Value null at 'jobId' failed to satisfy constraint: Member must not be null; " +
        "Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1\n" +
        '  jobId  required  Member must not be null\n' +
        '  maxResults  range  Member must have value greater than or equal to 1\n',
    );
  });

  it('answers SerializationException for a body that is not JSON: exit 1', async () => {
    const { code, out } = await run(['validate', 'StartFaceDetectionRequest', 'r.json'], { 'r.json': '{"Video":' });
    expect(code).toBe(1);
    expect(out).toMatch(/^SerializationException: r\.json is not JSON/);
  });

  it.each([
    [['validate'], /validate needs a shape/],
    [['validate', 'Video', 'r.json'], /unknown shape 'Video'/],
    [['validate', 'StartFaceDetectionRequest', 'missing.json'], /cannot read missing\.json/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['--nope'], /Unknown option '--nope'/],
    [['validate', 'StartFaceDetectionRequest', '--port', '1'], /--port is an option of serve, not of validate/],
  ])('bad usage %j: exit 2 with a reason', async (argv, reason) => {
    const { code, err } = await run(argv);
    expect(code).toBe(2);
    expect(err).toMatch(reason);
  });

  it('prints help and version', async () => {
    expect(await run(['--help'])).toMatchObject({ code: 0, out: expect.stringContaining('validate <shape> [file]') });
    expect(await run(['--help'])).toMatchObject({ code: 0, out: expect.stringContaining('serve [options]') });
    expect((await run(['--version'])).out).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('face-detection-contract serve', () => {
  it.each([
    [['serve', '--auth', 'sigv4'], /--auth sigv4 needs --credentials/],
    [['serve', '--credentials', 'AKID:SECRET'], /--credentials needs --auth sigv4/],
    [['serve', '--auth', 'basic', '--credentials', 'AKID:SECRET'], /--auth must be sigv4 or none, not 'basic'/],
    [['serve', '--auth', 'sigv4', '--credentials', 'AKIDSECRET'], /--credentials must be ACCESS_KEY_ID:SECRET_ACCESS_KEY/],
    [['serve', '--auth', 'sigv4', '--credentials', ':SECRET'], /--credentials must be ACCESS_KEY_ID:SECRET_ACCESS_KEY/],
    [['serve', '--auth', 'sigv4', '--credentials', 'AKID:'], /--credentials must be ACCESS_KEY_ID:SECRET_ACCESS_KEY/],
    [['serve', '--auth', 'sigv4', '--credentials', 'AK ID:SECRET'], /--credentials must be ACCESS_KEY_ID:SECRET_ACCESS_KEY/],
    [['serve', '--port', '65536'], /--port must be a whole number from 0 to 65535, not '65536'/],
    [['serve', '--port', '80.5'], /--port must be a whole number from 0 to 65535/],
    [['serve', '--port', 'http'], /--port must be a whole number from 0 to 65535/],
    [['serve', '--port=-1'], /--port must be a whole number from 0 to 65535, not '-1'/],
    [['serve', '--port'], /argument missing/],
    [['serve', '--host', ''], /--host must name an address/],
    [['serve', '--max-jobs', 'many'], /--max-jobs must be a whole number/],
    [['serve', '--max-body-bytes', '0'], /--max-body-bytes must be a whole number from 1/],
    [['serve', 'now'], /unexpected argument 'now'/],
    [['serve', '--job-duration', 'soon'], /--job-duration must be a whole number from 0 to 2147483647, not 'soon'/],
    [['serve', '--job-duration', '2147483648'], /--job-duration must be a whole number/],
    [['serve', '--notify-url', 'ftp://127.0.0.1/sns'], /--notify-url must be an http:\/\/ or https:\/\/ URL, not 'ftp:\/\/127\.0\.0\.1\/sns'/],
    [['serve', '--notify-url', 'localhost:8080'], /--notify-url must be an http:\/\/ or https:\/\/ URL/],
    [['serve', '--notify-url', 'http://u:p@127.0.0.1/'], /--notify-url must not hold a user name or password/],
    [['conformance', '--notify-url', 'http://127.0.0.1/'], /--notify-url is an option of serve, not of conformance/],
  ])('bad usage %j: exit 2 with a reason', async (argv, reason) => {
    const { code, out, err } = await run(argv);
    expect(code).toBe(2);
    expect(err).toMatch(reason);
    expect(out).toBe('');
  });

  it('never echoes a malformed --credentials value (it holds a secret)', async () => {
    const { code, err } = await run(['serve', '--auth', 'sigv4', '--credentials', 'wJalrXUtnFEMI K7MDENG']);
    expect(code).toBe(2);
    expect(err).not.toContain('wJalrXUtnFEMI');
  });

  /** Runs serve in-process until the test calls stop(signal). */
  function serve(argv: string[]) {
    let out = '';
    let err = '';
    let stop!: (signal: string) => void;
    const stopped = new Promise<string>((resolve) => (stop = resolve));
    let ready!: (url: string) => void;
    const listening = new Promise<string>((resolve) => (ready = resolve));
    const exit = main(['serve', '--port', '0', ...argv], {
      out: (t) => {
        out += t;
        const url = /^listening on (http:\/\/\S+)\n/.exec(out)?.[1];
        if (url) ready(url);
      },
      err: (t) => (err += t),
      read: () => '',
      stopSignal: () => stopped,
    });
    return { listening: Promise.race([listening, exit.then((code) => Promise.reject(new Error(`exited ${code}: ${err}`)))]), stop, exit, output: () => ({ out, err }) };
  }

  const start = (url: string, init: RequestInit = {}) =>
    fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'RekognitionService.StartFaceDetection' },
      body: JSON.stringify({ Video: { S3Object: { Bucket: 'my-videos', Name: 'lobby.mp4' } } }),
      ...init,
    });

  it('listens on loopback, answers, prints one line per request to stderr, and stops on a signal: exit 0', async () => {
    const server = serve([]);
    const url = await server.listening;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await start(url);
    expect(response.status).toBe(200);
    expect((await response.json()) as unknown).toEqual({ JobId: expect.stringMatching(/^[0-9a-f]{64}$/) });
    server.stop('SIGTERM');
    expect(await server.exit).toBe(0);
    const { out, err } = server.output();
    expect(out).toBe(`listening on ${url}\nSIGTERM: stopping\n`);
    expect(err).toMatch(/^POST \/ RekognitionService\.StartFaceDetection 200 [0-9a-f-]{36}\n$/);
    await expect(start(url)).rejects.toThrow();
  });

  it('--auth sigv4 refuses unsigned requests; --max-jobs and --max-body-bytes reach the service', async () => {
    const server = serve(['--auth', 'sigv4', '--credentials', 'AKIDEXAMPLE:wJalrXUtnFEMI', '--max-jobs', '0', '--max-body-bytes', '64']);
    const url = await server.listening;
    const unsigned = await start(url);
    expect(unsigned.status).toBe(400);
    expect(await unsigned.json()).toEqual({ __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
    const large = await start(url, { body: JSON.stringify({ Video: { S3Object: { Bucket: 'my-videos', Name: 'x'.repeat(100) } } }) });
    expect(large.status).toBe(413);
    server.stop('SIGINT');
    expect(await server.exit).toBe(0);
    expect(server.output().err).not.toContain('wJalrXUtnFEMI');
  });

  it('--job-duration and --notify-url: a finished job\'s notice is POSTed as SNS, the delivery logged', async () => {
    const receiver = await startReceiver();
    const server = serve(['--job-duration', '50', '--notify-url', receiver.url]);
    const url = await server.listening;
    const response = await start(url, {
      body: JSON.stringify({
        Video: { S3Object: { Bucket: 'my-videos', Name: 'lobby.mp4' } },
        NotificationChannel: { SNSTopicArn: 'arn:aws:sns:us-east-1:123456789012:faces', RoleArn: 'arn:aws:iam::123456789012:role/sns' },
      }),
    });
    const { JobId } = (await response.json()) as { JobId: string };
    const post = await receiver.notice(JobId);
    expect(post.headers['x-amz-sns-topic-arn']).toBe('arn:aws:sns:us-east-1:123456789012:faces');
    expect(post.notice).toMatchObject({ JobId, Status: 'SUCCEEDED' });
    server.stop('SIGTERM');
    expect(await server.exit).toBe(0);
    await receiver.close();
    expect(server.output().err).toMatch(new RegExp(`^SNS http://127\\.0\\.0\\.1:\\d+/sns ${JobId} SUCCEEDED 200 [0-9a-f-]{36}$`, 'm'));
  });

  it('cannot listen on a port in use: exit 1 with the reason', async () => {
    const first = serve([]);
    const url = await first.listening;
    const port = new URL(url).port;
    const second = await run(['serve', '--port', port]);
    expect(second.code).toBe(1);
    expect(second.err).toMatch(/cannot listen on 127\.0\.0\.1:\d+: .*EADDRINUSE/);
    first.stop('SIGTERM');
    expect(await first.exit).toBe(0);
  });
});
