// The msw mock with the real AWS SDK for JavaScript v3: what a consumer's test suite sees.
import * as sdk from '@aws-sdk/client-rekognition';
import {
  GetFaceDetectionCommand,
  RekognitionClient,
  StartFaceDetectionCommand,
  type StartFaceDetectionCommandInput,
} from '@aws-sdk/client-rekognition';
import { getResponse, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { errors, operations } from '../generated/contract.js';
import { errorResponse, FaceDetectionService, getFaceDetection, handlers, isRekognitionUrl, startFaceDetection } from '../src/msw.js';
import { rekognitionUrlPattern } from '../src/transports/rekognitionUrl.js';

const CUSTOM = 'http://rekognition.test:4566';
const service = new FaceDetectionService();
const server = setupServer(...handlers(service, { endpoints: [CUSTOM] }));
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const client = (config: Partial<sdk.RekognitionClientConfig> = {}) =>
  new RekognitionClient({ region: 'us-east-1', credentials, maxAttempts: 1, ...config });
const rekognition = client();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  service.reset();
});
afterAll(() => server.close());

const video = { S3Object: { Bucket: 'my-videos', Name: 'lobby.mp4' } };
const start = (input: Partial<StartFaceDetectionCommandInput> = {}) =>
  rekognition.send(new StartFaceDetectionCommand({ Video: video, ...input }));
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected an error'),
    (error: unknown) => error as sdk.RekognitionServiceException,
  );

/** A raw awsJson1_1 call through msw, for what the SDK never sends. */
function raw(body: string, init: { target?: string | null; contentType?: string; method?: string; url?: string } = {}) {
  const headers = new Headers();
  if (init.target !== null) headers.set('X-Amz-Target', init.target ?? 'RekognitionService.StartFaceDetection');
  headers.set('Content-Type', init.contentType ?? 'application/x-amz-json-1.1');
  const method = init.method ?? 'POST';
  return fetch(init.url ?? 'https://rekognition.us-east-1.amazonaws.com/', { method, headers, body: method === 'GET' ? undefined : body });
}

