// A realistic endpoint, for the conformance suite's own tests: a real HTTP server that answers as
// AWS answers one account, not as this package's mock does. One FaceDetectionService does the
// work; in front of it sit what the mock leaves out (a start rate, random throttling), and around
// it the choices the contract leaves open are made differently from the mock (JobIds of another
// shape, Smithy's ValidationException wording, namespaced `__type`), so that a suite overfitted
// to the mock fails here. Its one video holds faces of its own (37 by default, not the mock's for
// that object), and a value of the wrong JSON type is refused with ValidationException (a choice
// the contract leaves; the mock answers SerializationException). Anything else is answered exactly as the service answers it, faults
// included: `faultMode` must still break the endpoint for the suite to catch.
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errors, type ErrorName } from '../generated/contract.js';
import { closeServer } from '../src/transports/closeServer.js';
import { FaceDetectionService } from '../src/service/FaceDetectionService.js';
import type { S3ObjectInfo } from '../src/service/S3Registry.js';
import { syntheticFaces, syntheticVideoMetadata } from '../src/service/syntheticResults.js';
import { faultModes, type FaultModeName } from '../src/service/faultModes.js';
import { validateGetFaceDetectionRequest, validateStartFaceDetectionRequest } from '../src/contract/validators.js';
import type { Violation } from '../src/contract/violation.js';
import { errorAnswer, operationOf, type OperationName, type WireAnswer, type WireRequest } from '../src/contract/wire.js';

export interface RealisticEndpointOptions {
  /** The one video the account can read. Default { Bucket: 'realistic-videos', Name: 'meeting.mp4' }. */
  video?: { Bucket: string; Name: string };
  /** Starts per second before ProvisionedThroughputExceededException. Default 5. */
  startsPerSecond?: number;
  /** Jobs running at once before LimitExceededException. Default 20. */
  maxRunningJobs?: number;
  /** How long a job runs, ms. Default 3000. */
  jobDurationMs?: number;
  /** Probability (0..1) that any request answers ThrottlingException (500). Default 0.05. Deterministic given `seed`. */
  throttleRate?: number;
  seed?: number;
  /** How many faces a job on the video finds (its own faces, not the mock's). Default 37. */
  faceCount?: number;
  /** One of the service's fault modes (FaultModeName from src/service/faultModes.ts), to break the endpoint on purpose. */
  faultMode?: FaultModeName;
}

/** One answer as the endpoint sent it. */
export interface RealisticAnswer {
  operation: string | undefined;
  status: number;
  error: string | undefined;
}

export interface RealisticEndpoint {
  url: string; // http://127.0.0.1:PORT
  /** Jobs actually started (new JobIds answered 200 to StartFaceDetection), counted by the endpoint. */
  readonly jobsStarted: number;
  /** Every answer, for assertions: operation, status, error code. */
  readonly answers: readonly RealisticAnswer[];
  close(): Promise<void>;
}

const DEFAULT_VIDEO = { Bucket: 'realistic-videos', Name: 'meeting.mp4' };
const DEFAULT_STARTS_PER_SECOND = 5;
const DEFAULT_MAX_RUNNING_JOBS = 20;
const DEFAULT_JOB_DURATION_MS = 3000;
const DEFAULT_THROTTLE_RATE = 0.05;
const DEFAULT_SEED = 0x5eed;
const DEFAULT_FACE_COUNT = 37;
/** Where the endpoint's own faces come from: another video's, so that they are not the mock's for the same object. */
const FACES_OF = { Bucket: 'elsewhere', Name: 'a-long-street-scene.mp4' };
/** The window the start rate is counted over. */
const RATE_WINDOW_MS = 1000;
/** The body the service reads at most (its own default); past it the service answers 413 itself. */
const MAX_BODY_BYTES = 1024 * 1024;
/** How long close() lets answers in flight finish before cutting their connections. */
const CLOSE_GRACE_MS = 250;
/** The contract's JobId: 1 to 64 of these characters. JobIds outside it are a fault to show, never to mend. */
const JOB_ID = /^[a-zA-Z0-9-_]{1,64}$/;
/** Where Rekognition's own errors live in Smithy; SDKs read the code after the `#`. */
const ERROR_NAMESPACE = 'com.amazonaws.rekognition#';
/** The service's summary line, `2 validation errors detected: ...`, whose wording is rewritten. */
const SERVICE_VALIDATION_HEAD = /^(\d+) validation errors? detected: /;

