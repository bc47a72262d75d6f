// The fault modes of the in-memory service: each must answer one request differently from the
// healthy service (and the way its description says), and otherwise answer as the healthy one.
// Limits and patterns come from the spec's schemas, so the cases follow the contract.
import { describe, expect, it } from 'vitest';
import { schemas } from '../generated/schemas.js';
import { FaceDetectionService, faultModes, type FaceDetectionServiceOptions, type FaultModeName } from '../src/msw.js';
import { syntheticFaces, syntheticVideoMetadata } from '../src/service/syntheticResults.js';
import { CONFORMANCE_VIDEO } from '../src/service/defaults.js';
import fc from 'fast-check';
import { errors, type ErrorName } from '../generated/contract.js';
import { invalidRequestCasesOf } from '../src/arbitraries/requests.js';

const MOCK_URL = 'https://rekognition.us-east-1.amazonaws.com/';
const START = 'RekognitionService.StartFaceDetection';
const GET = 'RekognitionService.GetFaceDetection';

const limit = (schema: string, keyword: string): number => schemas[schema]![keyword] as number;
const TOKEN_MAX = limit('ClientRequestToken', 'maxLength');
const TAG_MAX = limit('JobTag', 'maxLength');
const BUCKET_MIN = limit('S3Bucket', 'minLength');
const NAME_MAX = limit('S3ObjectName', 'maxLength');
const JOB_ID_MAX = limit('JobId', 'maxLength');
const NEXT_TOKEN_MAX = limit('PaginationToken', 'maxLength');
const MAX_RESULTS_MIN = limit('MaxResults', 'minimum');
const ROLE_ARN = schemas.RoleArn!.examples[0] as string;
const TOPIC_ARN = schemas.SNSTopicArn!.examples[0] as string;

// ---- Scenarios: calls made in order, each from the JobIds and NextTokens answered before it -----

type Call = (jobIds: readonly string[], tokens: readonly string[]) => Request;

/** A raw call; `target: ''` sends no X-Amz-Target. */
function request(body: string, target = START): Request {
  const headers = new Headers({ 'Content-Type': 'application/x-amz-json-1.1' });
  if (target !== '') headers.set('X-Amz-Target', target);
  return new Request(MOCK_URL, { method: 'POST', headers, body });
}

/** A body whose bytes are not UTF-8: unreadable, not malformed JSON. */
const notUtf8: Call = () =>
  new Request(MOCK_URL, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': START },
    body: new Uint8Array([0x7b, 0xff, 0x7d]),
  });
const video = (S3Object: Record<string, string> = { Bucket: 'my-videos', Name: 'v.mp4' }) => ({ S3Object });
const raw =
  (body: string, target?: string): Call =>
  () =>
    request(body, target);
const start =
  (members: Record<string, unknown> = {}): Call =>
  () =>
    request(JSON.stringify({ Video: video(), ...members }));
const get =
  (members: (jobIds: readonly string[], tokens: readonly string[]) => Record<string, unknown>): Call =>
  (jobIds, tokens) =>
    request(JSON.stringify(members(jobIds, tokens)), GET);
/** GetFaceDetection of the first job the scenario started, with other members. */
const getFirst = (members: Record<string, unknown> = {}) => get((jobIds) => ({ JobId: jobIds[0], ...members }));
/** The next page of the first job: GetFaceDetection with the last NextToken answered. */
const getNext = (members: Record<string, unknown> = {}) =>
  get((jobIds, tokens) => ({ JobId: jobIds[0], NextToken: tokens.at(-1), ...members }));
const getUnknown = (JobId = 'a'.repeat(JOB_ID_MAX)) => get(() => ({ JobId }));

const token = (length: number) => start({ ClientRequestToken: 't'.repeat(length) });
const tag = (JobTag: string) => start({ JobTag });
const bucket = (length: number) => start({ Video: video({ Bucket: 'b'.repeat(length), Name: 'v.mp4' }) });
const objectName = (Name: string) => start({ Video: video({ Bucket: 'my-videos', Name }) });
const channel = (NotificationChannel: Record<string, string>) => start({ NotificationChannel });
const faceAttributes = (FaceAttributes: string) => start({ FaceAttributes });
/** A plain start sent with another Content-Type. */
const withContentType =
  (contentType: string): Call =>
  () =>
    new Request(MOCK_URL, {
      method: 'POST',
      headers: { 'Content-Type': contentType, 'X-Amz-Target': START },
      body: JSON.stringify({ Video: video() }),
    });

/** Valid calls through the whole service: a full start, its repeat, a read of it, and a plain start. */
const VALID: Call[] = [
  start({
    ClientRequestToken: 'run-1',
    JobTag: 'lobby',
    FaceAttributes: 'ALL',
    NotificationChannel: { SNSTopicArn: TOPIC_ARN, RoleArn: ROLE_ARN },
  }),
  start({
    ClientRequestToken: 'run-1',
    JobTag: 'lobby',
    FaceAttributes: 'ALL',
    NotificationChannel: { SNSTopicArn: TOPIC_ARN, RoleArn: ROLE_ARN },
  }),
  getFirst({ MaxResults: 10 }),
  start(),
];

