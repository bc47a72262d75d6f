// The service model's job lifecycle and results, driven through its wire (service.handle) with a
// manual clock: statuses, the job limit, failures, faces and metadata, pagination, notices.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FaceDetection, GetFaceDetectionResponse } from '../src/index.js';
import { validateGetFaceDetectionResponse } from '../src/index.js';
import { FaceDetectionService, type CompletionNotice } from '../src/msw.js';

const video = { S3Object: { Bucket: 'my-videos', Name: 'lobby.mp4' } };
const channel = {
  SNSTopicArn: 'arn:aws:sns:us-east-1:123456789012:AmazonRekognitionFaces',
  RoleArn: 'arn:aws:iam::123456789012:role/Publish',
};

function call(service: FaceDetectionService, operation: 'StartFaceDetection' | 'GetFaceDetection', body: unknown) {
  return service
    .handle(
      new Request('https://rekognition.us-east-1.amazonaws.com/', {
        method: 'POST',
        headers: { 'X-Amz-Target': `RekognitionService.${operation}`, 'Content-Type': 'application/x-amz-json-1.1' },
        body: JSON.stringify(body),
      }),
    )
    .then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
}
const start = async (service: FaceDetectionService, body: Record<string, unknown> = {}) =>
  (await call(service, 'StartFaceDetection', { Video: video, ...body })).body.JobId as string;
const get = (service: FaceDetectionService, body: Record<string, unknown>) => call(service, 'GetFaceDetection', body);
const manual = (options: ConstructorParameters<typeof FaceDetectionService>[0] = {}) =>
  new FaceDetectionService({ clock: 'manual', jobDurationMs: 1000, ...options });

/** Every face of a finished job, page by page. */
async function allPages(service: FaceDetectionService, JobId: string, MaxResults: number) {
  const pages: GetFaceDetectionResponse[] = [];
  let NextToken: string | undefined;
  do {
    const { status, body } = await get(service, { JobId, MaxResults, ...(NextToken ? { NextToken } : {}) });
    expect(status).toBe(200);
    expect(validateGetFaceDetectionResponse(body).message).toBeUndefined();
    pages.push(body);
    NextToken = body.NextToken;
  } while (NextToken);
  return pages;
}