export async function startRealisticEndpoint(options: RealisticEndpointOptions = {}): Promise<RealisticEndpoint> {
  const video = options.video ?? DEFAULT_VIDEO;
  const startsPerSecond = options.startsPerSecond ?? DEFAULT_STARTS_PER_SECOND;
  const throttleRate = options.throttleRate ?? DEFAULT_THROTTLE_RATE;
  if (!(startsPerSecond > 0)) throw new RangeError(`startsPerSecond must be more than 0, not ${startsPerSecond}`);
  if (!(throttleRate >= 0 && throttleRate <= 1)) throw new RangeError(`throttleRate must be from 0 to 1, not ${throttleRate}`);

  const service = new FaceDetectionService({
    maxConcurrentJobs: options.maxRunningJobs ?? DEFAULT_MAX_RUNNING_JOBS,
    jobDurationMs: options.jobDurationMs ?? DEFAULT_JOB_DURATION_MS,
    // Registering one object makes every other one answer InvalidS3ObjectException, as S3 does
    // for objects the account cannot read.
    s3Objects: { [`${video.Bucket}/${video.Name}`]: ownResults(options.faceCount ?? DEFAULT_FACE_COUNT) },
    faultMode: options.faultMode,
  });
  // The endpoint's own answers break the contract as the service's do, so that a fault mode
  // (a missing request id, say) shows on every answer, not only on those the service made.
  const faultWrap = options.faultMode === undefined ? undefined : faultModes[options.faultMode]!.wrap;
  const rng = xoroshiro128plus(options.seed ?? DEFAULT_SEED);
  const random = () => uniformInt(rng, 0, 2 ** 30 - 1) / 2 ** 30;
  const jobIds = new JobIdMap();
  /** When each start let through to the service arrived (monotonic ms), the last second's only. */
  let recentStarts: number[] = [];
  /** Public JobIds answered 200 to a start: a repeat of one is not a new job. */
  const started = new Set<string>();
  const answers: RealisticAnswer[] = [];

  /** Any request may be throttled; a start past the rate is refused. Undefined lets the request through. */
  const gate = (operation: OperationName | undefined): ErrorName | undefined => {
    // One draw per request, in arrival order: the same seed throttles the same requests.
    if (random() < throttleRate) return 'ThrottlingException';
    if (operation !== 'StartFaceDetection') return undefined;
    const now = performance.now();
    recentStarts = recentStarts.filter((at) => now - at < RATE_WINDOW_MS);
    if (recentStarts.length >= startsPerSecond) return 'ProvisionedThroughputExceededException';
    recentStarts.push(now);
    return undefined;
  };

  const answer = async (req: IncomingMessage, operation: OperationName | undefined): Promise<WireAnswer | undefined> => {
    const body = await readBody(req);
    if (body === 'aborted') return undefined;
    const header = (name: string) => headerOf(req, name);
    const refused = gate(operation);
    if (refused) {
      const message = refused === 'ThrottlingException' ? 'Rate exceeded' : 'Provisioned rate exceeded';
      // Same body as the service's own errors (__type, Code, Logref, Message), with the contract's status.
      const own = rewriteAnswer(errorAnswer(refused, message), jobIds, undefined);
      const wire: WireRequest = { method: req.method ?? 'GET', header, body };
      return faultWrap ? faultWrap(async () => own)(wire) : own;
    }
    // The client only ever sees public JobIds: turn the one it names back into the service's.
    const request = body === 'too-large' ? undefined : rewriteRequest(body, jobIds);
    const wire: WireRequest = { method: req.method ?? 'GET', header, body: request?.bytes ?? 'too-large' };
    const served = await service.respond(wire);
    const context: RewriteContext = { operation, requestBody: request?.parsed, internalJobId: request?.internalJobId };
    const rewritten = rewriteAnswer(served, jobIds, context);
    if (operation === 'StartFaceDetection' && rewritten.status === 200 && rewritten.error === undefined) {
      const id = jobIdOf(rewritten.body);
      if (id !== undefined) started.add(id);
    }
    return rewritten;
  };

  const server = createServer({ keepAlive: true }, (req: IncomingMessage, res: ServerResponse) => {
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    const operation = operationOf(headerOf(req, 'x-amz-target'));
    answer(req, operation).then(
      (wire) => {
        if (!wire) return void res.destroy();
        answers.push({ operation, status: wire.status, error: wire.error });
        send(res, wire);
      },
      // A bug of ours must not hang the client: cut the connection, the SDK reports it.
      () => res.destroy(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    get jobsStarted() {
      return started.size;
    },
    answers,
    close: () =>
      (closing ??= closeServer(server, CLOSE_GRACE_MS).then(() => {
        // Forget the jobs, and the timer that would finish them.
        service.reset();
      })),
  };
}

/** The video's own faces and metadata: `count` faces, with all attributes for jobs that ask for them. */
function ownResults(count: number): S3ObjectInfo {
  const videoMetadata = { ...syntheticVideoMetadata(FACES_OF), DurationMillis: 240_000 };
  const pick = (attributes: 'DEFAULT' | 'ALL') => syntheticFaces(FACES_OF, videoMetadata.DurationMillis, attributes).slice(0, count);
  if (pick('DEFAULT').length < count) throw new RangeError(`the endpoint's video has fewer than ${count} faces`);
  return { videoMetadata, faces: pick('DEFAULT'), allAttributeFaces: pick('ALL') };
}

// ---- JobIds ---------------------------------------------------------------------------------------

/**
 * The service's JobIds (64 lowercase hex) and the ones the client sees (`FaceJob_` and 32 hex: upper
 * case, an underscore, another length), both ways, so that a GetFaceDetection naming a public JobId
 * reaches the real job. Within the contract's pattern, but not the mock's shape.
 */
class JobIdMap {
  readonly #toPublic = new Map<string, string>();
  readonly #toInternal = new Map<string, string>();

  /** The public JobId of a service JobId, made on first sight. A JobId outside the pattern (a fault mode's) passes unchanged. */
  publicOf(internal: string): string {
    if (!JOB_ID.test(internal)) return internal;
    let id = this.#toPublic.get(internal);
    if (id === undefined) {
      id = `FaceJob_${crypto.randomUUID().replace(/-/g, '')}`;
      this.#toPublic.set(internal, id);
      this.#toInternal.set(id, internal);
    }
    return id;
  }

  /** The service's JobId for a public one; undefined for a JobId the endpoint never answered. */
  internalOf(id: string): string | undefined {
    return this.#toInternal.get(id);
  }
}

/** The request body with a public JobId turned back into the service's, and the body parsed (for the message rewrite). */
function rewriteRequest(bytes: Uint8Array, jobIds: JobIdMap): { bytes: Uint8Array; parsed: unknown; internalJobId: string | undefined } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    // Not JSON: the service answers it as it is.
    return { bytes, parsed: undefined, internalJobId: undefined };
  }
  const id = jobIdOfValue(parsed);
  const internal = id === undefined ? undefined : jobIds.internalOf(id);
  if (internal === undefined || !isObject(parsed)) return { bytes, parsed, internalJobId: undefined };
  // Swap the JobId's text in place where it is written plainly (public JobIds need no escaping), so
  // that the rest of the body reaches the service byte for byte; else write the body again.
  const text = new TextDecoder().decode(bytes);
  const member = new RegExp(`("JobId"\\s*:\\s*)"${id}"`);
  const swapped = member.test(text) ? text.replace(member, `$1"${internal}"`) : JSON.stringify({ ...parsed, JobId: internal });
  return { bytes: new TextEncoder().encode(swapped), parsed: { ...parsed, JobId: internal }, internalJobId: internal };
}

// ---- Answers --------------------------------------------------------------------------------------

interface RewriteContext {
  operation: OperationName | undefined;
  /** The request body as the service read it (JobId already the service's), if it was JSON. */
  requestBody: unknown;
  /** The service's JobId the request named, if it named a public one. */
  internalJobId: string | undefined;
}

/**
 * The answer as this endpoint words it: public JobIds, `__type` with Smithy's namespace for
 * Rekognition's own errors, ValidationException in Smithy's framework wording. Status, headers and
 * every other member are the service's.
 */
function rewriteAnswer(answer: WireAnswer, jobIds: JobIdMap, context: RewriteContext | undefined): WireAnswer {
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return answer;
  }
  if (!isObject(body)) return answer;
  // This endpoint's choice: a member's value it cannot read is refused as a broken constraint
  // (the contract allows it; a body that is no JSON object stays SerializationException).
  if (answer.error === 'SerializationException' && context && isObject(context.requestBody)) {
    const violations = violationsOf(context);
    const message = violations.length
      ? `${violations.length} validation error${violations.length === 1 ? '' : 's'} detected. ${violations
          .map((v) => `Value at '${smithyPath(v.pointer)}' failed to satisfy constraint: ${v.constraint}`)
          .join('; ')}`
      : 'Request could not be read.';
    const refused = errorAnswer('ValidationException', message, answer.headers['x-amzn-RequestId']);
    // Headers as the service sent them (a fault mode's missing request id stays missing).
    return { ...refused, headers: { ...answer.headers, 'Content-Type': refused.headers['Content-Type']! } };
  }
  const out: Record<string, unknown> = { ...body };
  if (typeof out.JobId === 'string') out.JobId = jobIds.publicOf(out.JobId);
  const error = answer.error;
  if (error !== undefined) {
    if (errors[error].modelled && out.__type === error) out.__type = `${ERROR_NAMESPACE}${error}`;
    for (const key of ['Message', 'message'] as const) {
      const original = out[key];
      if (typeof original !== 'string') continue;
      let text = original;
      // A message that quotes the service's JobId must quote the one the client sent.
      const internal = context?.internalJobId;
      if (internal !== undefined) text = text.split(internal).join(jobIds.publicOf(internal));
      if (error === 'ValidationException' && context) text = smithyValidationMessage(text, context);
      out[key] = text;
    }
  }
  return { ...answer, body: JSON.stringify(out) };
}

