// The emulator over real HTTP on loopback: the real AWS SDK against it, then what no SDK sends
// (oversized, malformed, aborted, hostile requests), which must each get an answer in the service's
// format, or at worst a closed connection, and never take the server down.
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import {
  GetFaceDetectionCommand,
  IdempotentParameterMismatchException,
  ResourceNotFoundException,
  StartFaceDetectionCommand,
} from '@aws-sdk/client-rekognition';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { EMULATOR_DEFAULT_URL } from '../src/conformance/curl.js';
import { startEmulator, type Emulator } from '../src/emulator.js';
import { DEFAULT_HOST, DEFAULT_PORT } from '../src/transports/defaults.js';
import { FaceDetectionService } from '../src/msw.js';
import { client, failure, video } from './aws-sdk.js';
import { hostileRequests } from './hostile-requests.js';

const JSON_11 = 'application/x-amz-json-1.1';
const START = 'RekognitionService.StartFaceDetection';
const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let emulator: Emulator;
const log: string[] = [];
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, log: (line) => log.push(line) });
});
afterEach(() => emulator.service.reset());
afterAll(() => emulator.close());

/** A raw awsJson1_1 POST with fetch. */
function post(body: RequestInit['body'], init: { target?: string; url?: string; headers?: Record<string, string> } = {}) {
  return fetch(init.url ?? emulator.url, {
    method: 'POST',
    headers: { 'Content-Type': JSON_11, 'X-Amz-Target': init.target ?? START, ...init.headers },
    body,
  });
}

/** Sends bytes on a fresh TCP connection and reads until the server closes it. */
function raw(port: number, text: string | Buffer, { end = true } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(received));
    socket.write(text);
    if (end) socket.end();
  });
}

/** Status, lower-cased headers and JSON body of a raw HTTP/1.1 answer. */
function parseRaw(text: string): { status: number; headers: Record<string, string>; body: any } {
  const [head = '', body = ''] = text.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, body: body ? JSON.parse(body) : undefined };
}

/** Asserts an answer in the service's error format and gives its body. */
async function serviceError(response: Response, status: number, type: string): Promise<Record<string, string>> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe(JSON_11);
  expect(response.headers.get('x-amzn-requestid')).toMatch(REQUEST_ID);
  const body = (await response.json()) as Record<string, string>;
  expect(body.__type?.split('#').pop()).toBe(type);
  expect(typeof (body.message ?? body.Message)).toBe('string');
  expect(body).not.toHaveProperty('JobId');
  return body;
}

/** The emulator still serves: a real SDK call starts a job. */
async function stillServes(): Promise<void> {
  const { JobId } = await client(emulator.url).send(new StartFaceDetectionCommand({ Video: video }));
  expect(JobId).toMatch(/^[0-9a-f]{64}$/);
}