describe('the job lifecycle', () => {
  it('IN_PROGRESS until its duration has passed, then SUCCEEDED with results', async () => {
    const service = manual();
    const JobId = await start(service);
    expect((await get(service, { JobId })).body).toEqual({ JobId, JobStatus: 'IN_PROGRESS', Video: video });
    service.advance(999);
    expect((await get(service, { JobId })).body.JobStatus).toBe('IN_PROGRESS');
    service.advance(1);
    const { body } = await get(service, { JobId });
    expect(body).toMatchObject({ JobId, JobStatus: 'SUCCEEDED', Video: video, VideoMetadata: { Codec: 'h264' } });
    expect(body.Faces.length).toBeGreaterThan(0);
  });

  it('completeJob and failJob end a job at once; a registered failing video fails', async () => {
    const service = manual({ s3Objects: { 'my-videos/lobby.mp4': {}, 'my-videos/broken.mp4': { failure: 'Unsupported codec/format.' } } });
    const done = await start(service);
    const failed = await start(service);
    const broken = await start(service, { Video: { S3Object: { Bucket: 'my-videos', Name: 'broken.mp4' } } });
    service.completeJob(done);
    service.failJob(failed, 'The video could not be read.');
    expect((await get(service, { JobId: done })).body.JobStatus).toBe('SUCCEEDED');
    expect((await get(service, { JobId: failed })).body).toEqual({
      JobId: failed,
      JobStatus: 'FAILED',
      StatusMessage: 'The video could not be read.',
      Video: video,
    });
    service.advance(1000);
    expect((await get(service, { JobId: broken })).body).toMatchObject({ JobStatus: 'FAILED', StatusMessage: 'Unsupported codec/format.' });
    expect(() => service.completeJob(done)).toThrow(/already finished/);
    expect(() => new FaceDetectionService().advance(1)).toThrow(/manual/);
  });

  it('finished jobs no longer count against the concurrent-job limit', async () => {
    const service = manual({ maxConcurrentJobs: 2 });
    const first = await start(service);
    await start(service);
    expect((await call(service, 'StartFaceDetection', { Video: video })).body.__type).toBe('LimitExceededException');
    service.completeJob(first);
    expect(await start(service)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('finishes jobs on the wall clock by itself', async () => {
    const notices: CompletionNotice[] = [];
    const service = new FaceDetectionService({ jobDurationMs: 20, onNotification: (n) => notices.push(n) });
    const JobId = await start(service, { NotificationChannel: channel });
    await expect.poll(() => notices.length, { timeout: 5000, interval: 10 }).toBe(1);
    expect((await get(service, { JobId })).body.JobStatus).toBe('SUCCEEDED');
  });

  it('on the wall clock, finishes every job in the order it started, past jobs finished by hand', async () => {
    const notices: CompletionNotice[] = [];
    const service = new FaceDetectionService({ maxConcurrentJobs: 100, jobDurationMs: 300, onNotification: (n) => notices.push(n) });
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      ids.push(await start(service, { NotificationChannel: channel, JobTag: `job-${i}` }));
      if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    // the oldest job, which the service's timer waits for first, and one in the middle end early
    service.completeJob(ids[0]!);
    service.failJob(ids[20]!, 'stopped by hand');
    await expect.poll(() => notices.length, { timeout: 5000, interval: 10 }).toBe(40);
    expect(notices.map((n) => n.JobId)).toEqual([ids[0], ids[20], ...ids.filter((_, i) => i !== 0 && i !== 20)]);
    expect(notices.filter((n) => n.Status === 'FAILED').map((n) => n.JobId)).toEqual([ids[20]]);
    // none finished by the clock before its time
    for (const n of notices.slice(2)) expect(n.Timestamp - service.job(n.JobId)!.startedAt).toBeGreaterThanOrEqual(300);
    expect(service.jobs, 'the service keeps all 40 finished jobs').toHaveLength(40);
    expect(service.jobs.every((job) => job.JobStatus !== 'IN_PROGRESS')).toBe(true);
  });

  it('reset() stops the wall clock: jobs started before it never finish or notify', async () => {
    const notices: CompletionNotice[] = [];
    const service = new FaceDetectionService({ jobDurationMs: 20, onNotification: (n) => notices.push(n) });
    await start(service, { NotificationChannel: channel });
    service.reset();
    const after = await start(service, { NotificationChannel: channel });
    await expect.poll(() => notices.length, { timeout: 5000, interval: 10 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(notices.map((n) => n.JobId)).toEqual([after]);
  });
});

describe('results', () => {
  it('are the same for the same video, and differ for another', async () => {
    const service = manual();
    const a = await start(service);
    const b = await start(service);
    const c = await start(service, { Video: { S3Object: { Bucket: 'my-videos', Name: 'other.mp4' } } });
    service.advance(1000);
    const [ra, rb, rc] = await Promise.all([a, b, c].map((JobId) => get(service, { JobId })));
    expect(rb!.body.Faces).toEqual(ra!.body.Faces);
    expect(rb!.body.VideoMetadata).toEqual(ra!.body.VideoMetadata);
    expect(rc!.body.Faces).not.toEqual(ra!.body.Faces);
  });

  it.each(['DEFAULT', 'ALL'] as const)('are plausible with FaceAttributes %s', async (FaceAttributes) => {
    const service = manual();
    const JobId = await start(service, { FaceAttributes });
    service.advance(1000);
    const faces = (await allPages(service, JobId, 1000)).flatMap((p) => p.Faces!);
    expect(faces.length, `a finished job (FaceAttributes ${FaceAttributes}) lists the faces its video holds`).toBeGreaterThan(0);
    const { DurationMillis } = (await get(service, { JobId })).body.VideoMetadata;
    let previous = -1;
    for (const { Timestamp, Face } of faces) {
      expect(Timestamp).toBeGreaterThanOrEqual(previous);
      expect(Timestamp).toBeLessThanOrEqual(DurationMillis);
      previous = Timestamp!;
      const box = Face!.BoundingBox!;
      expect(box.Left! + box.Width!).toBeLessThanOrEqual(1);
      expect(box.Top! + box.Height!).toBeLessThanOrEqual(1);
      for (const l of Face!.Landmarks!) {
        expect(l.X).toBeGreaterThanOrEqual(box.Left!);
        expect(l.X).toBeLessThanOrEqual(box.Left! + box.Width! + 1e-4);
        expect(l.Y).toBeGreaterThanOrEqual(box.Top!);
        expect(l.Y).toBeLessThanOrEqual(box.Top! + box.Height! + 1e-4);
      }
      expect(Face!.Confidence).toBeGreaterThanOrEqual(0);
      expect(Face!.Confidence).toBeLessThanOrEqual(100);
      expect(Face!.FaceOccluded).toBeNull();
      expect(Face!.EyeDirection).toBeNull();
      const keys = Object.keys(Face!).sort();
      const defaults = ['BoundingBox', 'Confidence', 'EyeDirection', 'FaceOccluded', 'Landmarks', 'Pose', 'Quality'];
      if (FaceAttributes === 'DEFAULT') {
        expect(keys).toEqual(defaults);
        expect(Face!.Landmarks).toHaveLength(5);
      } else {
        expect(keys).toEqual(
          [
            ...defaults,
            'AgeRange',
            'Beard',
            'Emotions',
            'EyesOpen',
            'Eyeglasses',
            'Gender',
            'MouthOpen',
            'Mustache',
            'Smile',
            'Sunglasses',
          ].sort(),
        );
        expect(Face!.Landmarks).toHaveLength(30);
        expect(Face!.AgeRange!.Low).toBeLessThanOrEqual(Face!.AgeRange!.High!);
      }
    }
  });

  it('are the registered ones when the video has them', async () => {
    const faces: FaceDetection[] = [
      { Timestamp: 400, Face: { Confidence: 99, BoundingBox: { Width: 0.1, Height: 0.2, Left: 0.3, Top: 0.4 } } },
      { Timestamp: 100, Face: { Confidence: 98 } },
    ];
    const videoMetadata = {
      Codec: 'hevc',
      DurationMillis: 500,
      Format: 'MP4',
      FrameRate: 60,
      FrameHeight: 720,
      FrameWidth: 1280,
      ColorRange: 'FULL' as const,
    };
    const service = manual({ s3Objects: { 'my-videos/lobby.mp4': { faces, videoMetadata } } });
    const JobId = await start(service);
    service.completeJob(JobId);
    const { body } = await get(service, { JobId });
    expect(body.VideoMetadata).toEqual(videoMetadata);
    expect(body.Faces).toEqual([faces[1], faces[0]]);
  });
});

describe('pagination', () => {
  it('gives every face exactly once, in order, for any MaxResults', async () => {
    const service = manual();
    const JobId = await start(service, { FaceAttributes: 'DEFAULT' });
    service.advance(1000);
    const all = (await get(service, { JobId, MaxResults: 1000 })).body.Faces as FaceDetection[];
    expect(all.length).toBeGreaterThan(10);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 2000 })), async (MaxResults) => {
        const pages = await allPages(service, JobId, MaxResults);
        for (const page of pages) expect(page.Faces!.length).toBeLessThanOrEqual(Math.min(MaxResults, 1000));
        expect(pages.flatMap((p) => p.Faces!)).toEqual(all);
      }),
      { numRuns: 30, seed: 5 },
    );
  });

  it('answers InvalidPaginationTokenException for a forged, edited or foreign token', async () => {
    const service = manual();
    const a = await start(service);
    const b = await start(service);
    service.advance(1000);
    const token = (await get(service, { JobId: a, MaxResults: 1 })).body.NextToken as string;
    expect(token.length).toBeLessThanOrEqual(255);
    const edited = token.slice(0, 4) + (token[4] === 'A' ? 'B' : 'A') + token.slice(5);
    const lastEdited = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    for (const [JobId, NextToken] of [
      [a, 'bm90LWEtdG9rZW4'],
      [a, edited],
      [a, lastEdited],
      [b, token],
      [a, '%%%'],
    ]) {
      const { status, body } = await get(service, { JobId, NextToken });
      expect([status, body.__type], `${JobId} ${NextToken}`).toEqual([400, 'InvalidPaginationTokenException']);
    }
    expect((await get(service, { JobId: a, NextToken: token, MaxResults: 1 })).status).toBe(200);
    // Another service (another secret) does not read this one's tokens either.
    const other = manual();
    expect((await get(other, { JobId: a, NextToken: token })).body.__type).toBe('ResourceNotFoundException');
  });
});

