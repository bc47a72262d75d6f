// The world a recording shows: which S3 objects the recorded endpoint could read and which it
// refused, and what each recorded job found. Loaded into a FaceDetectionService (the embedded
// mock's, an emulator's, your own test's) through its public controls, so that a replay compares
// like with like: the same objects exist, and the same jobs find the same faces.
import type { FaceDetection, StartFaceDetectionRequest, VideoMetadata } from '../../generated/types.js';
import { MAX_VIDEO_BYTES } from '../contract/limits.js';
import { headerValue, operationOf } from '../contract/wire.js';
import type { FaceDetectionService } from '../service/FaceDetectionService.js';
import type { S3ObjectInfo } from '../service/S3Registry.js';
import { codeOf, jsonOf, responseJson, type Exchange } from './Exchange.js';
import { exchangeOf, type Har } from './har.js';

/** One object of the recorded world, as `putS3Object` takes it. */
export interface RecordedObject {
  Bucket: string;
  Name: string;
  info: S3ObjectInfo;
}

export interface RecordedWorld {
  /** Objects a recorded start was answered a job on (or VideoTooLargeException), with what their jobs found. */
  readable: RecordedObject[];
  /** Objects a recorded start was refused with InvalidS3ObjectException (or AccessDeniedException): they do not exist. */
  refused: { Bucket: string; Name: string }[];
  /** Jobs the recording started: StartFaceDetection answers with a JobId not answered before. */
  jobs: number;
}

/** What the recording saw of one job: its start, its pages by where they start, its end. */
interface SeenJob {
  start: StartFaceDetectionRequest;
  faces: (FaceDetection | undefined)[];
  /** Where a NextToken the recording got for this job starts its page. */
  offsets: Map<string, number>;
  /** The end of the faces read, and whether a page ending there said more follow. */
  end: number;
  more: boolean;
  videoMetadata?: VideoMetadata;
  failure?: string;
}

const keyOf = (o: { Bucket?: string; Name?: string }) => `${o.Bucket}/${o.Name}`;

/** The world of a recording (as `conformance --record` writes it). */
export function worldOf(har: Har): RecordedWorld {
  const jobs = new Map<string, SeenJob>();
  const readable = new Map<string, RecordedObject>();
  const refused = new Map<string, { Bucket: string; Name: string }>();
  for (const entry of har.log.entries) {
    const exchange = exchangeOf(entry);
    const operation = operationOf(headerValue(exchange.request.headers, 'x-amz-target'));
    const request = jsonOf(exchange.request.body);
    if (operation === 'StartFaceDetection') seeStart(exchange, request, { jobs, readable, refused });
    else if (operation === 'GetFaceDetection') seePage(exchange, request, jobs.get(request?.JobId));
  }
  // Per object, and per kind of job (FaceAttributes ALL or not), the job the recording read most of:
  // AWS finds the same faces in the same video, and a job read to its end knows them all.
  const best = new Map<string, SeenJob>();
  for (const job of jobs.values()) {
    const kind = `${keyOf(job.start.Video!.S3Object!)}#${job.start.FaceAttributes === 'ALL' ? 'ALL' : 'DEFAULT'}`;
    const known = best.get(kind);
    if (!known || knowledgeOf(job) > knowledgeOf(known)) best.set(kind, job);
  }
  for (const job of [...best.values()].sort((a, b) => knowledgeOf(a) - knowledgeOf(b))) {
    const object = readable.get(keyOf(job.start.Video!.S3Object!));
    if (object) object.info = { ...object.info, ...resultsOf(job, object.info) };
  }
  for (const key of readable.keys()) refused.delete(key);
  return { readable: [...readable.values()], refused: [...refused.values()], jobs: jobs.size };
}

