// The world a recording shows (worldOf) and its loading into a service (loadWorld): which objects
// exist, what their jobs find (faces read page by page, one more where a page said more follow,
// FaceAttributes ALL apart), a FAILED job's message; then the service answers as the recording did.
import { describe, expect, it } from 'vitest';
import { loadWorld, worldOf, type Har } from '../src/conformance/index.js';
import { harEntryOf, harOf } from '../src/conformance/har.js';
import { FaceDetectionService } from '../src/msw.js';

const VIDEO = { S3Object: { Bucket: 'videos', Name: 'lobby.mp4' } };
const face = (Timestamp: number, extra: Record<string, unknown> = {}) => ({
  Timestamp,
  Face: { BoundingBox: { Width: 0.1, Height: 0.2, Left: 0.3, Top: 0.4 }, Confidence: 99, ...extra },
});
const METADATA = { Codec: 'h264', DurationMillis: 61_000, Format: 'QuickTime / MOV', FrameRate: 30, FrameHeight: 720, FrameWidth: 1280 };

/** A recording of these exchanges: [operation, request, status, answer]. */
function recording(...exchanges: [string, unknown, number, unknown][]): Har {
  return harOf(
    exchanges.map(([operation, request, status, answer]) =>
      harEntryOf(
        {
          method: 'POST',
          url: 'https://rekognition.us-east-1.amazonaws.com/',
          headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `RekognitionService.${operation}` },
          body: JSON.stringify(request),
        },
        { status, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'r' }, body: JSON.stringify(answer) },
        { started: new Date(), time: 1, comment: 'test' },
      ),
    ),
    { name: 'test', version: '0' },
  );
}
const start = (request: object, JobId: string) =>
  ['StartFaceDetection', { Video: VIDEO, ...request }, 200, { JobId }] as [string, unknown, number, unknown];
const page = (request: object, answer: object) =>
  ['GetFaceDetection', request, 200, { JobStatus: 'SUCCEEDED', VideoMetadata: METADATA, ...answer }] as [string, unknown, number, unknown];

describe('worldOf', () => {
  it('reads the faces a job found page by page, with one more where the last page read said more follow', () => {
    const world = worldOf(
      recording(
        start({}, 'job-1'),
        ['GetFaceDetection', { JobId: 'job-1' }, 200, { JobStatus: 'IN_PROGRESS' }],
        page({ JobId: 'job-1', MaxResults: 2 }, { Faces: [face(1), face(2)], NextToken: 't2' }),
        page({ JobId: 'job-1', MaxResults: 2, NextToken: 't2' }, { Faces: [face(3), face(4)], NextToken: 't4' }),
        [
          'StartFaceDetection',
          { Video: { S3Object: { Bucket: 'videos', Name: 'gone.mp4' } } },
          400,
          { __type: 'InvalidS3ObjectException' },
        ],
      ),
    );
    expect(world.jobs).toBe(1);
    expect(world.refused).toEqual([{ Bucket: 'videos', Name: 'gone.mp4' }]);
    expect(world.readable).toEqual([
      { Bucket: 'videos', Name: 'lobby.mp4', info: { videoMetadata: METADATA, faces: [face(1), face(2), face(3), face(4), face(4)] } },
    ]);
  });

  it('takes, of two jobs on one object, the one the recording read most of', () => {
    const world = worldOf(
      recording(
        start({}, 'read-whole'),
        start({ JobTag: 'other' }, 'read-first-page'),
        page({ JobId: 'read-whole', MaxResults: 1 }, { Faces: [face(1)], NextToken: 'a1' }),
        page({ JobId: 'read-whole', MaxResults: 1, NextToken: 'a1' }, { Faces: [face(2)], NextToken: 'a2' }),
        page({ JobId: 'read-whole', MaxResults: 1, NextToken: 'a2' }, { Faces: [face(3)] }),
        page({ JobId: 'read-first-page', MaxResults: 1 }, { Faces: [face(1)], NextToken: 'b1' }),
      ),
    );
    expect(world.readable[0]!.info.faces).toEqual([face(1), face(2), face(3)]);
  });

  it.each([
    ['refused, then readable: readable', 'InvalidS3ObjectException', 'readable'],
    ['denied to the credentials: refused', 'AccessDeniedException', 'refused'],
    ['too large: readable, and too large', 'VideoTooLargeException', 'too large'],
  ])('an object %s', (_, code, expected) => {
    const other = { S3Object: { Bucket: 'videos', Name: 'other.mp4' } };
    const world = worldOf(
      recording(
        ['StartFaceDetection', { Video: other }, 400, { __type: code }],
        ...(expected === 'readable'
          ? [['StartFaceDetection', { Video: other }, 200, { JobId: 'j' }] as [string, unknown, number, unknown]]
          : []),
      ),
    );
    const readable = world.readable.find((o) => o.Name === 'other.mp4');
    if (expected === 'refused') expect([readable, world.refused]).toEqual([undefined, [{ Bucket: 'videos', Name: 'other.mp4' }]]);
    else expect(world.refused).toEqual([]);
    if (expected === 'readable') expect(readable?.info).toEqual({});
    if (expected === 'too large') expect(readable?.info.size).toBeGreaterThan(10 * 1024 ** 3);
  });

  it.each([
    [
      'a FAILED job: its StatusMessage',
      [start({}, 'j'), ['GetFaceDetection', { JobId: 'j' }, 200, { JobStatus: 'FAILED', StatusMessage: 'Unsupported codec/format.' }]],
      { failure: 'Unsupported codec/format.' },
    ],
    [
      'a job of FaceAttributes ALL: faces for such jobs, and for others while none read theirs',
      [start({ FaceAttributes: 'ALL' }, 'j'), page({ JobId: 'j' }, { Faces: [face(5, { Smile: { Value: true } })] })],
      { videoMetadata: METADATA, allAttributeFaces: [face(5, { Smile: { Value: true } })], faces: [face(5, { Smile: { Value: true } })] },
    ],
    ["a job never read: the object exists, its results are the service's own", [start({}, 'j')], {}],
  ] as [string, [string, unknown, number, unknown][], object][])('%s', (_, exchanges, info) => {
    expect(worldOf(recording(...exchanges)).readable).toEqual([{ Bucket: 'videos', Name: 'lobby.mp4', info }]);
  });
});

