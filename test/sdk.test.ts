// `rekognition-face-detection-contract/sdk`: the real @aws-sdk/client-rekognition with the SDK's own
// request handler answered by an in-process service. Every answer the SDK parses exactly as it
// parses the emulator's over real HTTP (the same service, the same wire code); controls, fault modes
// and SigV4 work through it.
import {
  GetFaceDetectionCommand,
  LimitExceededException,
  RekognitionClient,
  type RekognitionClientConfig,
  StartFaceDetectionCommand,
} from '@aws-sdk/client-rekognition';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/emulator.js';
import { createRequestHandler, FaceDetectionService } from '../src/sdk.js';

const credentials = { accessKeyId: 'AKIDSDKHANDLER', secretAccessKey: 'sdk-handler-secret' };
const video = { S3Object: { Bucket: 'my-videos', Name: 'lobby.mp4' } };
const emulators: Emulator[] = [];
afterAll(() => Promise.all(emulators.map((e) => e.close())));

const inProcess = (service: FaceDetectionService, config: Partial<RekognitionClientConfig> = {}) =>
  new RekognitionClient({ region: 'eu-west-1', credentials, maxAttempts: 1, requestHandler: createRequestHandler(service), ...config });

/** What the SDK made of a call: its output, or its error's name, status, message and fault, request ids aside. */
async function outcome(client: RekognitionClient, command: StartFaceDetectionCommand | GetFaceDetectionCommand): Promise<unknown> {
  try {
    const { $metadata, ...output } = (await client.send(command as any)) as { $metadata: { httpStatusCode?: number } };
    return { status: $metadata.httpStatusCode, output };
  } catch (error) {
    const e = error as { name: string; message: string; $fault: string; $metadata: { httpStatusCode?: number; requestId?: string } };
    expect(e.$metadata.requestId, 'the SDK read the request id').toMatch(/^[0-9a-f-]{36}$/);
    return { status: e.$metadata.httpStatusCode, error: e.name, message: e.message.replace(/[0-9a-f]{64}/g, '<JobId>'), fault: e.$fault };
  }
}