describe('startEmulator', () => {
  it('listens on loopback at the port asked for, and serves the service given', async () => {
    expect(emulator.url).toBe(`http://127.0.0.1:${emulator.port}`);
    expect(emulator.port).toBeGreaterThan(0);
    const service = new FaceDetectionService({ maxConcurrentJobs: 0 });
    const own = await startEmulator({ port: 0, service });
    try {
      expect(own.service).toBe(service);
      const error = await failure(client(own.url).send(new StartFaceDetectionCommand({ Video: video })));
      expect(error.name).toBe('LimitExceededException');
      expect(service.calls).toHaveLength(1);
    } finally {
      await own.close();
    }
  });

  describe('job retention', () => {
    const manualJobs = { clock: 'manual', jobDurationMs: 0, maxConcurrentJobs: Number.POSITIVE_INFINITY } as const;
    const startJob = async (service: FaceDetectionService) => {
      const answer = await service.respond({
        method: 'POST',
        header: (name) => ({ 'content-type': JSON_11, 'x-amz-target': START })[name],
        body: new TextEncoder().encode(JSON.stringify({ Video: video })),
      });
      return (JSON.parse(answer.body) as { JobId: string }).JobId;
    };
    const withEmulator = async (
      service: FaceDetectionService | ConstructorParameters<typeof FaceDetectionService>[0],
      test: (own: Emulator) => Promise<void>,
    ) => {
      const own = await startEmulator({ port: 0, service });
      try {
        await test(own);
      } finally {
        await own.close();
      }
    };

    it('a service the emulator makes keeps a finished job one hour by default; one of your own keeps it for good', async () => {
      const yours = new FaceDetectionService(manualJobs);
      for (const [service, kept] of [
        [manualJobs, false],
        [yours, true],
      ] as const) {
        await withEmulator(service, async (own) => {
          const JobId = await startJob(own.service);
          own.service.advance(0);
          own.service.advance(3_599_999);
          expect(own.service.job(JobId)?.JobStatus).toBe('SUCCEEDED');
          own.service.advance(1);
          expect(own.service.job(JobId) !== undefined).toBe(kept);
        });
      }
    });

    it('a service the emulator makes keeps at most 10,000 finished jobs by default, unless told otherwise', async () => {
      for (const [options, kept] of [
        [manualJobs, 10_000],
        [{ ...manualJobs, maxRetainedJobs: 10_001 }, 10_001],
      ] as const) {
        await withEmulator(options, async (own) => {
          const first = await startJob(own.service);
          for (let i = 0; i < 10_000; i++) await startJob(own.service);
          own.service.advance(0);
          expect(own.service.jobs).toHaveLength(kept);
          expect(own.service.job(first) !== undefined).toBe(kept > 10_000);
        });
      }
    });
  });

  it("listens by default where the suite replays an embedded mock's finding", () => {
    expect(EMULATOR_DEFAULT_URL).toBe(`http://${DEFAULT_HOST}:${DEFAULT_PORT}/`);
  });

  it('refuses a port out of range or a negative body cap', async () => {
    await expect(startEmulator({ port: 65536 })).rejects.toThrow(RangeError);
    await expect(startEmulator({ port: 0, service: { maxBodyBytes: -1 } })).rejects.toThrow(RangeError);
  });

  it('close() ends idle keep-alive connections at once, refuses new ones, and may be called twice', async () => {
    const own = await startEmulator({ port: 0 });
    const rekognition = client(own.url);
    await rekognition.send(new StartFaceDetectionCommand({ Video: video })); // leaves a keep-alive socket
    // With setTimeout frozen, close() can end only by closing the idle socket itself, never by
    // waiting out its grace period for requests in flight: no clock is read.
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      await Promise.all([own.close(), own.close()]);
    } finally {
      vi.useRealTimers();
    }
    await expect(fetch(own.url)).rejects.toThrow();
    rekognition.destroy();
  });
});

