import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/cli.js';
import { serveOptions } from '../src/cli/serveCommand.js';
import { expectUsageError } from './cli-usage.js';
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
    expect(
      await run(['validate', 'StartFaceDetectionRequest', 'r.json'], {
        'r.json': '{"Video":{"S3Object":{"Bucket":"abc","Name":"v.mp4"}}}',
      }),
    ).toEqual({
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
    [
      ['validate'],
      'validate',
      'missing <shape>: one of StartFaceDetectionRequest, StartFaceDetectionResponse, GetFaceDetectionRequest, GetFaceDetectionResponse',
    ],
    [['validate', 'Video', 'r.json'], 'validate', "unknown shape 'Video': one of StartFaceDetectionRequest,"],
    [
      ['validate', 'StartFaceDetectionRequest', 'r.json', 's.json'],
      'validate',
      "unexpected argument 's.json': validate takes <shape> and at most one file",
    ],
    [['validate', 'StartFaceDetectionRequest', '--port', '1'], 'validate', '--port is an option of serve, not of validate'],
    [['validate', '-x', 'StartFaceDetectionRequest'], 'validate', "unknown option '-x'"],
    [
      ['validate', '--max-jobs', '1', 'StartFaceDetectionRequest'],
      'validate',
      '--max-jobs is an option of serve and conformance, not of validate',
    ],
    [['frobnicate'], undefined, "unknown command 'frobnicate': the commands are validate, serve, conformance, replay"],
    [['--nope'], undefined, "unknown option '--nope'"],
    [['--port', '1'], undefined, 'missing command: --port is an option of serve'],
    [[], undefined, 'missing command: one of validate, serve, conformance, replay'],
    [['help', 'frobnicate'], undefined, "no help on 'frobnicate'"],
    [['help', 'serve', 'validate'], undefined, "unexpected argument 'validate': help takes one command"],
  ])('bad usage %j: exit 2, one line naming the problem and the help', async (argv, command, reason) => {
    expectUsageError(await run(argv), command, reason);
  });

  it('an unreadable file: exit 2, one line naming it', async () => {
    expect(await run(['validate', 'StartFaceDetectionRequest', 'missing.json'])).toEqual({
      code: 2,
      out: '',
      err: "face-detection-contract: cannot read missing.json: ENOENT: no such file 'missing.json'\n",
    });
  });

  it('prints the version', async () => {
    for (const flag of ['--version', '-v'])
      expect(await run([flag])).toEqual({ code: 0, out: expect.stringMatching(/^\d+\.\d+\.\d+\n$/), err: '' });
  });
});

describe('face-detection-contract --help', () => {
  const commands = ['validate', 'serve', 'conformance', 'replay'] as const;
  /** What each help must say (its usage line, its options, its exit statuses), and what belongs to other commands. */
  const helps = {
    validate: {
      says: [
        'Usage: face-detection-contract validate <shape> [file]\n',
        '  StartFaceDetectionRequest, StartFaceDetectionResponse, GetFaceDetectionRequest,\n  GetFaceDetectionResponse.\n',
        '\nExit status:\n  0  valid\n  1  invalid: not JSON, or it breaks the contract\n  2  bad usage, or the file cannot be read\n',
      ],
      not: ['--port', '--endpoint'],
    },
    serve: {
      says: [
        'Usage: face-detection-contract serve [options]\n',
        '  --port <n>                The port, 0 for any free one. Default 4566.\n',
        '  --notify-url <url>',
        '  --job-retention <ms>      How long a finished job is kept after it finished, in ms; then its\n',
        'Default 3600000 (an hour).\n',
        '  --max-retained-jobs <n>   The most finished jobs kept; past it the oldest-finished is forgotten.\n',
        'Running jobs are never forgotten. Default 10000.\n',
        '\nExit status:\n  0  stopped by SIGINT or SIGTERM (run by npx: or when npx ends)\n  2  bad usage, or it cannot listen (the port is in use, say)\n',
      ],
      not: ['--endpoint', '--checks', '<shape>'],
    },
    conformance: {
      says: [
        'Usage: face-detection-contract conformance [options]\n',
        '  --checks <a,b>            Only these checks (default all):\n                            negative-rejection, error-contract,',
        '  --job-timeout <s>',
        '\nExit status:\n  0  conformant: every check judged every case (skips --accept-skip names aside)\n  1  not conformant: a check found a violation\n',
        '  3  inconclusive: no violation, but a check could not judge',
        '  --accept-skip <name>      Accept that a check (pagination), or one case of it\n',
      ],
      not: ['--port', '--auth', '<shape>'],
    },
    replay: {
      says: [
        'Usage: face-detection-contract replay <file.har> [options]\n',
        '  --endpoint <url>',
        '\nExit status:\n  0  no contract difference (with --strict: no choice either)\n  1  a contract difference',
        '  --strict                  Choices fail the replay too',
        '  130  interrupted',
      ],
      not: ['--port', '--checks', '<shape>'],
    },
  };

  it.each(
    commands.flatMap((command) => [
      [command, [command, '--help']],
      [command, [command, '-h']],
      [command, ['help', command]],
      [command, ['--help', command]],
    ]),
  )('%s: %j prints its help only, on stdout: exit 0', async (command, argv) => {
    const { code, out, err } = await run(argv);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    for (const text of helps[command].says) expect(out).toContain(text);
    for (const text of helps[command].not) expect(out).not.toContain(text);
    expect(
      out.split('\n').every((line) => line.length <= 100),
      'lines fit a terminal',
    ).toBe(true);
  });

  it.each([
    [['serve', '--bogus', '--help']],
    [['conformance', '--runs', '0', '-h']],
    [['replay', '--rps', 'x', '-h']],
    [['validate', 'Nope', 'a', 'b', '--help']],
  ])('%j: the help, whatever else is wrong', async (argv) => {
    const { code, out, err } = await run(argv);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toMatch(new RegExp(`^Usage: face-detection-contract ${argv[0]} `));
  });

  it.each([[['--help']], [['-h']], [['help']]])('%j lists the commands in a line each, and how to get more', async (argv) => {
    const { code, out, err } = await run(argv);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toMatch(/^Usage: face-detection-contract <command> \[options\]\n/);
    expect(out).toMatch(
      /\n {2}validate <shape> \[file\] {3}\S[^\n]+\n {2}serve \[options\] {11}\S[^\n]+\n {2}conformance \[options\] {5}\S[^\n]+\n {2}replay <file\.har> {9}\S[^\n]+\n/,
    );
    expect(out).toContain("'face-detection-contract <command> --help' shows a command's options and exit status.");
    for (const option of ['--port', '--checks', '--endpoint']) expect(out).not.toContain(option);
  });
});