describe('createRequestHandler', () => {
  it('answers a job through the real SDK client: started, in progress, then its faces, page by page', async () => {
    const service = new FaceDetectionService({ clock: 'manual' });
    const client = inProcess(service);
    const { JobId } = await client.send(new StartFaceDetectionCommand({ Video: video, JobTag: 'lobby' }));
    expect(JobId).toMatch(/^[0-9a-f]{64}$/);
    expect(service.calls[0]).toMatchObject({ operation: 'StartFaceDetection', status: 200, jobId: JobId });
    expect((await client.send(new GetFaceDetectionCommand({ JobId }))).JobStatus).toBe('IN_PROGRESS');
    service.advance(5000);
    const first = await client.send(new GetFaceDetectionCommand({ JobId, MaxResults: 2 }));
    expect(first).toMatchObject({ JobStatus: 'SUCCEEDED', JobTag: 'lobby', Video: video, Faces: [expect.anything(), expect.anything()] });
    const second = await client.send(new GetFaceDetectionCommand({ JobId, MaxResults: 2, NextToken: first.NextToken }));
    expect(second.Faces?.[0]?.Timestamp).toBeGreaterThanOrEqual(first.Faces![1]!.Timestamp!);
  });

  it("every answer reads in the SDK exactly as the emulator's over HTTP: outputs, errors, statuses, messages", async () => {
    const calls = [
      new StartFaceDetectionCommand({ Video: video, ClientRequestToken: 'token-1' }),
      new StartFaceDetectionCommand({ Video: video, ClientRequestToken: 'token-1', JobTag: 'other' }),
      new StartFaceDetectionCommand({ Video: { S3Object: { Bucket: 'b', Name: 'lobby.mp4' } } }),
      new StartFaceDetectionCommand({ Video: video, FaceAttributes: 'SOME' as 'ALL' }),
      new GetFaceDetectionCommand({ JobId: 'nobody-started-this' }),
      new GetFaceDetectionCommand({ JobId: 'bad id!' }),
      new GetFaceDetectionCommand({ JobId: 'a'.repeat(64), MaxResults: 0 }),
      new GetFaceDetectionCommand({ JobId: 'a'.repeat(64), NextToken: 'forged' }),
    ];
    const options = { clock: 'manual' as const, maxConcurrentJobs: 1 };
    const emulator = await startEmulator({ port: 0, service: new FaceDetectionService(options) });
    emulators.push(emulator);
    const overHttp = new RekognitionClient({ region: 'eu-west-1', credentials, maxAttempts: 1, endpoint: emulator.url });
    const inProc = inProcess(new FaceDetectionService(options));
    const seen = { http: [] as unknown[], inProcess: [] as unknown[] };
    for (const command of calls) {
      seen.http.push(await outcome(overHttp, command));
      seen.inProcess.push(await outcome(inProc, command));
    }
    // The JobIds differ (each service makes its own): the rest is the same.
    const sameIds = (list: unknown[]) => JSON.parse(JSON.stringify(list).replace(/[0-9a-f]{64}/g, '<JobId>'));
    expect(sameIds(seen.inProcess)).toEqual(sameIds(seen.http));
    expect(seen.inProcess.map((o) => (o as { error?: string }).error ?? 'ok')).toEqual([
      'ok',
      'IdempotentParameterMismatchException',
      'ValidationException',
      'ValidationException',
      'ResourceNotFoundException',
      'ValidationException',
      'ValidationException',
      'ResourceNotFoundException',
    ]);
  });

  it('takes the controls and fault modes: an injected limit, a throttle, a job failed on purpose, a broken contract', async () => {
    const service = new FaceDetectionService({ clock: 'manual' });
    const client = inProcess(service);
    service.failNext(1, 'LimitExceededException');
    await expect(client.send(new StartFaceDetectionCommand({ Video: video }))).rejects.toBeInstanceOf(LimitExceededException);
    const { JobId } = await client.send(new StartFaceDetectionCommand({ Video: video }));
    service.failJob(JobId!, 'Unsupported codec/format.');
    expect(await client.send(new GetFaceDetectionCommand({ JobId }))).toMatchObject({
      JobStatus: 'FAILED',
      StatusMessage: 'Unsupported codec/format.',
    });
    const broken = inProcess(new FaceDetectionService({ clock: 'manual', faultMode: 'jobStatus-lowercase' }));
    const started = await broken.send(new StartFaceDetectionCommand({ Video: video }));
    expect((await broken.send(new GetFaceDetectionCommand({ JobId: started.JobId }))).JobStatus).toBe('in_progress');
  });

  it('checks SigV4 when asked: the right key passes, a wrong secret is InvalidSignatureException', async () => {
    const service = new FaceDetectionService();
    const handler = createRequestHandler(service, { auth: { credentials } });
    const signed = new RekognitionClient({ region: 'eu-west-1', credentials, maxAttempts: 1, requestHandler: handler });
    expect((await signed.send(new StartFaceDetectionCommand({ Video: video }))).JobId).toBeDefined();
    const wrong = new RekognitionClient({
      region: 'eu-west-1',
      credentials: { ...credentials, secretAccessKey: 'not-the-secret' },
      maxAttempts: 1,
      requestHandler: handler,
    });
    await expect(wrong.send(new StartFaceDetectionCommand({ Video: video }))).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      $metadata: { httpStatusCode: 400 },
    });
    expect(service.calls).toHaveLength(1);
  });

  it("stops at an aborted signal, as the SDK's handlers do", async () => {
    const client = inProcess(new FaceDetectionService());
    const aborted = AbortSignal.abort();
    await expect(client.send(new StartFaceDetectionCommand({ Video: video }), { abortSignal: aborted })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});