describe('StartFaceDetection', () => {
  it("starts a job and answers a JobId shaped like the service's", async () => {
    const { JobId, $metadata } = await start({ JobTag: 'lobby', FaceAttributes: 'ALL' });
    expect(JobId).toMatch(/^[0-9a-f]{64}$/);
    expect($metadata.httpStatusCode).toBe(200);
    expect($metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(service.job(JobId!)).toMatchObject({ JobStatus: 'IN_PROGRESS', request: { JobTag: 'lobby', FaceAttributes: 'ALL' } });
  });

  it('answers the same JobId for the same token and parameters, and starts one job', async () => {
    const first = await start({ ClientRequestToken: 'run-1', JobTag: 'a' });
    const again = await start({ ClientRequestToken: 'run-1', JobTag: 'a' });
    expect(again.JobId).toBe(first.JobId);
    expect(service.jobs).toHaveLength(1);
  });

  it('does not care about member order in the JSON', async () => {
    const a = await raw('{"ClientRequestToken":"t","Video":{"S3Object":{"Bucket":"my-videos","Name":"v.mp4"}},"JobTag":"x"}');
    const b = await raw('{"JobTag":"x","Video":{"S3Object":{"Name":"v.mp4","Bucket":"my-videos"}},"ClientRequestToken":"t"}');
    expect(((await b.json()) as any).JobId).toBe(((await a.json()) as any).JobId);
  });

  it('answers IdempotentParameterMismatchException for the same token with other parameters', async () => {
    await start({ ClientRequestToken: 'run-1', JobTag: 'a' });
    const error = await failure(start({ ClientRequestToken: 'run-1', JobTag: 'b' }));
    expect(error).toBeInstanceOf(sdk.IdempotentParameterMismatchException);
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(service.jobs).toHaveLength(1);
  });

  it('starts other jobs for other tokens, and for no token', async () => {
    const ids = new Set([
      (await start({ ClientRequestToken: 'a' })).JobId,
      (await start({ ClientRequestToken: 'b' })).JobId,
      (await start()).JobId,
      (await start()).JobId,
    ]);
    expect(ids.size).toBe(4);
  });

  it('answers ValidationException with the AWS message for a broken constraint', async () => {
    const error = await failure(start({ ClientRequestToken: 'x'.repeat(65) }));
    expect(error.name).toBe('ValidationException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe(
      `1 validation error detected: Value '${'x'.repeat(65)}' at 'clientRequestToken' failed to satisfy constraint: Member must have length less than or equal to 64`,
    );
    expect(service.jobs).toHaveLength(0);
  });

  it('answers InvalidParameterException for a video without bucket or name', async () => {
    const error = await failure(rekognition.send(new StartFaceDetectionCommand({ Video: {} })));
    expect(error).toBeInstanceOf(sdk.InvalidParameterException);
  });

  it('answers LimitExceededException past the concurrent-job limit, but still answers repeats', async () => {
    const limited = new FaceDetectionService({ maxConcurrentJobs: 2 });
    server.use(...handlers(limited));
    const first = await start({ ClientRequestToken: 'one' });
    await start();
    const error = await failure(start());
    expect(error).toBeInstanceOf(sdk.LimitExceededException);
    expect((await start({ ClientRequestToken: 'one' })).JobId).toBe(first.JobId);
  });

  it('knows only the registered S3 objects once given a registry, and the video limits', async () => {
    const registry = new FaceDetectionService({
      s3Objects: {
        'my-videos/ok.mp4': { size: 10 * 1024 ** 3, durationMillis: 6 * 3_600_000 },
        'my-videos/big.mp4': { size: 10 * 1024 ** 3 + 1 },
        'my-videos/long.mp4': { durationMillis: 6 * 3_600_000 + 1 },
      },
    });
    server.use(...handlers(registry));
    const at = (Name: string) => start({ Video: { S3Object: { Bucket: 'my-videos', Name } } });
    expect((await at('ok.mp4')).JobId).toBeDefined();
    expect(await failure(at('missing.mp4'))).toBeInstanceOf(sdk.InvalidS3ObjectException);
    expect(await failure(at('big.mp4'))).toBeInstanceOf(sdk.VideoTooLargeException);
    expect(await failure(at('long.mp4'))).toBeInstanceOf(sdk.VideoTooLargeException);
    registry.putS3Object('my-videos', 'missing.mp4');
    expect((await at('missing.mp4')).JobId).toBeDefined();
  });
});

describe('GetFaceDetection', () => {
  it('answers a started job with its status, video and tag', async () => {
    const { JobId } = await start({ JobTag: 'lobby' });
    const answer = await rekognition.send(new GetFaceDetectionCommand({ JobId }));
    expect(answer).toMatchObject({ JobId, JobStatus: 'IN_PROGRESS', Video: video, JobTag: 'lobby' });
  });

  it('answers ResourceNotFoundException for an unknown job', async () => {
    const error = await failure(rekognition.send(new GetFaceDetectionCommand({ JobId: 'a'.repeat(64) })));
    expect(error).toBeInstanceOf(sdk.ResourceNotFoundException);
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('answers ValidationException for MaxResults below 1', async () => {
    const error = await failure(rekognition.send(new GetFaceDetectionCommand({ JobId: 'abc', MaxResults: 0 })));
    expect(error.name).toBe('ValidationException');
  });
});

describe('every modelled error reaches the SDK as its own exception class', () => {
  const cases = Object.entries(operations).flatMap(([operation, facts]) =>
    facts.errors.filter((name) => errors[name].modelled).map((name) => [operation, name, errors[name].httpStatus] as const),
  );
  it.each(cases)('%s: %s (%i)', async (operation, name, status) => {
    service.failNext(1, name);
    const call = operation === 'StartFaceDetection' ? start() : rekognition.send(new GetFaceDetectionCommand({ JobId: 'abc' }));
    const error = await failure(call);
    const ExceptionClass = (sdk as unknown as Record<string, new (...args: never[]) => Error>)[name]!;
    expect(ExceptionClass).toBeTypeOf('function');
    expect(error).toBeInstanceOf(ExceptionClass);
    expect(error.$metadata.httpStatusCode).toBe(status);
    expect(error.$fault).toBe(errors[name].fault);
    expect(error).toMatchObject({ Code: name, Logref: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });
});

describe('test controls', () => {
  it('failNext fails the next N calls, then the service answers again', async () => {
    service.failNext(2, 'InternalServerError');
    expect(await failure(start())).toBeInstanceOf(sdk.InternalServerError);
    expect(await failure(start())).toBeInstanceOf(sdk.InternalServerError);
    expect((await start()).JobId).toBeDefined();
  });

  it('failNext can target one operation', async () => {
    service.failNext(1, 'AccessDeniedException', { operation: 'GetFaceDetection', message: 'no' });
    const { JobId } = await start();
    const error = await failure(rekognition.send(new GetFaceDetectionCommand({ JobId })));
    expect(error).toBeInstanceOf(sdk.AccessDeniedException);
    expect(error.message).toBe('no');
  });

  it('throttle answers ThrottlingException (500) past the rate', async () => {
    service.throttle(2);
    await start();
    await start();
    const error = await failure(start());
    expect(error).toBeInstanceOf(sdk.ThrottlingException);
    expect(error.$metadata.httpStatusCode).toBe(500);
    service.throttle(undefined);
    expect((await start()).JobId).toBeDefined();
  });

  it('records every call for assertions', async () => {
    const { JobId } = await start({ ClientRequestToken: 'c' });
    await failure(rekognition.send(new GetFaceDetectionCommand({ JobId: 'nope' })));
    expect(service.calls).toMatchObject([
      { operation: 'StartFaceDetection', status: 200, error: undefined, jobId: JobId, body: { ClientRequestToken: 'c', Video: video } },
      { operation: 'GetFaceDetection', status: 400, error: 'ResourceNotFoundException', jobId: 'nope' },
    ]);
  });

  it('calls keeps the latest maxRecordedCalls, oldest first, and a job keeps its own copy of its request', async () => {
    const own = new FaceDetectionService({ maxRecordedCalls: 3, maxConcurrentJobs: 100 });
    const send = (JobTag: string) =>
      own.respond({
        method: 'POST',
        header: (name) => ({ 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'RekognitionService.StartFaceDetection' })[name],
        body: new TextEncoder().encode(JSON.stringify({ Video: video, JobTag })),
      });
    for (let i = 0; i < 20; i++) {
      await send(`t${i}`);
      expect(own.calls.map((call) => (call.body as { JobTag: string }).JobTag)).toEqual(
        Array.from({ length: Math.min(i + 1, 3) }, (_, k) => `t${i - Math.min(i, 2) + k}`),
      );
    }
    expect(own.jobs).toHaveLength(20);
    // Editing a recorded body does not reach the job it started.
    (own.calls[2]!.body as { Video: unknown }).Video = {};
    expect(own.job(own.calls[2]!.jobId!)!.request).toEqual({ Video: video, JobTag: 't19' });
    expect(() => new FaceDetectionService({ maxRecordedCalls: -1 })).toThrow(RangeError);
    expect(new FaceDetectionService().calls).toEqual([]);
  });

  it('respondNow answers at once, and with a promise only where a fault mode wraps the service', async () => {
    const request = {
      method: 'POST',
      header: (name: string) =>
        ({ 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'RekognitionService.StartFaceDetection' })[name],
      body: new TextEncoder().encode(JSON.stringify({ Video: video })),
    };
    const plain = new FaceDetectionService();
    const now = plain.respondNow(request);
    expect(now).not.toBeInstanceOf(Promise);
    expect(now).toMatchObject({ status: 200, error: undefined });
    expect(plain.calls).toMatchObject([{ status: 200, jobId: JSON.parse((now as { body: string }).body).JobId }]);
    const wrapped = new FaceDetectionService({ faultMode: 'missing-request-id' });
    const later = wrapped.respondNow(request);
    expect(later).toBeInstanceOf(Promise);
    expect(Object.keys((await later).headers).map((name) => name.toLowerCase())).not.toContain('x-amzn-requestid');
    expect(wrapped.calls).toMatchObject([{ status: 200 }]);
  });

  it('maxRecordedCalls 0 keeps no call, and a job still holds its request', async () => {
    const own = new FaceDetectionService({ maxRecordedCalls: 0 });
    const answer = await own.respond({
      method: 'POST',
      header: (name) => ({ 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'RekognitionService.StartFaceDetection' })[name],
      body: new TextEncoder().encode(JSON.stringify({ Video: video, JobTag: 'kept' })),
    });
    expect(answer.status).toBe(200);
    expect(own.calls).toEqual([]);
    expect(own.job(JSON.parse(answer.body).JobId)!.request).toEqual({ Video: video, JobTag: 'kept' });
  });

  it('reset forgets jobs and tokens', async () => {
    const first = await start({ ClientRequestToken: 'r' });
    service.reset();
    expect(service.jobs).toEqual([]);
    expect(service.calls).toEqual([]);
    expect((await start({ ClientRequestToken: 'r', JobTag: 'other' })).JobId).not.toBe(first.JobId);
  });

  it('server.use overrides one operation the msw way, and resetHandlers restores it', async () => {
    server.use(startFaceDetection(() => errorResponse('LimitExceededException', 'busy')));
    expect(await failure(start())).toBeInstanceOf(sdk.LimitExceededException);
    server.use(
      getFaceDetection(() =>
        HttpResponse.json({ JobStatus: 'SUCCEEDED', Faces: [] }, { headers: { 'Content-Type': 'application/x-amz-json-1.1' } }),
      ),
    );
    expect(await rekognition.send(new GetFaceDetectionCommand({ JobId: 'abc' }))).toMatchObject({ JobStatus: 'SUCCEEDED', Faces: [] });
    server.resetHandlers();
    expect((await start()).JobId).toBeDefined();
  });
});

describe('endpoints', () => {
  it.each([
    ['a regional endpoint', { region: 'eu-west-1' }],
    ['FIPS', { region: 'us-gov-west-1', useFipsEndpoint: true }],
    ['dual-stack', { region: 'ap-southeast-2', useDualstackEndpoint: true }],
    ['China', { region: 'cn-north-1' }],
    ['a custom endpoint', { endpoint: CUSTOM }],
  ])('answers the SDK at %s', async (_, config) => {
    const { JobId } = await client(config).send(new StartFaceDetectionCommand({ Video: video }));
    expect(JobId).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['https://rekognition.us-east-1.amazonaws.com/', true],
    ['https://rekognition-fips.us-east-1.amazonaws.com/', true],
    ['https://rekognition.us-east-1.api.aws/', true],
    ['https://rekognition.cn-northwest-1.amazonaws.com.cn/', true],
    ['http://rekognition.test:4566/', true],
    ['https://s3.us-east-1.amazonaws.com/', false],
    ['https://rekognition.us-east-1.amazonaws.com.evil.example/', false],
    ['https://evil.example/rekognition.us-east-1.amazonaws.com/', false],
    ['http://rekognition.test:4567/', false],
    ['http://rekognition.test:4566/prefix/', true],
    ['http://proxy.test/rekognition/', true],
    ['http://proxy.test/rekognition', true],
    ['http://proxy.test/rekognitionX/', false],
    ['http://proxy.test/', false],
  ])('%s is Rekognition: %s, and the handlers answer it so', async (url, expected) => {
    const endpoints = [CUSTOM, 'http://proxy.test/rekognition/'];
    expect(isRekognitionUrl(url, endpoints)).toBe(expected);
    // The handlers match by rekognitionUrlPattern, the same rule as one RegExp.
    expect(rekognitionUrlPattern(endpoints).test(url)).toBe(expected);
    const answer = await getResponse(handlers(service, { endpoints }), new Request(url, { method: 'POST', body: '{}' }));
    expect(answer !== undefined).toBe(expected);
  });

  it('leaves other traffic alone', async () => {
    expect(await getResponse(handlers(service), new Request('https://s3.us-east-1.amazonaws.com/bucket/key'))).toBeUndefined();
    expect(await getResponse(handlers(service), new Request('https://example.com/', { method: 'POST', body: '{}' }))).toBeUndefined();
  });
});

describe('the protocol', () => {
  const cases: [string, Parameters<typeof raw>, number, string][] = [
    ['malformed JSON', ['{"Video":'], 400, 'SerializationException'],
    ['JSON that is not an object', ['[1,2]'], 400, 'SerializationException'],
    ['a member of the wrong type', ['{"Video":"v"}'], 400, 'SerializationException'],
    ['an unknown target', ['{}', { target: 'RekognitionService.DetectFaces' }], 400, 'UnknownOperationException'],
    ['no target', ['{}', { target: null }], 400, 'UnknownOperationException'],
    ['another content type', ['{"Video":{}}', { contentType: 'text/plain' }], 400, 'SerializationException'],
    ['GET', ['', { method: 'GET' }], 400, 'UnknownOperationException'],
  ];
  it.each(cases)('%s: %i %s, with the headers every answer carries', async (_, args, status, type) => {
    const response = await raw(...args);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    const body = (await response.json()) as any;
    expect(body.__type.split('#').pop()).toBe(type);
    expect(body).not.toHaveProperty('JobId');
    expect(service.jobs).toHaveLength(0);
  });
});