/**
 * `1 validation error detected. Value at '/jobId' failed to satisfy constraint: ...`, as Smithy's
 * server frameworks word it (no echoed value, a JSON-Pointer-like path), instead of the service's
 * `1 validation error detected: Value 'x' at 'jobId' failed ...`. The violations come from validating
 * the request again; when they are not the ones the service reported (a fault mode adjusted them),
 * only the summary line is reworded, so the service's decision is kept.
 */
function smithyValidationMessage(message: string, context: RewriteContext): string {
  const head = SERVICE_VALIDATION_HEAD.exec(message);
  if (!head) return message;
  const count = Number(head[1]);
  const summary = `${count} validation error${count === 1 ? '' : 's'} detected. `;
  const violations = violationsOf(context);
  const reported = violations.filter((v) => message.includes(v.message));
  if (reported.length !== count || violations.length !== count) return summary + message.slice(head[0].length);
  return summary + reported.map((v) => `Value at '${smithyPath(v.pointer)}' failed to satisfy constraint: ${v.constraint}`).join('; ');
}

function violationsOf(context: RewriteContext): Violation[] {
  if (context.requestBody === undefined) return [];
  if (context.operation === 'StartFaceDetection') return validateStartFaceDetectionRequest(context.requestBody).violations;
  if (context.operation === 'GetFaceDetection') return validateGetFaceDetectionRequest(context.requestBody).violations;
  return [];
}