/** The faces of a finished job on video(), in timestamp order: what `faces` numbers. */
const VIDEO_FACES = (() => {
  const { S3Object } = video();
  return syntheticFaces(S3Object, syntheticVideoMetadata(S3Object).DurationMillis!, 'DEFAULT').map((face) => JSON.stringify(face));
})();
/** Faces from..to-1 of VIDEO_FACES, by number. */
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
/** A service whose jobs have finished by the next call. */
const FINISHING = { jobDurationMs: 0 };

/** What a test compares of one answer. */
interface Observed {
  status: number;
  /** The error code (`__type` after any `#`), undefined for a success. */
  type: string | undefined;
  message: unknown;
  /** `new` for a JobId first answered now, of the service's shape (64 lowercase hex); `repeat` for one answered before; else the JobId. */
  jobId: string | undefined;
  jobStatus: unknown;
  /** The Faces answered, each as its number in VIDEO_FACES (-1 for another face). */
  faces: number[] | undefined;
  nextToken: boolean;
  /** The NextToken's length, when there is one. */
  nextTokenLength: number | undefined;
  contentType: string | null;
  requestId: boolean;
  /** Jobs the service holds after the answer. */
  jobs: number;
  /** The rest of the body, without what differs from run to run (JobId, Logref, NextToken). */
  rest: Record<string, unknown>;
}

async function run(service: FaceDetectionService, calls: readonly Call[]): Promise<Observed[]> {
  const jobIds: string[] = [];
  const tokens: string[] = [];
  const observed: Observed[] = [];
  for (const call of calls) {
    const response = await service.handle(call(jobIds, tokens));
    const text = await response.text();
    // A body that is not JSON (start-answer-not-json) is compared as it is.
    const json = (() => {
      try {
        return JSON.parse(text) as Record<string, unknown>;
      } catch {
        return { body: text };
      }
    })();
    const { JobId, Logref, NextToken, ...rest } = json;
    if (typeof NextToken === 'string') tokens.push(NextToken);
    const type = typeof rest.__type === 'string' ? rest.__type.split('#').pop() : undefined;
    let jobId: string | undefined;
    if (typeof JobId === 'string') {
      jobId = jobIds.includes(JobId) ? 'repeat' : /^[0-9a-f]{64}$/.test(JobId) ? 'new' : JobId;
      if (!jobIds.includes(JobId)) jobIds.push(JobId);
    }
    observed.push({
      status: response.status,
      type,
      message: rest.message ?? rest.Message,
      jobId,
      jobStatus: rest.JobStatus,
      faces: Array.isArray(rest.Faces) ? rest.Faces.map((face) => VIDEO_FACES.indexOf(JSON.stringify(face))) : undefined,
      nextToken: NextToken !== undefined,
      nextTokenLength: typeof NextToken === 'string' ? NextToken.length : undefined,
      contentType: response.headers.get('content-type'),
      requestId: response.headers.has('x-amzn-requestid'),
      jobs: service.jobs.length,
      rest,
    });
  }
  return observed;
}

const last = async (service: FaceDetectionService, calls: readonly Call[]) => (await run(service, calls)).at(-1)!;

// ---- The cases ----------------------------------------------------------------------------------

interface Case {
  mode: FaultModeName;
  /** Calls whose last answer tells the broken service from the healthy one. */
  send: Call[];
  healthy: Partial<Record<keyof Observed, unknown>>;
  broken: Partial<Record<keyof Observed, unknown>>;
  /** Calls both answer alike (default VALID); the neighbours of a moved bound where there is one. */
  same?: Call[];
  /** What the mode changes on every answer, left out of the `same` comparison. */
  ignore?: (keyof Observed)[];
  /** The options of both services (default none). */
  service?: FaceDetectionServiceOptions;
  /** The length of the last NextToken answered, as each service must have it. */
  tokenLength?: { healthy: (length: number) => boolean; broken: (length: number) => boolean };
}

const STARTED = { status: 200, type: undefined, jobId: 'new', jobs: 1, contentType: 'application/x-amz-json-1.1', requestId: true };
/** The third job of a scenario, started. */
const STARTED_THIRD = { ...STARTED, jobs: 3 };
const REFUSED = {
  status: 400,
  type: 'ValidationException',
  jobId: undefined,
  jobs: 0,
  contentType: 'application/x-amz-json-1.1',
  requestId: true,
};
/** The AWS summary of one violation at `path`, for a value of at most 100 characters. */
const oneViolation = (value: string, path: string, constraint: string) =>
  `1 validation error detected: Value '${value}' at '${path}' failed to satisfy constraint: ${constraint}`;
const atMost = (n: number) => `Member must have length less than or equal to ${n}`;
/** The tag pattern without `:` and `/`, in the model's words (the message quotes the model's pattern). */
const STRICT_TAG_PATTERN = (schemas.JobTag!['x-aws-pattern'] as string).replace(':', '').replace('\\/', '');
const longTokenMessage = oneViolation('t'.repeat(TOKEN_MAX + 1), 'clientRequestToken', atMost(TOKEN_MAX));

/** A mode that moves where the second page of two faces starts (healthy: faces 2 and 3); every first page is as healthy. */
const secondPage = (mode: FaultModeName, faces: number[]): Case => ({
  mode,
  service: FINISHING,
  send: [start(), getFirst({ MaxResults: 2 }), getNext({ MaxResults: 2 })],
  healthy: { status: 200, faces: [2, 3], nextToken: true },
  broken: { status: 200, faces, nextToken: true },
  same: [start(), getFirst({ MaxResults: 2 }), getFirst(), getFirst({ MaxResults: 1000 })],
});

