// A consumer's pipeline with the real SDK v3, against the msw mock (manual clock, onNotification)
// and against the emulator over loopback (a short job, notices POSTed to a loopback receiver):
// start a job with a NotificationChannel, receive its notice, page through every face.
import {
  GetFaceDetectionCommand,
  InvalidPaginationTokenException,
  paginateGetFaceDetection,
  ResourceNotFoundException,
  StartFaceDetectionCommand,
  type FaceDetection,
  type GetFaceDetectionCommandOutput,
  RekognitionClient,
  type Video,
} from '@aws-sdk/client-rekognition';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionNotice } from '../src/service/CompletionNotices.js';
import { startEmulator } from '../src/emulator.js';
import { FaceDetectionService, handlers } from '../src/msw.js';
import { client, credentials, failure } from './aws-sdk.js';
import { awaitable, startReceiver } from './sns-receiver.js';

const channel = {
  SNSTopicArn: 'arn:aws:sns:us-east-1:123456789012:AmazonRekognitionFaces',
  RoleArn: 'arn:aws:iam::123456789012:role/RekognitionSnsPublish',
};
const BUCKET = 'my-videos';
const lobby: Video = { S3Object: { Bucket: BUCKET, Name: 'lobby.mp4' } };
const broken: Video = { S3Object: { Bucket: BUCKET, Name: 'broken.avi' } };
const known: Video = { S3Object: { Bucket: BUCKET, Name: 'known.mp4' } };
const knownMetadata = {
  Codec: 'h264',
  DurationMillis: 4000,
  Format: 'QuickTime / MOV',
  FrameRate: 30,
  FrameHeight: 720,
  FrameWidth: 1280,
  ColorRange: 'FULL' as const,
};
const knownFaces: FaceDetection[] = [2000, 500, 1000].map((Timestamp, i) => ({
  Timestamp,
  Face: {
    BoundingBox: { Width: 0.25, Height: 0.5, Left: 0.1 * i, Top: 0.2 },
    Confidence: 99.5 - i,
    Landmarks: [{ Type: 'nose', X: 0.1 * i + 0.1, Y: 0.4 }],
  },
}));

/** What the pipeline needs of a backend: a client, the service behind it, and a way to hear a job's notice. */
interface Backend {
  service: FaceDetectionService;
  rekognition: RekognitionClient;
  /** Lets the job finish if it must, and resolves with its completion notice as the consumer receives it. */
  notice(jobId: string): Promise<CompletionNotice>;
  close(): Promise<void>;
}

function register(service: FaceDetectionService): void {
  service.putS3Object(BUCKET, 'lobby.mp4');
  service.putS3Object(BUCKET, 'broken.avi', { failure: 'Unsupported codec/format.' });
  service.putS3Object(BUCKET, 'known.mp4', { faces: knownFaces, videoMetadata: knownMetadata });
}

async function mswBackend(): Promise<Backend> {
  const notices = awaitable<CompletionNotice>();
  const service = new FaceDetectionService({ clock: 'manual', onNotification: (notice) => notices.push(notice) });
  const server = setupServer(...handlers(service));
  server.listen({ onUnhandledRequest: 'error' });
  return {
    service,
    rekognition: new RekognitionClient({ region: 'us-east-1', credentials, maxAttempts: 1 }),
    notice: (jobId) => {
      service.advance(5000);
      return notices.first((n) => n.JobId === jobId);
    },
    close: async () => server.close(),
  };
}

async function emulatorBackend(): Promise<Backend> {
  const receiver = await startReceiver();
  const emulator = await startEmulator({ port: 0, service: { jobDurationMs: 50 }, notifyUrl: receiver.url });
  return {
    service: emulator.service,
    rekognition: client(emulator.url),
    notice: async (jobId) => (await receiver.notice(jobId)).notice,
    close: async () => {
      await emulator.close();
      await receiver.close();
    },
  };
}

/** Every face of a job, paged by the SDK's paginator, and the pages. */
async function allPages(rekognition: RekognitionClient, JobId: string, pageSize: number): Promise<GetFaceDetectionCommandOutput[]> {
  const pages: GetFaceDetectionCommandOutput[] = [];
  for await (const page of paginateGetFaceDetection({ client: rekognition, pageSize }, { JobId })) pages.push(page);
  return pages;
}

const within = (value: number | undefined, low: number, high: number) => value !== undefined && value >= low - 1e-9 && value <= high + 1e-9;

function expectPlausible(face: FaceDetection): void {
  const detail = face.Face!;
  const box = detail.BoundingBox!;
  for (const v of [box.Left, box.Top, box.Width, box.Height]) expect(within(v, 0, 1)).toBe(true);
  expect(within(box.Left! + box.Width!, 0, 1) && within(box.Top! + box.Height!, 0, 1)).toBe(true);
  expect(detail.Landmarks!.length, 'a face detected with FaceAttributes ALL has landmarks').toBeGreaterThan(0);
  for (const l of detail.Landmarks!) {
    expect(
      within(l.X, box.Left!, box.Left! + box.Width!) && within(l.Y, box.Top!, box.Top! + box.Height!),
      JSON.stringify({ l, box }),
    ).toBe(true);
  }
  const confidences = [
    detail.Confidence,
    detail.Smile?.Confidence,
    detail.Gender?.Confidence,
    detail.EyesOpen?.Confidence,
    ...detail.Emotions!.map((e) => e.Confidence),
  ];
  for (const c of confidences) expect(within(c, 0, 100)).toBe(true);
  expect(detail.FaceOccluded ?? null).toBeNull();
  expect(detail.EyeDirection ?? null).toBeNull();
  for (const attribute of [
    'AgeRange',
    'Smile',
    'Eyeglasses',
    'Sunglasses',
    'Gender',
    'Beard',
    'Mustache',
    'EyesOpen',
    'MouthOpen',
    'Emotions',
    'Pose',
    'Quality',
  ] as const) {
    expect(detail, attribute).toHaveProperty(attribute);
  }
  expect(detail.AgeRange!.Low!).toBeLessThanOrEqual(detail.AgeRange!.High!);
  expect(detail.Emotions!.length).toBeGreaterThan(0);
}

