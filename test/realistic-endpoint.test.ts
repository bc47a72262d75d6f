// The realistic endpoint (test/realistic-endpoint.ts) tested on its own, with the real SDK: it must
// answer as AWS does (limits, throttling) and differ from the mock where the contract lets it,
// before the conformance suite's tests can lean on it.
import {
  GetFaceDetectionCommand,
  IdempotentParameterMismatchException,
  InvalidS3ObjectException,
  LimitExceededException,
  ProvisionedThroughputExceededException,
  RekognitionClient,
  ResourceNotFoundException,
  StartFaceDetectionCommand,
  ThrottlingException,
  type RekognitionServiceException,
} from '@aws-sdk/client-rekognition';
import { describe, expect, it } from 'vitest';
import { startRealisticEndpoint, type RealisticEndpoint, type RealisticEndpointOptions } from './realistic-endpoint.js';

const VIDEO = { S3Object: { Bucket: 'realistic-videos', Name: 'meeting.mp4' } };
const JOB_ID = /^[a-zA-Z0-9-_]{1,64}$/;
const MOCK_JOB_ID = /^[0-9a-f]{64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const JSON_11 = 'application/x-amz-json-1.1';

/** Runs `body` against a fresh endpoint (no random throttling unless asked) and a client for it, then closes both. */
async function withEndpoint(
  options: RealisticEndpointOptions,
  body: (endpoint: RealisticEndpoint, rekognition: RekognitionClient) => Promise<void>,
): Promise<void> {
  const endpoint = await startRealisticEndpoint({ throttleRate: 0, ...options });
  const rekognition = new RekognitionClient({
    region: 'us-east-1',
    endpoint: endpoint.url,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  try {
    await body(endpoint, rekognition);
  } finally {
    rekognition.destroy();
    await endpoint.close();
  }
}

/** The error a call failed with; fails the test when it succeeded. */
function failure(promise: Promise<unknown>): Promise<RekognitionServiceException> {
  return promise.then(
    () => expect.fail('expected the call to fail'),
    (error: unknown) => error as RekognitionServiceException,
  );
}

interface RawAnswer {
  status: number;
  headers: Headers;
  json: Record<string, unknown>;
}

/** A raw awsJson1_1 POST, to see what the SDK hides (`__type`, message wording, headers). */
async function post(url: string, operation: string, body: unknown): Promise<RawAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': JSON_11, 'X-Amz-Target': `RekognitionService.${operation}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, unknown> };
}

const start = (rekognition: RekognitionClient, input: Partial<ConstructorParameters<typeof StartFaceDetectionCommand>[0]> = {}) =>
  rekognition.send(new StartFaceDetectionCommand({ Video: VIDEO, ...input }));

describe('the realistic endpoint', () => {
  it('answers a start on the readable video with a JobId in the pattern, not shaped as the mock shapes it', () =>
    withEndpoint({}, async (endpoint, rekognition) => {
      const { JobId } = await start(rekognition);
      expect(JobId).toMatch(JOB_ID);
      expect(JobId).not.toMatch(MOCK_JOB_ID);
      expect(endpoint.jobsStarted).toBe(1);
      expect(endpoint.answers).toEqual([{ operation: 'StartFaceDetection', status: 200, error: undefined }]);
    }));

  it('answers a start on any other object with InvalidS3ObjectException, its __type namespaced', () =>
    withEndpoint({}, async (endpoint, rekognition) => {
      const error = await failure(start(rekognition, { Video: { S3Object: { Bucket: 'realistic-videos', Name: 'other.mp4' } } }));
      expect(error).toBeInstanceOf(InvalidS3ObjectException);
      expect(error.$metadata.httpStatusCode).toBe(400);
      const raw = await post(endpoint.url, 'StartFaceDetection', { Video: { S3Object: { Bucket: 'elsewhere', Name: 'meeting.mp4' } } });
      expect(raw.json).toMatchObject({ __type: 'com.amazonaws.rekognition#InvalidS3ObjectException', Code: 'InvalidS3ObjectException' });
      expect(endpoint.jobsStarted).toBe(0);
    }));

  it('answers the 6th start within a second with ProvisionedThroughputExceededException', () =>
    withEndpoint({}, async (endpoint, rekognition) => {
      const results = await Promise.allSettled(Array.from({ length: 6 }, () => start(rekognition)));
      const refused = results
        .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
        .map((r) => r.reason as RekognitionServiceException);
      expect(refused).toHaveLength(1);
      expect(refused[0]).toBeInstanceOf(ProvisionedThroughputExceededException);
      expect(refused[0]!.$metadata.httpStatusCode).toBe(400);
      expect(endpoint.jobsStarted).toBe(5);
    }));

  it('words a refused start as AWS does: the contract status, Code, Logref, Message and a request id', () =>
    withEndpoint({ startsPerSecond: 1 }, async (endpoint) => {
      expect((await post(endpoint.url, 'StartFaceDetection', { Video: VIDEO })).status).toBe(200);
      const raw = await post(endpoint.url, 'StartFaceDetection', { Video: VIDEO });
      expect(raw.status).toBe(400);
      expect(raw.headers.get('content-type')).toBe(JSON_11);
      expect(raw.headers.get('x-amzn-requestid')).toMatch(UUID);
      expect(Object.keys(raw.json).sort()).toEqual(['Code', 'Logref', 'Message', '__type']);
      expect(raw.json).toMatchObject({
        __type: 'com.amazonaws.rekognition#ProvisionedThroughputExceededException',
        Code: 'ProvisionedThroughputExceededException',
        Message: 'Provisioned rate exceeded',
      });
      expect(raw.json.Logref).toMatch(UUID);
    }));

  it('answers the 21st concurrent job with LimitExceededException', () =>
    withEndpoint({ startsPerSecond: 1000, jobDurationMs: 60_000 }, async (endpoint, rekognition) => {
      for (let i = 0; i < 20; i++) await start(rekognition);
      const error = await failure(start(rekognition));
      expect(error).toBeInstanceOf(LimitExceededException);
      expect(endpoint.jobsStarted).toBe(20);
    }));

  it('reaches the job by its rewritten JobId: IN_PROGRESS, then SUCCEEDED with faces', () =>
    withEndpoint({ jobDurationMs: 200 }, async (_endpoint, rekognition) => {
      const { JobId } = await start(rekognition, { JobTag: 'realistic' });
      const running = await rekognition.send(new GetFaceDetectionCommand({ JobId }));
      expect(running).toMatchObject({ JobId, JobStatus: 'IN_PROGRESS', Video: VIDEO, JobTag: 'realistic' });
      // Polls, as a client would, until the 200 ms job is done (or the test's timeout).
      let done = running;
      while (done.JobStatus === 'IN_PROGRESS') {
        await new Promise((resolve) => setTimeout(resolve, 50));
        done = await rekognition.send(new GetFaceDetectionCommand({ JobId }));
      }
      expect(done.JobStatus).toBe('SUCCEEDED');
      expect(done.JobId).toBe(JobId);
      expect(done.Faces?.length).toBeGreaterThan(0);
    }));

  it('answers a JobId it never gave out with ResourceNotFoundException, quoting that JobId', () =>
    withEndpoint({}, async (endpoint, rekognition) => {
      const error = await failure(rekognition.send(new GetFaceDetectionCommand({ JobId: 'FaceJob_0123456789abcdef0123456789abcdef' })));
      expect(error).toBeInstanceOf(ResourceNotFoundException);
      expect(error.message).toContain('FaceJob_0123456789abcdef0123456789abcdef');
      expect(endpoint.answers.at(-1)).toEqual({ operation: 'GetFaceDetection', status: 400, error: 'ResourceNotFoundException' });
    }));

  it("words ValidationException as Smithy's frameworks do, unnamespaced", () =>
    withEndpoint({}, async (endpoint) => {
      const raw = await post(endpoint.url, 'GetFaceDetection', { JobId: 'not a job id!' });
      expect(raw.status).toBe(400);
      expect(raw.json).toEqual({
        __type: 'ValidationException',
        message:
          "1 validation error detected. Value at '/jobId' failed to satisfy constraint: " +
          'Member must satisfy regular expression pattern: ^[a-zA-Z0-9-_]+$',
      });
    }));

  it('with throttleRate 1, answers every call ThrottlingException (500)', () =>
    withEndpoint({ throttleRate: 1 }, async (endpoint, rekognition) => {
      const calls = [
        start(rekognition),
        start(rekognition, { Video: { S3Object: { Bucket: 'elsewhere', Name: 'x.mp4' } } }),
        rekognition.send(new GetFaceDetectionCommand({ JobId: 'FaceJob_x' })),
      ];
      for (const call of calls) {
        const error = await failure(call);
        expect(error).toBeInstanceOf(ThrottlingException);
        expect(error.$metadata.httpStatusCode).toBe(500);
      }
      const raw = await post(endpoint.url, 'GetFaceDetection', { JobId: 'x' });
      expect(raw.json).toMatchObject({
        __type: 'com.amazonaws.rekognition#ThrottlingException',
        Code: 'ThrottlingException',
        Message: 'Rate exceeded',
      });
      expect(endpoint.answers).toHaveLength(4);
      expect(endpoint.answers.every((a) => a.status === 500 && a.error === 'ThrottlingException')).toBe(true);
      expect(endpoint.jobsStarted).toBe(0);
    }));

  it('throttles the same requests for the same seed', async () => {
    const pattern = async () => {
      const endpoint = await startRealisticEndpoint({ throttleRate: 0.5, seed: 42 });
      try {
        for (let i = 0; i < 20; i++) await post(endpoint.url, 'GetFaceDetection', { JobId: `job-${i}` });
        return endpoint.answers.map((a) => a.error);
      } finally {
        await endpoint.close();
      }
    };
    const first = await pattern();
    expect(await pattern()).toEqual(first);
    expect(first).toContain('ThrottlingException');
    expect(first).toContain('ResourceNotFoundException');
  });

  it('counts jobs started: an idempotent repeat is not a new job, nor is a mismatch', () =>
    withEndpoint({}, async (endpoint, rekognition) => {
      const first = await start(rekognition, { ClientRequestToken: 'meeting-1', JobTag: 'a' });
      await start(rekognition);
      expect(endpoint.jobsStarted).toBe(2);
      const repeat = await start(rekognition, { ClientRequestToken: 'meeting-1', JobTag: 'a' });
      expect(repeat.JobId).toBe(first.JobId);
      expect(endpoint.jobsStarted).toBe(2);
      const mismatch = await failure(start(rekognition, { ClientRequestToken: 'meeting-1', JobTag: 'b' }));
      expect(mismatch).toBeInstanceOf(IdempotentParameterMismatchException);
      expect(endpoint.jobsStarted).toBe(2);
    }));

  it('keeps a fault mode visible: JobIds outside the pattern are answered as the service made them', () =>
    withEndpoint({ faultMode: 'jobId-outside-pattern', jobDurationMs: 60_000 }, async (_endpoint, rekognition) => {
      const { JobId } = await start(rekognition);
      expect(JobId).toMatch(/^job\./);
      const got = await rekognition.send(new GetFaceDetectionCommand({ JobId }));
      expect(got).toMatchObject({ JobId, JobStatus: 'IN_PROGRESS' });
    }));

  it('breaks its own answers under a fault mode too', () =>
    withEndpoint({ faultMode: 'missing-request-id', throttleRate: 1 }, async (endpoint) => {
      const raw = await post(endpoint.url, 'StartFaceDetection', { Video: VIDEO });
      expect(raw.status).toBe(500);
      expect(raw.headers.get('x-amzn-requestid')).toBeNull();
    }));
});