const cases: Case[] = [
  {
    mode: 'token-maxLength-plus-one',
    send: [token(TOKEN_MAX + 1)],
    healthy: { ...REFUSED, message: longTokenMessage },
    broken: STARTED,
    same: [token(TOKEN_MAX), token(TOKEN_MAX + 2)],
  },
  {
    mode: 'token-maxLength-minus-one',
    send: [token(TOKEN_MAX)],
    healthy: STARTED,
    broken: { ...REFUSED, message: oneViolation('t'.repeat(TOKEN_MAX), 'clientRequestToken', atMost(TOKEN_MAX - 1)) },
    same: [token(TOKEN_MAX - 1), token(TOKEN_MAX + 1)],
  },
  {
    mode: 'jobTag-maxLength-plus-one',
    send: [tag('g'.repeat(TAG_MAX + 1))],
    healthy: REFUSED,
    broken: STARTED,
    same: [tag('g'.repeat(TAG_MAX)), tag('g'.repeat(TAG_MAX + 2))],
  },
  {
    mode: 'jobTag-maxLength-minus-one',
    send: [tag('g'.repeat(TAG_MAX))],
    healthy: STARTED,
    broken: {
      ...REFUSED,
      message: expect.stringMatching(
        new RegExp(`^1 validation error detected: Value 'g+\\.\\.\\.' at 'jobTag' failed to satisfy constraint: ${atMost(TAG_MAX - 1)}$`),
      ),
    },
    same: [tag('g'.repeat(TAG_MAX - 1)), tag('g'.repeat(TAG_MAX + 1))],
  },
  {
    mode: 'bucket-minLength-minus-one',
    send: [bucket(BUCKET_MIN - 1)],
    healthy: REFUSED,
    broken: STARTED,
    same: [bucket(BUCKET_MIN), bucket(BUCKET_MIN - 2)],
  },
  {
    mode: 'bucket-minLength-plus-one',
    send: [bucket(BUCKET_MIN)],
    healthy: STARTED,
    broken: {
      ...REFUSED,
      message: oneViolation(
        'b'.repeat(BUCKET_MIN),
        'video.s3Object.bucket',
        `Member must have length greater than or equal to ${BUCKET_MIN + 1}`,
      ),
    },
    same: [bucket(BUCKET_MIN + 1), bucket(BUCKET_MIN - 1)],
  },
  {
    mode: 'objectName-length-in-utf16-units',
    send: [objectName('😀'.repeat(NAME_MAX))],
    healthy: STARTED,
    broken: { ...REFUSED, message: expect.stringContaining(`at 'video.s3Object.name' failed to satisfy constraint: ${atMost(NAME_MAX)}`) },
    same: [objectName('n'.repeat(NAME_MAX)), objectName('😀'.repeat(NAME_MAX + 1)), objectName('😀'.repeat(NAME_MAX / 2))],
  },
  {
    mode: 'token-pattern-unanchored-end',
    send: [start({ ClientRequestToken: 'run-1!' })],
    healthy: REFUSED,
    broken: STARTED,
    same: [start({ ClientRequestToken: '!run-1' }), start({ ClientRequestToken: 'run-1' })],
  },
  {
    mode: 'token-pattern-unanchored-start',
    send: [start({ ClientRequestToken: '!run-1' })],
    healthy: REFUSED,
    broken: STARTED,
    same: [start({ ClientRequestToken: 'run-1!' }), start({ ClientRequestToken: 'run-1' })],
  },
  { mode: 'jobTag-pattern-unanchored', send: [tag('lobby camera')], healthy: REFUSED, broken: STARTED, same: [tag(' '), tag('lobby')] },
  {
    mode: 'roleArn-pattern-unanchored',
    send: [channel({ SNSTopicArn: TOPIC_ARN, RoleArn: `role: ${ROLE_ARN} (publisher)` })],
    healthy: REFUSED,
    broken: STARTED,
    same: [channel({ SNSTopicArn: TOPIC_ARN, RoleArn: 'publisher' }), channel({ SNSTopicArn: TOPIC_ARN, RoleArn: ROLE_ARN })],
  },
  {
    mode: 'jobTag-pattern-too-strict',
    send: [tag('lobby:camera/1')],
    healthy: STARTED,
    broken: {
      ...REFUSED,
      message: oneViolation('lobby:camera/1', 'jobTag', `Member must satisfy regular expression pattern: ${STRICT_TAG_PATTERN}`),
    },
    same: [tag('lobby_camera.1-a+b=c'), tag('lobby camera'), tag('lobby camera/1')],
  },
  {
    mode: 'faceAttributes-case-folding',
    send: [faceAttributes('all')],
    healthy: REFUSED,
    broken: STARTED,
    same: [faceAttributes(' ALL'), faceAttributes('ALL'), faceAttributes('DEFAULT')],
  },
  {
    mode: 'faceAttributes-trimming',
    send: [faceAttributes(' ALL')],
    healthy: REFUSED,
    broken: STARTED,
    same: [faceAttributes('all'), faceAttributes('DEFAULT')],
  },
  {
    mode: 'video-not-required',
    send: [raw('{"JobTag":"lobby"}')],
    healthy: {
      ...REFUSED,
      message: "1 validation error detected: Value null at 'video' failed to satisfy constraint: Member must not be null",
    },
    broken: { status: 200, type: undefined, jobId: 'new', jobs: 1 },
    same: [raw('{"Video":{}}'), ...VALID],
  },
  {
    mode: 'roleArn-not-required',
    send: [channel({ SNSTopicArn: TOPIC_ARN })],
    healthy: REFUSED,
    broken: STARTED,
    same: [channel({ RoleArn: ROLE_ARN }), ...VALID],
  },
  {
    mode: 'maxResults-minimum-zero',
    send: [start(), getFirst({ MaxResults: MAX_RESULTS_MIN - 1 })],
    healthy: { ...REFUSED, jobs: 1 },
    broken: { status: 200, type: undefined, jobId: 'repeat', jobStatus: 'IN_PROGRESS', jobs: 1 },
    same: [start(), getFirst({ MaxResults: MAX_RESULTS_MIN }), getFirst({ MaxResults: MAX_RESULTS_MIN - 2 })],
  },
  {
    mode: 'jobId-maxLength-plus-one',
    send: [getUnknown('a'.repeat(JOB_ID_MAX + 1))],
    healthy: REFUSED,
    broken: { status: 400, type: 'ResourceNotFoundException', jobs: 0 },
    same: [getUnknown('a'.repeat(JOB_ID_MAX)), getUnknown('a'.repeat(JOB_ID_MAX + 2))],
  },
  {
    mode: 'nextToken-maxLength-plus-one',
    send: [start(), getFirst({ NextToken: 'n'.repeat(NEXT_TOKEN_MAX + 1) })],
    healthy: { ...REFUSED, jobs: 1 },
    // Past validation, a token the service never gave out is not a token of this job.
    broken: { status: 400, type: 'InvalidPaginationTokenException' },
    same: [start(), getFirst({ NextToken: 'n'.repeat(NEXT_TOKEN_MAX) }), getFirst({ NextToken: 'n'.repeat(NEXT_TOKEN_MAX + 2) })],
  },
  {
    mode: 'idempotency-ignored',
    send: [start({ ClientRequestToken: 'run-1' }), start({ ClientRequestToken: 'run-1' })],
    healthy: { status: 200, jobId: 'repeat', jobs: 1 },
    broken: { status: 200, jobId: 'new', jobs: 2 },
    same: [
      start({ ClientRequestToken: 'run-1', JobTag: 'a' }),
      start({ ClientRequestToken: 'run-1', JobTag: 'b' }),
      start(),
      start({ ClientRequestToken: 'run-2' }),
    ],
  },
  {
    mode: 'mismatch-not-detected',
    send: [start({ ClientRequestToken: 'run-1', JobTag: 'a' }), start({ ClientRequestToken: 'run-1', JobTag: 'b' })],
    healthy: { status: 400, type: 'IdempotentParameterMismatchException', jobId: undefined, jobs: 1 },
    broken: { status: 200, type: undefined, jobId: 'repeat', jobs: 1 },
    same: [
      start({ ClientRequestToken: 'run-1', JobTag: 'a' }),
      start({ ClientRequestToken: 'run-1', JobTag: 'a' }),
      start({ ClientRequestToken: 'run-2', JobTag: 'b' }),
    ],
  },
  {
    mode: 'jobId-outside-pattern',
    send: [start()],
    healthy: STARTED,
    broken: { ...STARTED, jobId: expect.stringMatching(new RegExp(`^job\\.[0-9a-f]{${JOB_ID_MAX - 'job.'.length}}$`)) },
    // Its own jobs read back; any other JobId outside the pattern is still refused.
    same: [start({ JobTag: 'lobby' }), getFirst(), getUnknown(`job.${'a'.repeat(JOB_ID_MAX - 4)}`), getUnknown()],
    ignore: ['jobId'],
  },
  {
    mode: 'wrong-content-type',
    send: [start()],
    healthy: STARTED,
    broken: { ...STARTED, contentType: 'application/json' },
    ignore: ['contentType'],
  },
  {
    mode: 'errors-as-500',
    send: [token(TOKEN_MAX + 1)],
    healthy: { ...REFUSED, message: longTokenMessage },
    broken: { ...REFUSED, status: 500, message: longTokenMessage },
    same: [raw('{"Video":'), getUnknown(), ...VALID],
  },
  {
    mode: 'errors-as-200',
    send: [getUnknown()],
    healthy: { status: 400, type: 'ResourceNotFoundException' },
    broken: { status: 200, type: 'ResourceNotFoundException', jobId: undefined },
  },
  { mode: 'missing-request-id', send: [start()], healthy: STARTED, broken: { ...STARTED, requestId: false }, ignore: ['requestId'] },
  {
    mode: 'constraint-as-access-denied',
    send: [token(TOKEN_MAX + 1)],
    healthy: { ...REFUSED, message: longTokenMessage },
    broken: { ...REFUSED, type: 'AccessDeniedException', message: longTokenMessage },
    same: [raw('{"Video":"v"}'), getUnknown(), ...VALID],
  },
  {
    mode: 'constraint-as-invalid-parameter',
    send: [token(TOKEN_MAX + 1)],
    healthy: { ...REFUSED, message: longTokenMessage },
    broken: { ...REFUSED, type: 'InvalidParameterException', message: longTokenMessage },
    same: [raw('{"Video":"v"}'), getUnknown(), ...VALID],
  },
  {
    mode: 'null-members-refused',
    send: [start({ JobTag: null })],
    healthy: STARTED,
    broken: { ...REFUSED, type: 'SerializationException', jobs: 0 },
    same: [start({ JobTag: 'a' }), raw('{"JobId":"a","MaxResults":2147483648}', GET), ...VALID],
  },
  {
    mode: 'limit-counts-finished-jobs',
    service: { ...FINISHING, maxConcurrentJobs: 2 },
    send: [start(), start(), start()],
    healthy: STARTED_THIRD,
    broken: { status: 400, type: 'LimitExceededException', jobs: 2 },
    same: [start(), start(), getFirst()],
  },
  {
    mode: 'unknown-target-accepted',
    send: [raw(JSON.stringify({ Video: video() }), 'RekognitionService.DetectFaces')],
    healthy: { status: 400, type: 'UnknownOperationException', jobs: 0 },
    broken: STARTED,
    same: [raw(JSON.stringify({ Video: video() }), ''), ...VALID],
  },
  {
    mode: 'malformed-json-as-500',
    send: [raw('{"Video":')],
    healthy: { status: 400, type: 'SerializationException' },
    broken: { status: 500, type: 'InternalServerError' },
    same: [raw('[1]'), raw('{"Video":"v"}'), notUtf8, ...VALID],
  },
  {
    mode: 'wrong-status-for-modelled-error',
    send: [getUnknown()],
    healthy: { status: 400, type: 'ResourceNotFoundException' },
    broken: { status: 404, type: 'ResourceNotFoundException' },
    same: [
      getUnknown('a'.repeat(JOB_ID_MAX + 1)),
      start({ ClientRequestToken: 'run-0' }),
      start({ ClientRequestToken: 'run-0', JobTag: 'b' }),
      ...VALID,
    ],
  },
  {
    mode: 'jobStatus-lowercase',
    send: [start(), getFirst()],
    healthy: { status: 200, jobId: 'repeat', jobStatus: 'IN_PROGRESS' },
    broken: { status: 200, jobId: 'repeat', jobStatus: 'in_progress' },
    same: [start(), getUnknown(), raw('{"JobId":"a"}', GET), getFirst({ MaxResults: 0 })],
  },
  {
    mode: 'job-never-finishes',
    service: FINISHING,
    send: [start(), getFirst()],
    healthy: { status: 200, jobStatus: 'SUCCEEDED', faces: range(0, VIDEO_FACES.length) },
    broken: { status: 200, jobStatus: 'IN_PROGRESS', faces: undefined },
    same: [start({ ClientRequestToken: 'run-1' }), start({ ClientRequestToken: 'run-1' }), getUnknown(), raw('{"JobId":"a"}', GET)],
  },
  {
    mode: 'faces-out-of-order',
    service: FINISHING,
    send: [start(), getFirst({ MaxResults: 3 })],
    healthy: { status: 200, jobStatus: 'SUCCEEDED', faces: [0, 1, 2], nextToken: true },
    broken: { status: 200, jobStatus: 'SUCCEEDED', faces: range(VIDEO_FACES.length - 3, VIDEO_FACES.length).reverse(), nextToken: true },
    same: [start(), start({ JobTag: 'lobby' }), getUnknown(), getFirst({ MaxResults: 0 })],
  },
  {
    mode: 'maxResults-ignored',
    service: FINISHING,
    send: [start(), getFirst({ MaxResults: 2 })],
    healthy: { status: 200, faces: [0, 1], nextToken: true },
    broken: { status: 200, faces: range(0, VIDEO_FACES.length), nextToken: false },
    same: [start(), getFirst(), getFirst({ MaxResults: 1000 }), getFirst({ MaxResults: 5000 })],
  },
  secondPage('pagination-repeats-last-face', [1, 2]),
  secondPage('pagination-drops-a-face', [3, 4]),
  {
    mode: 'foreign-token-accepted',
    service: FINISHING,
    // The second job's faces are the first's (the same video): only the token tells them apart.
    send: [
      start(),
      start({ JobTag: 'b' }),
      getFirst({ MaxResults: 2 }),
      get((jobIds, tokens) => ({ JobId: jobIds[1], MaxResults: 2, NextToken: tokens[0] })),
    ],
    healthy: { status: 400, type: 'InvalidPaginationTokenException', faces: undefined },
    broken: { status: 200, type: undefined, faces: [0, 1], nextToken: true },
    same: [start(), getFirst({ MaxResults: 2 }), getNext({ MaxResults: 2 }), getNext({ MaxResults: 50 }), getNext({ MaxResults: 50 })],
  },
  {
    mode: 'jobId-not-echoed',
    send: [start(), getFirst()],
    healthy: { status: 200, jobId: 'repeat' },
    // A JobId not answered before: not the one asked for.
    broken: { status: 200, jobId: 'new' },
    same: [start(), getUnknown()],
  },
  {
    mode: 'jobTag-not-echoed',
    send: [start({ JobTag: 'lobby' }), getFirst()],
    healthy: { status: 200, rest: expect.objectContaining({ JobTag: 'lobby' }) },
    broken: { status: 200, rest: expect.not.objectContaining({ JobTag: 'lobby' }) },
    same: [start({ JobTag: 'lobby' }), getUnknown()],
  },
  {
    mode: 'video-not-echoed',
    send: [start(), getFirst()],
    healthy: { status: 200, rest: expect.objectContaining({ Video: video() }) },
    broken: { status: 200, rest: expect.not.objectContaining({ Video: video() }) },
    same: [start(), getUnknown()],
  },
  {
    mode: 'jobStatus-missing',
    send: [start(), getFirst()],
    healthy: { status: 200, jobStatus: 'IN_PROGRESS' },
    broken: { status: 200, jobStatus: undefined },
    same: [start(), getUnknown()],
  },
  {
    mode: 'failed-without-status-message',
    service: FINISHING,
    send: [start(), getFirst()],
    healthy: { status: 200, jobStatus: 'SUCCEEDED' },
    broken: { status: 200, jobStatus: 'FAILED', rest: expect.not.objectContaining({ StatusMessage: expect.anything() }) },
    same: [start({ JobTag: 'lobby' }), getUnknown(), token(TOKEN_MAX + 1)],
  },
  {
    mode: 'idempotent-without-token',
    send: [start(), start()],
    healthy: { status: 200, jobId: 'new', jobs: 2 },
    broken: { status: 200, jobId: 'repeat', jobs: 1 },
    same: [start(), start({ JobTag: 'b' }), start({ ClientRequestToken: 'run-1' }), start({ ClientRequestToken: 'run-1' })],
  },
  {
    mode: 'limit-exceeded-as-500',
    send: [start(), start(), start()],
    healthy: STARTED_THIRD,
    broken: { status: 500, type: 'LimitExceededException', jobs: 2 },
    same: [start(), start(), getUnknown()],
  },
  {
    mode: 'throttling-as-400',
    send: Array.from({ length: 7 }, () => getUnknown()),
    healthy: { status: 400, type: 'ResourceNotFoundException' },
    broken: { status: 400, type: 'ThrottlingException' },
    same: Array.from({ length: 6 }, () => getUnknown()),
  },
  {
    mode: 'throughput-exceeded-as-500',
    send: Array.from({ length: 7 }, () => start()),
    healthy: { status: 200, jobId: 'new', jobs: 7 },
    broken: { status: 500, type: 'ProvisionedThroughputExceededException', jobs: 6 },
    same: [...Array.from({ length: 6 }, () => start()), getUnknown(), getUnknown()],
  },
  {
    mode: 'maxResults-cap-ignored',
    service: { ...FINISHING, s3Objects: faultModes['maxResults-cap-ignored']!.needs!.s3Objects },
    send: [start({ Video: video(CONFORMANCE_VIDEO) }), getFirst({ MaxResults: 1001 })],
    healthy: { status: 200, faces: expect.toSatisfy((faces: number[]) => faces.length === 1000) },
    broken: { status: 200, faces: expect.toSatisfy((faces: number[]) => faces.length === 1001) },
    same: [start({ Video: video(CONFORMANCE_VIDEO) }), getFirst({ MaxResults: 1000 }), getFirst({ MaxResults: 3 })],
  },
  {
    mode: 'nextToken-too-long',
    service: FINISHING,
    send: [start(), getFirst({ MaxResults: 2 })],
    healthy: { status: 200, nextToken: true, rest: expect.anything() },
    broken: { status: 200, nextToken: true, rest: expect.anything() },
    same: [start(), getFirst(), getUnknown()],
    tokenLength: { healthy: (n) => n <= NEXT_TOKEN_MAX, broken: (n) => n === NEXT_TOKEN_MAX + 1 },
  },
  {
    mode: 'unknown-job-as-invalid-parameter',
    send: [getUnknown()],
    healthy: { status: 400, type: 'ResourceNotFoundException' },
    broken: { status: 400, type: 'InvalidParameterException' },
    same: [start(), getFirst(), getFirst({ MaxResults: 0 })],
  },
  {
    mode: 'content-type-parameters-refused',
    send: [withContentType('application/x-amz-json-1.1; charset=utf-8')],
    healthy: STARTED,
    broken: { status: 400, type: 'SerializationException', jobs: 0 },
    same: [...VALID, withContentType('text/plain')],
  },
  {
    mode: 'unreadable-as-validation',
    send: [start({ JobTag: 7 })],
    healthy: { status: 400, type: 'SerializationException' },
    broken: { status: 400, type: 'ValidationException' },
    same: [raw('{"Video":'), raw('[1]'), token(TOKEN_MAX + 1), ...VALID],
  },
  {
    mode: 'token-ignored-for-same-parameters',
    send: [start({ ClientRequestToken: 'run-1' }), start({ ClientRequestToken: 'run-2' })],
    healthy: { status: 200, jobId: 'new', jobs: 2 },
    broken: { status: 200, jobId: 'repeat', jobs: 1 },
    same: [start(), start(), start({ ClientRequestToken: 'run-1' }), start({ ClientRequestToken: 'run-1', JobTag: 'b' })],
  },
  {
    mode: 'later-for-invalid',
    send: [token(TOKEN_MAX + 1)],
    healthy: { ...REFUSED, message: longTokenMessage },
    broken: { status: 503, type: 'ServiceUnavailable', jobs: 0 },
    same: [getUnknown(), raw('{"Video":'), raw('{"Video":"v"}'), ...VALID],
  },
  {
    mode: 'refusal-with-job-id',
    send: [token(TOKEN_MAX + 1)],
    healthy: { ...REFUSED, message: longTokenMessage },
    broken: { ...REFUSED, message: longTokenMessage, jobId: 'refused-but-started' },
    same: [raw('{"Video":'), getUnknown(), ...VALID],
  },
  {
    mode: 'error-without-code',
    send: [token(TOKEN_MAX + 1)],
    healthy: { ...REFUSED, message: longTokenMessage },
    broken: { status: 400, type: undefined, message: longTokenMessage, rest: { message: longTokenMessage } },
    same: [raw('{"Video":'), getUnknown(), ...VALID],
  },
  {
    mode: 'start-constraint-as-pagination-token',
    send: [token(TOKEN_MAX + 1)],
    healthy: { ...REFUSED, message: longTokenMessage },
    broken: { ...REFUSED, type: 'InvalidPaginationTokenException', message: longTokenMessage },
    same: [getUnknown('a'.repeat(JOB_ID_MAX + 1)), raw('{"Video":'), ...VALID],
  },
  {
    mode: 'start-answer-not-json',
    send: [start()],
    healthy: STARTED,
    broken: { status: 200, jobId: undefined, jobs: 1, rest: { body: expect.stringMatching(/^JobId=[0-9a-f]{64}$/) } },
    same: [getUnknown(), token(TOKEN_MAX + 1)],
  },
  {
    mode: 'start-without-job-id',
    send: [start()],
    healthy: STARTED,
    broken: { status: 200, jobId: undefined, jobs: 1, rest: {} },
    same: [getUnknown(), token(TOKEN_MAX + 1)],
  },
  {
    mode: 'later-pages-in-progress',
    service: FINISHING,
    send: [start(), getFirst({ MaxResults: 2 }), getNext({ MaxResults: 2 })],
    healthy: { status: 200, jobStatus: 'SUCCEEDED', faces: [2, 3] },
    broken: { status: 200, jobStatus: 'IN_PROGRESS', faces: [2, 3] },
    same: [start(), getFirst({ MaxResults: 2 }), getUnknown()],
  },
  {
    mode: 'duplicate-face',
    service: FINISHING,
    send: [start(), getFirst({ MaxResults: 3 })],
    healthy: { status: 200, jobStatus: 'SUCCEEDED', faces: [0, 1, 2] },
    broken: { status: 200, jobStatus: 'SUCCEEDED', faces: [0, 0, 1] },
    same: [start(), getUnknown(), token(TOKEN_MAX + 1)],
  },
  {
    mode: 'pagination-adds-a-face',
    service: FINISHING,
    // Pages of all but one face: the second, last page has room for one more.
    send: [start(), getFirst({ MaxResults: VIDEO_FACES.length - 1 }), getNext({ MaxResults: VIDEO_FACES.length - 1 })],
    healthy: { status: 200, faces: [VIDEO_FACES.length - 1], nextToken: false },
    broken: { status: 200, faces: [VIDEO_FACES.length - 1, -1], nextToken: false },
    same: [start(), getFirst({ MaxResults: VIDEO_FACES.length - 1 }), getFirst()],
  },
  {
    mode: 'null-optional-as-500',
    send: [start({ JobTag: null })],
    healthy: STARTED,
    broken: { status: 500, type: 'InternalServerError', jobs: 0 },
    same: [start({ JobTag: 'a' }), start({ FaceAttributes: null }), ...VALID],
  },
  {
    mode: 'faceAttributes-all-refused',
    send: [faceAttributes('ALL')],
    healthy: STARTED,
    broken: { ...REFUSED, message: expect.stringContaining("Value 'ALL' at 'faceAttributes' failed to satisfy constraint") },
    same: [faceAttributes('DEFAULT'), faceAttributes('all'), start(), getUnknown()],
  },
];