describe('with the real AWS SDK', () => {
  it('StartFaceDetection answers a JobId of 64 lowercase hex digits, and the request id the service recorded', async () => {
    const { JobId, $metadata } = await client(emulator.url).send(
      new StartFaceDetectionCommand({ Video: video, FaceAttributes: 'ALL', JobTag: 'lobby' }),
    );
    expect(JobId).toMatch(/^[0-9a-f]{64}$/);
    expect($metadata.httpStatusCode).toBe(200);
    expect($metadata.requestId).toMatch(REQUEST_ID);
    expect(emulator.service.calls).toMatchObject([
      { requestId: $metadata.requestId, operation: 'StartFaceDetection', status: 200, jobId: JobId },
    ]);
    expect(emulator.service.job(JobId!)).toMatchObject({
      JobStatus: 'IN_PROGRESS',
      request: { Video: video, FaceAttributes: 'ALL', JobTag: 'lobby' },
    });
  });

  it('a repeat with the same ClientRequestToken answers the same JobId; other parameters answer IdempotentParameterMismatchException', async () => {
    const rekognition = client(emulator.url);
    const first = await rekognition.send(new StartFaceDetectionCommand({ Video: video, ClientRequestToken: 'lobby-run-1' }));
    const again = await rekognition.send(new StartFaceDetectionCommand({ Video: video, ClientRequestToken: 'lobby-run-1' }));
    expect(again.JobId).toBe(first.JobId);
    expect(emulator.service.jobs).toHaveLength(1);

    const error = await failure(
      rekognition.send(new StartFaceDetectionCommand({ Video: video, ClientRequestToken: 'lobby-run-1', JobTag: 'other' })),
    );
    expect(error).toBeInstanceOf(IdempotentParameterMismatchException);
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.$fault).toBe('client');
    expect(error.message).toBe('ClientRequestToken was reused with different parameters');
    expect(emulator.service.jobs).toHaveLength(1);
  });

  it('GetFaceDetection on a started job answers IN_PROGRESS with its Video and JobTag', async () => {
    const rekognition = client(emulator.url);
    const { JobId } = await rekognition.send(new StartFaceDetectionCommand({ Video: video, JobTag: 'lobby' }));
    const job = await rekognition.send(new GetFaceDetectionCommand({ JobId }));
    expect(job).toMatchObject({ JobId, JobStatus: 'IN_PROGRESS', Video: video, JobTag: 'lobby' });
    expect(job.$metadata.httpStatusCode).toBe(200);
  });

  it('GetFaceDetection on an unknown JobId answers ResourceNotFoundException', async () => {
    const error = await failure(client(emulator.url).send(new GetFaceDetectionCommand({ JobId: 'f'.repeat(64) })));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe(`The job ${'f'.repeat(64)} was not found`);
  });

  it('answers whatever host name the client used for it', async () => {
    const { JobId } = await client(`http://localhost:${emulator.port}`).send(new StartFaceDetectionCommand({ Video: video }));
    expect(JobId).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('over raw HTTP', () => {
  it('answers with Content-Type application/x-amz-json-1.1 and x-amzn-RequestId', async () => {
    const response = await post(JSON.stringify({ Video: video }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(JSON_11);
    expect(response.headers.get('x-amzn-requestid')).toMatch(REQUEST_ID);
    expect(response.headers.get('x-amzn-requestid')).toBe(emulator.service.calls[0]?.requestId);
    expect(await response.json()).toEqual({ JobId: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it.each(hostileRequests)("hostile: %s answers a 4xx %s in the service's format", async (_, make, type) => {
    const request = make();
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
    const response = await fetch(emulator.url, { method: request.method, headers: request.headers, body });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    await serviceError(response, response.status, type);
    expect(emulator.service.jobs).toHaveLength(0);
    await stillServes();
  });

  it("a body over the cap (2 MiB) answers 413 in the service's format, from the service, which starts no job, and the server keeps serving", async () => {
    const body = await serviceError(await post(new Uint8Array(2 * 1024 * 1024)), 413, 'SerializationException');
    expect(body).toEqual({ __type: 'SerializationException', message: 'The request body is larger than 1048576 bytes' });
    // The cap is the service's: its call, unread, is the 413.
    expect(emulator.service.calls.map(({ operation, status, body }) => ({ operation, status, body }))).toEqual([
      { operation: 'StartFaceDetection', status: 413, body: undefined },
    ]);
    expect(emulator.service.jobs).toHaveLength(0);
    await stillServes();
  });

  it('a chunked body with no Content-Length stops being read at the cap: 413', async () => {
    const own = await startEmulator({ port: 0, service: { maxBodyBytes: 1024 } });
    try {
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = httpRequest(
          `${own.url}/`,
          { method: 'POST', headers: { 'Content-Type': JSON_11, 'X-Amz-Target': START } },
          (response) => {
            let body = '';
            response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
            response.on('end', () => resolve({ status: response.statusCode!, body }));
          },
        );
        request.on('error', reject);
        // 64 chunks of 64 bytes: past the cap at the 17th
        let sent = 0;
        const write = () => {
          while (sent < 64 && request.write('x'.repeat(64))) sent++;
          if (sent < 64) request.once('drain', write);
          else request.end();
        };
        write();
      });
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toEqual({ __type: 'SerializationException', message: 'The request body is larger than 1024 bytes' });
      expect(own.service.calls.map((call) => call.status)).toEqual([413]);
      // at the cap exactly, the body is read and reaches the service
      const atCap = JSON.stringify({ Video: video, JobTag: 'a' });
      const padded = atCap.replace('"JobTag"', `${' '.repeat(1024 - atCap.length)}"JobTag"`);
      expect(new TextEncoder().encode(padded)).toHaveLength(1024);
      expect((await post(padded, { url: own.url })).status).toBe(200);
    } finally {
      await own.close();
    }
  });

  it("reads no further than the cap of a service of your own: the cap is the service's, one place for every transport", async () => {
    const service = new FaceDetectionService({ maxBodyBytes: 64 });
    const own = await startEmulator({ port: 0, service });
    try {
      const small = JSON.stringify({ Video: video });
      expect(small.length).toBeLessThanOrEqual(64);
      expect((await post(small, { url: own.url })).status).toBe(200);
      const over = await post(JSON.stringify({ Video: video, JobTag: 'x'.repeat(64) }), { url: own.url });
      expect(over.status).toBe(413);
      expect(await over.json()).toEqual({ __type: 'SerializationException', message: 'The request body is larger than 64 bytes' });
      // The same cap through fetch (the msw handlers' way in).
      const viaFetch = await service.handle(
        new Request('http://x/', { method: 'POST', headers: { 'Content-Type': JSON_11, 'X-Amz-Target': START }, body: 'x'.repeat(65) }),
      );
      expect(viaFetch.status).toBe(413);
    } finally {
      await own.close();
    }
  });

  it('a method fetch cannot carry (TRACE) answers UnknownOperationException', async () => {
    const { status, headers, body } = parseRaw(await raw(emulator.port, 'TRACE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
    expect(status).toBe(400);
    expect(headers['content-type']).toBe(JSON_11);
    expect(headers['x-amzn-requestid']).toMatch(REQUEST_ID);
    expect(body.__type).toBe('com.amazon.coral.service#UnknownOperationException');
    await stillServes();
  });

  it('GET / reaches the service, which answers UnknownOperationException', async () => {
    await serviceError(await fetch(emulator.url), 400, 'UnknownOperationException');
  });

  it('reads a repeated header as fetch would (values joined), so the emulator and the msw mock answer alike', async () => {
    const send = (headers: string) =>
      raw(emulator.port, `POST / HTTP/1.1\r\nHost: x\r\n${headers}Content-Length: 2\r\nConnection: close\r\n\r\n{}`).then(parseRaw);
    // Node keeps only the first of two Content-Types; fetch joins them, and so does the emulator.
    const twoTypes = await send(`Content-Type: ${JSON_11}\r\nContent-Type: ${JSON_11}\r\nX-Amz-Target: ${START}\r\n`);
    expect([twoTypes.status, twoTypes.body]).toEqual([
      400,
      { __type: 'SerializationException', message: `Content-Type must be ${JSON_11}` },
    ]);
    const twoTargets = await send(`Content-Type: ${JSON_11}\r\nX-Amz-Target: ${START}\r\nx-amz-target: ${START}\r\n`);
    expect([twoTargets.status, twoTargets.body.__type]).toEqual([400, 'com.amazon.coral.service#UnknownOperationException']);
    // the same requests through fetch's Headers, to the service model
    const joined = (name: string) =>
      new Headers([
        ['Content-Type', JSON_11],
        ['X-Amz-Target', START],
        [name, name === 'Content-Type' ? JSON_11 : START],
      ]);
    for (const [name, status] of [
      ['Content-Type', 400],
      ['X-Amz-Target', 400],
    ] as const) {
      expect(
        (await new FaceDetectionService().handle(new Request(emulator.url, { method: 'POST', headers: joined(name), body: '{}' }))).status,
      ).toBe(status);
    }
    // and a header name in any case is the same header
    const mixedCase = await send(`cOnTeNt-TyPe: ${JSON_11}\r\nX-AMZ-TARGET: ${START}\r\n`);
    expect([mixedCase.status, mixedCase.body.__type]).toEqual([400, 'ValidationException']); // reached validation: {} lacks Video
  });

  it("a request no handler answers (absolute-form URL of another origin) gets a 4xx in the service's format", async () => {
    const text = `POST http://example.com/ HTTP/1.1\r\nHost: example.com\r\nContent-Type: ${JSON_11}\r\nX-Amz-Target: ${START}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`;
    const { status, headers, body } = parseRaw(await raw(emulator.port, text));
    expect(status).toBe(400);
    expect(headers['content-type']).toBe(JSON_11);
    expect(headers['x-amzn-requestid']).toMatch(REQUEST_ID);
    expect(body).toEqual({
      __type: 'com.amazon.coral.service#UnknownOperationException',
      message: 'No operation of this service answers POST http://example.com/',
    });
    // `//host/` names another origin too, read as a URL reads it
    const schemeRelative = parseRaw(await raw(emulator.port, text.replace('POST http://example.com/', 'POST //example.com/')));
    expect(schemeRelative.body).toEqual({
      __type: 'com.amazon.coral.service#UnknownOperationException',
      message: 'No operation of this service answers POST http://example.com/',
    });
    expect(emulator.service.calls).toHaveLength(0);
  });

  it.each([
    ['not HTTP at all', 'GARBAGE\r\n\r\n', 400],
    ['a bad header line', 'POST / HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n', 400],
    ['a bad Content-Length', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n', 400],
    ['both Content-Length and chunked', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}', 400],
    ['headers of 64 KiB', `POST / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`, 431],
  ])("malformed HTTP (%s) answers %s in the service's format and the server keeps serving", async (_, text, status) => {
    const answer = parseRaw(await raw(emulator.port, text, { end: false }));
    expect(answer.status).toBe(status);
    expect(answer.headers['content-type']).toBe(JSON_11);
    expect(answer.headers['x-amzn-requestid']).toMatch(REQUEST_ID);
    expect(answer.body).toMatchObject({ __type: 'SerializationException', message: expect.any(String) });
    await stillServes();
  });

  it('CONNECT answers UnknownOperationException and the server keeps serving', async () => {
    const answer = parseRaw(await raw(emulator.port, 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n', { end: false }));
    expect(answer.status).toBe(400);
    expect(answer.body.__type).toBe('com.amazon.coral.service#UnknownOperationException');
    await stillServes();
  });

  it('a client that goes away mid-body or mid-headers does not take the server down', async () => {
    for (const text of [
      `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: ${JSON_11}\r\nX-Amz-Target: ${START}\r\nContent-Length: 1000\r\n\r\n{"Video":`,
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Le',
    ]) {
      await new Promise<void>((resolve) => {
        const socket = connect(emulator.port, '127.0.0.1', () => {
          socket.write(text, () => setTimeout(() => socket.resetAndDestroy(), 20));
        });
        socket.on('error', () => undefined);
        socket.on('close', () => resolve());
      });
    }
    await stillServes();
    expect(emulator.service.calls.filter((call) => call.status !== 200)).toEqual([]);
  });

  it('a respond() given to the service after the emulator started (a spy) is what answers', async () => {
    const own = await startEmulator({ port: 0 });
    try {
      const spy = vi.spyOn(own.service, 'respond');
      const response = await post(JSON.stringify({ Video: video }), { url: own.url });
      expect(response.status).toBe(200);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(await spy.mock.results[0]!.value).toMatchObject({ status: 200, body: await response.text() });
    } finally {
      await own.close();
    }
  });

  it("an error thrown inside answers InternalServerError in the service's format, and the server keeps serving", async () => {
    class Broken extends FaceDetectionService {
      override respond(): Promise<never> {
        throw new Error('the model broke');
      }
    }
    const own = await startEmulator({ port: 0, service: new Broken() });
    try {
      const body = await serviceError(await post(JSON.stringify({ Video: video }), { url: own.url }), 500, 'InternalServerError');
      expect(body).toMatchObject({
        __type: 'InternalServerError',
        Code: 'InternalServerError',
        Message: 'The emulator failed: the model broke',
      });
      await serviceError(await post('{}', { url: own.url }), 500, 'InternalServerError');
    } finally {
      await own.close();
    }
  });

  it('logs one line per answer: no query string, no header value, no body', async () => {
    log.length = 0;
    await post(JSON.stringify({ Video: video }), {
      url: `${emulator.url}/?X-Amz-Signature=${'0'.repeat(64)}`,
      headers: { Authorization: 'AWS4-HMAC-SHA256 secret' },
    });
    await post(new Uint8Array(2 * 1024 * 1024));
    expect(log).toEqual([
      expect.stringMatching(/^POST \/ RekognitionService\.StartFaceDetection 200 [0-9a-f-]{36}$/),
      expect.stringMatching(/^POST \/ RekognitionService\.StartFaceDetection 413 SerializationException [0-9a-f-]{36}$/),
    ]);
  });
});