describe('completion notices', () => {
  it('go to onNotification for jobs with a NotificationChannel, shaped as the service publishes them', async () => {
    const received: [CompletionNotice, unknown][] = [];
    const service = manual({
      onNotification: (notice, ch) => received.push([notice, ch]),
      s3Objects: { 'my-videos/lobby.mp4': {}, 'my-videos/bad.mp4': { failure: 'Unsupported codec/format.' } },
    });
    const ok = await start(service, { NotificationChannel: channel, JobTag: 'lobby' });
    const bad = await start(service, { NotificationChannel: channel, Video: { S3Object: { Bucket: 'my-videos', Name: 'bad.mp4' } } });
    await start(service); // no channel: no notice
    service.advance(1000);
    expect(received).toEqual([
      [
        {
          JobId: ok,
          Status: 'SUCCEEDED',
          API: 'FACE_DETECTION',
          JobTag: 'lobby',
          Timestamp: service.now(),
          Video: { S3ObjectName: 'lobby.mp4', S3Bucket: 'my-videos' },
        },
        channel,
      ],
      [
        {
          JobId: bad,
          Status: 'FAILED',
          API: 'FACE_DETECTION',
          Timestamp: service.now(),
          Video: { S3ObjectName: 'bad.mp4', S3Bucket: 'my-videos' },
        },
        channel,
      ],
    ]);
    expect(service.notifications).toEqual(received.map(([n]) => n));
  });
});