// ---- The modes made from the facts (lax-, status-, untyped-) ------------------------------------

/** A call that makes the service answer each error the made modes break (with the mode's own trigger where it needs one). */
const PROVOKE: Partial<Record<ErrorName, { send: Call[]; service?: FaceDetectionServiceOptions; same?: Call[] }>> = {
  ValidationException: { send: [token(TOKEN_MAX + 1)] },
  SerializationException: { send: [raw('{')] },
  UnknownOperationException: { send: [raw('{}', 'RekognitionService.Nope')] },
  InvalidParameterException: { send: [start({ Video: video({ Bucket: 'my-videos' }) })] },
  ResourceNotFoundException: { send: [getUnknown()] },
  InvalidPaginationTokenException: { send: [start(), getFirst({ NextToken: 'x' })], service: FINISHING },
  IdempotentParameterMismatchException: { send: [start({ ClientRequestToken: 't1' }), start({ ClientRequestToken: 't1', JobTag: 'b' })] },
  InvalidS3ObjectException: { send: [start()], same: [getUnknown(), start({ Video: video(CONFORMANCE_VIDEO) })] },
  LimitExceededException: { send: [start(), start(), start()] },
  ProvisionedThroughputExceededException: { send: Array.from({ length: 7 }, () => start()) },
  ThrottlingException: { send: Array.from({ length: 7 }, () => getUnknown()) },
};