function seeStart(
  exchange: Exchange,
  request: StartFaceDetectionRequest | undefined,
  world: { jobs: Map<string, SeenJob>; readable: Map<string, RecordedObject>; refused: Map<string, { Bucket: string; Name: string }> },
): void {
  const object = request?.Video?.S3Object;
  if (typeof object?.Bucket !== 'string' || typeof object.Name !== 'string') return;
  const { Bucket, Name } = object;
  const code = codeOf(exchange);
  const jobId = responseJson(exchange)?.JobId;
  if (exchange.response.status === 200 && typeof jobId === 'string') {
    if (!world.readable.has(keyOf(object))) world.readable.set(keyOf(object), { Bucket, Name, info: {} });
    if (!world.jobs.has(jobId)) world.jobs.set(jobId, { start: request!, faces: [], offsets: new Map(), end: 0, more: false });
  } else if (code === 'VideoTooLargeException') {
    world.readable.set(keyOf(object), { Bucket, Name, info: { size: MAX_VIDEO_BYTES + 1 } });
  } else if (code === 'InvalidS3ObjectException' || code === 'AccessDeniedException') {
    // Refused to these credentials: for a replay, an object that is not there.
    world.refused.set(keyOf(object), { Bucket, Name });
  }
}

/** How much the recording knows of a job's results: none, that it failed, or faces: the more read the more (read to the end, more still). */
const knowledgeOf = (job: SeenJob) =>
  job.failure !== undefined ? 1 : job.end === 0 && !job.videoMetadata ? 0 : 2 + job.end * 2 + (job.more ? 0 : 1);

/** A 200 page of a recorded job: its faces at the offset its NextToken names (0 without one). */
function seePage(exchange: Exchange, request: { NextToken?: unknown } | undefined, job: SeenJob | undefined): void {
  const body = responseJson(exchange);
  if (!job || exchange.response.status !== 200 || !body) return;
  if (body.JobStatus === 'FAILED') job.failure = typeof body.StatusMessage === 'string' ? body.StatusMessage : 'The job failed.';
  if (body.JobStatus !== 'SUCCEEDED') return;
  const offset = typeof request?.NextToken === 'string' ? job.offsets.get(request.NextToken) : 0;
  if (offset === undefined || !Array.isArray(body.Faces)) return;
  job.videoMetadata ??= body.VideoMetadata;
  body.Faces.forEach((face: FaceDetection, i: number) => {
    job.faces[offset + i] = face;
  });
  const end = offset + body.Faces.length;
  if (typeof body.NextToken === 'string') job.offsets.set(body.NextToken, end);
  if (end > job.end || (end === job.end && typeof body.NextToken === 'string')) {
    job.end = end;
    job.more = typeof body.NextToken === 'string';
  }
}

/**
 * What the object's jobs find, from what the recording read of one of its jobs: the faces read,
 * and one more where the last page read said more follow (so that page carries a NextToken again).
 */
function resultsOf(job: SeenJob, info: S3ObjectInfo): S3ObjectInfo {
  if (job.failure !== undefined) return { failure: job.failure };
  if (job.end === 0 && !job.videoMetadata) return {};
  const faces: FaceDetection[] = [];
  for (let i = 0; i < job.end; i++) faces.push(job.faces[i] ?? faces[i - 1] ?? job.faces.find(Boolean)!);
  if (job.more && faces.length > 0) faces.push(faces[faces.length - 1]!);
  const found: S3ObjectInfo = { ...(job.videoMetadata ? { videoMetadata: job.videoMetadata } : {}) };
  if (job.start.FaceAttributes === 'ALL') found.allAttributeFaces = faces;
  else found.faces = faces;
  // A job of the other kind read nothing: it finds the same faces.
  if (!info.faces && !found.faces) found.faces = faces;
  return found;
}

/** Loads a recorded world into a service: its readable objects registered, its refused ones removed. */
export function loadWorld(service: FaceDetectionService, world: RecordedWorld): void {
  for (const { Bucket, Name, info } of world.readable) service.putS3Object(Bucket, Name, info);
  for (const { Bucket, Name } of world.refused) service.deleteS3Object(Bucket, Name);
}