describe.each([
  ['the msw mock (manual clock, onNotification)', mswBackend],
  ['the emulator over loopback (notices POSTed as SNS)', emulatorBackend],
])('a consumer pipeline against %s', (_name, make) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await make();
    register(backend.service);
  });
  afterEach(() => backend.service.reset());
  afterAll(() => backend?.close());

  async function finishedJob(video: Video, extra: { JobTag?: string } = {}): Promise<{ JobId: string; notice: CompletionNotice }> {
    const { JobId } = await backend.rekognition.send(
      new StartFaceDetectionCommand({ Video: video, NotificationChannel: channel, FaceAttributes: 'ALL', ...extra }),
    );
    return { JobId: JobId!, notice: await backend.notice(JobId!) };
  }

  it('start, notice, every face exactly once in timestamp order, pages the same as one MaxResults: 1000 call', async () => {
    const { JobId, notice } = await finishedJob(lobby, { JobTag: 'lobby-camera' });
    expect(notice).toEqual({
      JobId,
      Status: 'SUCCEEDED',
      API: 'FACE_DETECTION',
      JobTag: 'lobby-camera',
      Timestamp: expect.any(Number),
      Video: { S3ObjectName: 'lobby.mp4', S3Bucket: BUCKET },
    });

    const pages = await allPages(backend.rekognition, JobId, 7);
    const faces = pages.flatMap((p) => p.Faces ?? []);
    const whole = await backend.rekognition.send(new GetFaceDetectionCommand({ JobId, MaxResults: 1000 }));
    expect(whole.NextToken).toBeUndefined();
    expect(faces).toEqual(whole.Faces);
    expect(faces.length).toBeGreaterThan(7);
    expect(pages.slice(0, -1).every((p) => p.Faces?.length === 7 && p.NextToken)).toBe(true);
    expect(pages.at(-1)!.NextToken).toBeUndefined();
    const timestamps = faces.map((f) => f.Timestamp!);
    expect(timestamps).toEqual([...timestamps].sort((a, b) => a - b));
    for (const page of pages)
      expect(page).toMatchObject({
        JobStatus: 'SUCCEEDED',
        JobId,
        JobTag: 'lobby-camera',
        Video: lobby,
        VideoMetadata: whole.VideoMetadata,
      });
    expect(timestamps.at(-1)!).toBeLessThanOrEqual(whole.VideoMetadata!.DurationMillis!);
    faces.forEach(expectPlausible);
  });

  it('the same video gives the same faces and metadata in a second job', async () => {
    const first = await finishedJob(lobby);
    const second = await finishedJob(lobby);
    expect(second.JobId).not.toBe(first.JobId);
    const [a, b] = await Promise.all([first, second].map(({ JobId }) => backend.rekognition.send(new GetFaceDetectionCommand({ JobId }))));
    expect(b!.Faces).toEqual(a!.Faces);
    expect(b!.VideoMetadata).toEqual(a!.VideoMetadata);
  });

  it('registered faces and metadata come back as registered, in timestamp order', async () => {
    const { JobId, notice } = await finishedJob(known);
    expect(notice.Status).toBe('SUCCEEDED');
    const faces = (await allPages(backend.rekognition, JobId, 2)).flatMap((p) => p.Faces ?? []);
    expect(faces).toEqual([...knownFaces].sort((a, b) => a.Timestamp! - b.Timestamp!));
    expect((await backend.rekognition.send(new GetFaceDetectionCommand({ JobId }))).VideoMetadata).toEqual(knownMetadata);
  });

  it('a failing video: a FAILED notice and the StatusMessage, no faces', async () => {
    const { JobId, notice } = await finishedJob(broken);
    expect(notice).toMatchObject({ JobId, Status: 'FAILED' });
    const answer = await backend.rekognition.send(new GetFaceDetectionCommand({ JobId }));
    expect(answer).toMatchObject({ JobStatus: 'FAILED', StatusMessage: 'Unsupported codec/format.' });
    expect(answer.Faces ?? []).toEqual([]);
  });

  it('InvalidPaginationTokenException for a forged token and for a token of another job', async () => {
    const one = await finishedJob(lobby);
    const other = await finishedJob(lobby);
    const { NextToken } = await backend.rekognition.send(new GetFaceDetectionCommand({ JobId: one.JobId, MaxResults: 1 }));
    expect(NextToken).toBeTruthy();
    const foreign = await failure(backend.rekognition.send(new GetFaceDetectionCommand({ JobId: other.JobId, MaxResults: 1, NextToken })));
    expect(foreign).toBeInstanceOf(InvalidPaginationTokenException);
    const forged = await failure(
      backend.rekognition.send(new GetFaceDetectionCommand({ JobId: one.JobId, NextToken: Buffer.from('1.abc').toString('base64url') })),
    );
    expect(forged).toBeInstanceOf(InvalidPaginationTokenException);
    // The genuine token still reads.
    expect(
      (await backend.rekognition.send(new GetFaceDetectionCommand({ JobId: one.JobId, MaxResults: 1, NextToken }))).Faces,
    ).toHaveLength(1);
  });

  it('ResourceNotFoundException for an unknown JobId', async () => {
    const error = await failure(backend.rekognition.send(new GetFaceDetectionCommand({ JobId: 'f'.repeat(64) })));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
  });
});