describe('face-detection-contract: nothing unexpected escapes as a stack', () => {
  it('an error no command expected: one line with its cause, exit 2 (1 is a verdict)', async () => {
    let err = '';
    const failing = {
      out: () => {
        throw new Error('cannot write standard output', { cause: new Error('write EPIPE') });
      },
      err: (t: string) => (err += t),
      read: () => '{}',
    };
    const code = await main(['validate', 'GetFaceDetectionResponse'], failing);
    expect({ code, err }).toEqual({ code: 2, err: 'face-detection-contract: cannot write standard output: write EPIPE\n' });
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
    [['serve', '--port'], "option '--port' needs a value (see"],
    [['serve', '--port', '--host', '::1'], "option '--port' needs a value before '--host'"],
    [['serve', '--bogus'], "unknown option '--bogus'"],
    [['serve', '--help=yes'], "option '--help' takes no value"],
    [['serve', '--host', ''], /--host must name an address/],
    [['serve', '--max-jobs', 'many'], /--max-jobs must be a whole number/],
    [['serve', '--max-body-bytes', '0'], /--max-body-bytes must be a whole number from 1/],
    [['serve', 'now'], "unexpected argument 'now': serve takes options only"],
    [['serve', '--job-duration', 'soon'], /--job-duration must be a whole number from 0 to 2147483647, not 'soon'/],
    [['serve', '--job-duration', '2147483648'], /--job-duration must be a whole number/],
    [['serve', '--job-retention', '1h'], /--job-retention must be a whole number from 0 to 9007199254740991, not '1h'/],
    [['serve', '--job-retention=-1'], /--job-retention must be a whole number from 0/],
    [['serve', '--max-retained-jobs', 'all'], /--max-retained-jobs must be a whole number from 0 to 9007199254740991, not 'all'/],
    [['serve', '--max-retained-jobs', '1.5'], /--max-retained-jobs must be a whole number/],
    [
      ['serve', '--notify-url', 'ftp://127.0.0.1/sns'],
      /--notify-url must be an http:\/\/ or https:\/\/ URL, not 'ftp:\/\/127\.0\.0\.1\/sns'/,
    ],
    [['serve', '--notify-url', 'localhost:8080'], /--notify-url must be an http:\/\/ or https:\/\/ URL/],
    [['serve', '--notify-url', 'http://u:p@127.0.0.1/'], /--notify-url must not hold a user name or password/],
    [['conformance', '--notify-url', 'http://127.0.0.1/'], /--notify-url is an option of serve, not of conformance/],
  ])('bad usage %j: exit 2, one line naming the problem and the help', async (argv, reason) => {
    expectUsageError(await run(argv), argv[0], reason);
  });

  it("makes a service that records no calls: nothing in serve's process reads them", () => {
    expect(serveOptions({ port: '0' })).toMatchObject({ service: { maxRecordedCalls: 0 } });
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
    return {
      listening: Promise.race([listening, exit.then((code) => Promise.reject(new Error(`exited ${code}: ${err}`)))]),
      stop,
      exit,
      output: () => ({ out, err }),
    };
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

  it.each([
    ['--max-retained-jobs 1: the older of two finished jobs', ['--max-retained-jobs', '1'], 2],
    ['--job-retention 0: a finished job at the next request', ['--job-retention', '0'], 1],
  ])('%s is forgotten: ResourceNotFoundException', async (_, flags, jobs) => {
    const server = serve(['--job-duration', '0', ...flags]);
    const url = await server.listening;
    const started: string[] = [];
    for (let i = 0; i < jobs; i++) started.push(((await (await start(url)).json()) as { JobId: string }).JobId);
    const get = (JobId: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'RekognitionService.GetFaceDetection' },
        body: JSON.stringify({ JobId }),
      }).then(async (response) => [response.status, ((await response.json()) as { __type: string }).__type]);
    // Each request first finishes the jobs due (a duration of 0: all of them), then forgets.
    expect(await get(started[0]!)).toEqual([400, 'ResourceNotFoundException']);
    if (jobs === 2) expect(await get(started[1]!)).toEqual([200, undefined]);
    server.stop('SIGTERM');
    expect(await server.exit).toBe(0);
  });

  it("--job-duration and --notify-url: a finished job's notice is POSTed as SNS, the delivery logged", async () => {
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

  it('cannot listen on a port in use: exit 2, one line with the reason', async () => {
    const first = serve([]);
    const url = await first.listening;
    const port = new URL(url).port;
    const second = await run(['serve', '--port', port]);
    expect(second).toEqual({
      code: 2,
      out: '',
      err: `face-detection-contract: cannot listen on 127.0.0.1:${port}: the port is in use (EADDRINUSE); --port 0 takes any free one\n`,
    });
    first.stop('SIGTERM');
    expect(await first.exit).toBe(0);
  });
});