/** The request cases of the arbitraries, around a plain start and an unknown JobId: each rule's boundary values. */
const ruleCases = [
  ...invalidRequestCasesOf('StartFaceDetectionRequest', fc.constant({ Video: video() }), { Video: video() }).map((c) => ({
    ...c,
    target: START,
  })),
  ...invalidRequestCasesOf('GetFaceDetectionRequest', fc.constant({ JobId: 'a' }), { JobId: 'a' }).map((c) => ({ ...c, target: GET })),
];

const madeCases: Case[] = (Object.keys(faultModes) as FaultModeName[]).flatMap((mode): Case[] => {
  const made = /^(lax|status|untyped)-(.*)$/.exec(mode);
  if (!made) return [];
  const [, kind, rest] = made as unknown as [string, string, string];
  if (kind === 'lax') {
    const [operation, member, keyword] = rest.split('-') as [string, string, string];
    const c = ruleCases.find((k) => k.target.endsWith(operation) && k.member === member && k.keyword === keyword)!;
    return [
      {
        mode,
        send: [raw(JSON.stringify(c.coverage[0]!.request), c.target)],
        healthy: { status: 400, type: expect.stringMatching(/^(ValidationException|SerializationException)$/) },
        // Let through: the service goes on with the value, and answers as it then does (not as a broken rule).
        broken: { type: expect.not.stringMatching(/^(ValidationException|SerializationException)$/) },
      },
    ];
  }
  const error = rest as ErrorName;
  const { send, service = {}, same } = PROVOKE[error]!;
  const status = errors[error].httpStatus;
  const withNeeds = { ...service, ...faultModes[mode]!.needs };
  return [
    {
      mode,
      send,
      service: withNeeds,
      healthy: {},
      broken:
        kind === 'status'
          ? { type: error, status: status >= 500 ? 400 : 500 }
          : { status, type: undefined, rest: expect.objectContaining({ code: error }) },
      ...(same ? { same } : {}),
    },
  ];
});