describe('loadWorld', () => {
  it('makes a service answer as the recording: the readable object starts a job that finds its faces, the refused one does not exist', async () => {
    const service = new FaceDetectionService({ clock: 'manual', jobDurationMs: 10 });
    loadWorld(
      service,
      worldOf(
        recording(start({}, 'job-1'), page({ JobId: 'job-1' }, { Faces: [face(1), face(2)] }), [
          'StartFaceDetection',
          { Video: { S3Object: { Bucket: 'videos', Name: 'gone.mp4' } } },
          400,
          { __type: 'InvalidS3ObjectException' },
        ]),
      ),
    );
    const send = async (operation: string, body: object) => {
      const answer = await service.respond({
        method: 'POST',
        header: (name) => ({ 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `RekognitionService.${operation}` })[name],
        body: new TextEncoder().encode(JSON.stringify(body)),
      });
      return { status: answer.status, body: JSON.parse(answer.body) };
    };
    const refused = await send('StartFaceDetection', { Video: { S3Object: { Bucket: 'videos', Name: 'gone.mp4' } } });
    expect([refused.status, refused.body.__type]).toEqual([400, 'InvalidS3ObjectException']);
    const started = await send('StartFaceDetection', { Video: VIDEO });
    expect(started.status).toBe(200);
    service.advance(10);
    const results = await send('GetFaceDetection', { JobId: started.body.JobId });
    expect(results.body).toMatchObject({ JobStatus: 'SUCCEEDED', VideoMetadata: METADATA, Faces: [face(1), face(2)] });
    expect(results.body.NextToken).toBeUndefined();
  });

  it('deleteS3Object: a removed object, and every object never registered, answers InvalidS3ObjectException', async () => {
    const service = new FaceDetectionService();
    service.deleteS3Object('videos', 'lobby.mp4');
    const answer = await service.respond({
      method: 'POST',
      header: (name) => ({ 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'RekognitionService.StartFaceDetection' })[name],
      body: new TextEncoder().encode(JSON.stringify({ Video: { S3Object: { Bucket: 'any', Name: 'thing.mp4' } } })),
    });
    expect([answer.status, answer.error]).toEqual([400, 'InvalidS3ObjectException']);
  });
});