/** `/Video/S3Object/Bucket` -> `/video/s3Object/bucket`. */
function smithyPath(pointer: string): string {
  return pointer === '' ? '/' : pointer.replace(/\/(.)/g, (_, first: string) => `/${first.toLowerCase()}`);
}

function jobIdOf(body: string): string | undefined {
  try {
    return jobIdOfValue(JSON.parse(body));
  } catch {
    return undefined;
  }
}

function jobIdOfValue(value: unknown): string | undefined {
  return isObject(value) && typeof value.JobId === 'string' ? value.JobId : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// ---- HTTP -----------------------------------------------------------------------------------------

/** The body's bytes; `too-large` past what the service reads (the rest is read and thrown away); `aborted` when the client left. */
function readBody(req: IncomingMessage): Promise<Uint8Array | 'too-large' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit, keep reading (so the client can read the answer) but keep nothing.
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? 'too-large' : new Uint8Array(Buffer.concat(chunks, size))));
    req.on('close', () => {
      if (!req.complete) resolve('aborted');
    });
  });
}

/** A header by lowercase name, repeated headers joined with `, ` as fetch joins them (as the emulator reads them). */
function headerOf(req: IncomingMessage, name: string): string | undefined {
  let value: string | undefined;
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (raw[i]!.toLowerCase() === name) value = value === undefined ? raw[i + 1]! : `${value}, ${raw[i + 1]!}`;
  }
  return value;
}

function send(res: ServerResponse, answer: WireAnswer): void {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(answer.status, { ...answer.headers, 'content-length': String(Buffer.byteLength(answer.body)) });
  res.end(answer.body);
}