// ---- The tests ----------------------------------------------------------------------------------

describe('fault modes', () => {
  it('are many, each with a description and a case here', () => {
    expect(Object.keys(faultModes).length).toBeGreaterThanOrEqual(20);
    for (const [name, mode] of Object.entries(faultModes)) expect(mode.description, name).toMatch(/\w{3,}/);
    expect([...cases, ...madeCases].map((c) => c.mode).sort()).toEqual(Object.keys(faultModes).sort());
  });

  it('are off by default, and an unknown one is refused', () => {
    expect(new FaceDetectionService().faultMode).toBeUndefined();
    expect(new FaceDetectionService({ faultMode: 'errors-as-500' }).faultMode).toBe('errors-as-500');
    expect(() => new FaceDetectionService({ faultMode: 'no-such-mode' as FaultModeName })).toThrow(TypeError);
    expect(() => new FaceDetectionService({ faultMode: 'toString' as FaultModeName })).toThrow(TypeError);
  });

  describe.each([...cases, ...madeCases])(
    '$mode',
    ({ mode, send, healthy, broken, same = VALID, ignore = [], service = {}, tokenLength }) => {
      it('answers its request differently from the healthy service', async () => {
        const good = await last(new FaceDetectionService(service), send);
        const bad = await last(new FaceDetectionService({ ...service, faultMode: mode }), send);
        expect(good).toMatchObject(healthy);
        expect(bad).toMatchObject(broken);
        expect(bad).not.toEqual(good);
        if (tokenLength)
          expect([tokenLength.healthy(good.nextTokenLength!), tokenLength.broken(bad.nextTokenLength!)]).toEqual([true, true]);
      });

      it('answers other requests as the healthy service does', async () => {
        const without = (observed: Observed[]) =>
          observed.map((o) => ({ ...o, ...Object.fromEntries(ignore.map((key) => [key, 'ignored'])) }));
        const good = await run(new FaceDetectionService(service), same);
        const bad = await run(new FaceDetectionService({ ...service, faultMode: mode }), same);
        expect(without(bad)).toEqual(without(good));
      });
    },
  );

  it('malformed-json-as-500 leaves alone what is not a malformed body: another media type, a body past the cap', async () => {
    const answer = (service: FaceDetectionService, contentType: string, text: string) =>
      service.respond({
        method: 'POST',
        header: (name) => ({ 'content-type': contentType, 'x-amz-target': START })[name],
        body: new TextEncoder().encode(text),
      });
    for (const [contentType, text] of [
      ['application/json', '{"Video":'],
      ['application/x-amz-json-1.1', `{"Video":${'x'.repeat(2048)}`],
    ] as const) {
      const good = await answer(new FaceDetectionService({ maxBodyBytes: 1024 }), contentType, text);
      const bad = await answer(new FaceDetectionService({ maxBodyBytes: 1024, faultMode: 'malformed-json-as-500' }), contentType, text);
      expect([bad.status, bad.error]).toEqual([good.status, good.error]);
      expect(good.error).toBe('SerializationException');
    }
  });

  it('records the error and status the broken service answered', async () => {
    const service = new FaceDetectionService({ faultMode: 'errors-as-500' });
    await last(service, [token(TOKEN_MAX + 1)]);
    expect(service.calls).toMatchObject([{ status: 500, error: 'ValidationException' }]);
  });
});