describe('job retention', () => {
  const forgotten = async (service: FaceDetectionService, JobId: string) => {
    const { status, body } = await get(service, { JobId });
    return status === 400 && body.__type === 'ResourceNotFoundException' && body.Message === `The job ${JobId} was not found`;
  };

  it.each([
    ['the retention period passes', { jobRetentionMs: 60_000 }, (service: FaceDetectionService) => service.advance(60_000)],
    [
      'the count is exceeded',
      { maxRetainedJobs: 1 },
      async (service: FaceDetectionService) => {
        await start(service);
        service.advance(1000);
      },
    ],
  ])(
    'a job forgotten between two pages of its results (%s): its NextToken answers ResourceNotFoundException',
    async (_, options, forget) => {
      const service = manual(options);
      const JobId = await start(service);
      service.advance(1000);
      const first = await get(service, { JobId, MaxResults: 1 });
      expect(first.status).toBe(200);
      expect(first.body.NextToken).toEqual(expect.any(String));
      await forget(service);
      const second = await get(service, { JobId, MaxResults: 1, NextToken: first.body.NextToken });
      expect([second.status, second.body.__type, second.body.Message]).toEqual([
        400,
        'ResourceNotFoundException',
        `The job ${JobId} was not found`,
      ]);
      expect(service.job(JobId)).toBeUndefined();
    },
  );

  it('keeps a finished job until the retention period has passed since it finished, on the manual clock', async () => {
    const service = manual({ jobRetentionMs: 500 });
    const JobId = await start(service);
    service.advance(1000);
    service.advance(499);
    expect(await forgotten(service, JobId)).toBe(false);
    expect(service.job(JobId)?.JobStatus).toBe('SUCCEEDED');
    service.advance(1);
    expect(service.job(JobId)).toBeUndefined();
    expect(await forgotten(service, JobId)).toBe(true);
  });

  it('never drops a running job, even beyond the count or the period; forgets the oldest-finished first', async () => {
    const service = manual({ maxRetainedJobs: 2, jobRetentionMs: 0 });
    const [a, b, c] = [await start(service), await start(service), await start(service)];
    service.advance(999);
    for (const JobId of [a, b, c]) expect((await get(service, { JobId })).body.JobStatus).toBe('IN_PROGRESS');
    expect(service.jobs).toHaveLength(3);

    const kept = manual({ maxRetainedJobs: 2 });
    const [x, y, z] = [await start(kept), await start(kept), await start(kept)];
    // Finished in the order z, x, y: z is the oldest-finished, though the youngest started.
    kept.completeJob(z);
    kept.completeJob(x);
    expect(kept.jobs.map((job) => job.JobId)).toEqual([x, y, z]);
    kept.completeJob(y);
    expect(await forgotten(kept, z)).toBe(true);
    expect(await forgotten(kept, x)).toBe(false);
    expect(await forgotten(kept, y)).toBe(false);
  });

  it('forgets its ClientRequestToken and its notice with it: the token then starts a new job', async () => {
    const service = manual({ maxRetainedJobs: 0 });
    const first = await start(service, { ClientRequestToken: 'once', NotificationChannel: channel });
    expect(await start(service, { ClientRequestToken: 'once', NotificationChannel: channel })).toBe(first);
    service.advance(1000);
    expect(service.notifications).toEqual([]);
    // Other parameters under the same token are no mismatch any more: a new job.
    const second = await call(service, 'StartFaceDetection', { Video: video, ClientRequestToken: 'once', JobTag: 'other' });
    expect(second.status).toBe(200);
    expect(second.body.JobId).not.toBe(first);
    expect(service.job(second.body.JobId)?.JobStatus).toBe('IN_PROGRESS');
  });

  it('by default, in process, keeps every finished job for good', async () => {
    const service = manual();
    const JobId = await start(service);
    service.advance(10 * 365 * 24 * 3600 * 1000);
    expect(await forgotten(service, JobId)).toBe(false);
  });

  it('refuses a negative period or count', () => {
    expect(() => manual({ jobRetentionMs: -1 })).toThrow(RangeError);
    expect(() => manual({ maxRetainedJobs: -1 })).toThrow(RangeError);
  });
});
