// The requests the checks send, built from the public arbitraries.
import fc from 'fast-check';
import { requestExamples } from '../../../generated/contract.js';
import type { GetFaceDetectionRequest, StartFaceDetectionRequest } from '../../../generated/types.js';
import { getFaceDetectionRequest, startFaceDetectionRequest, valueOf, type InvalidRequest } from '../../arbitraries/index.js';
import {
  boundaryRequestsOf,
  invalidRequestCasesOf,
  nullMemberRequestCasesOf,
  type BoundaryRequest,
  type InvalidRequestCase,
  type NullMemberRequest,
  type NullMemberRequestCase,
} from '../../arbitraries/requests.js';
import type { OperationName } from '../../contract/wire.js';
import type { CheckContext } from '../Check.js';
import { CONFORMANCE_VIDEO } from '../../service/defaults.js';

/**
 * Valid starts that name a whole video (Bucket and Name; the model leaves both optional, but the
 * service answers InvalidParameterException without them): the pinned --video when there is one,
 * and where jobs cost the probe video, which no correct endpoint starts a job on. With --video or
 * where jobs cost, no NotificationChannel either: its topic and role are drawn, and a real account
 * cannot be assumed to let the service use them (it may refuse the start for that, rightly).
 */
export function startableRequest(
  context: CheckContext,
  constraints: { withToken?: boolean } = {},
): fc.Arbitrary<StartFaceDetectionRequest> {
  if (context.jobsCost) return startFaceDetectionRequest({ ...constraints, video: context.probeVideo }).map(withoutChannel);
  if (context.video) return jobRequest(context, constraints);
  return fc.tuple(startFaceDetectionRequest(constraints), valueOf('S3Bucket'), valueOf('S3ObjectName')).map(([request, Bucket, Name]) => ({
    ...request,
    Video: {
      S3Object: {
        ...request.Video.S3Object,
        Bucket: request.Video.S3Object?.Bucket ?? Bucket,
        Name: request.Video.S3Object?.Name ?? Name,
      },
    },
  }));
}

function withoutChannel(request: StartFaceDetectionRequest): StartFaceDetectionRequest {
  const { NotificationChannel: _, ...rest } = request;
  return rest;
}

/**
 * Valid starts for checks that need the job to start: on --video, or the paging video, which
 * every endpoint without an S3 registry can read (one with a registry needs --video). The drawn
 * videos of startableRequest may rightly answer InvalidS3ObjectException.
 */
export function jobRequest(context: CheckContext, constraints: { withToken?: boolean } = {}): fc.Arbitrary<StartFaceDetectionRequest> {
  const requests = startFaceDetectionRequest({ ...constraints, video: context.video ?? CONFORMANCE_VIDEO });
  return context.jobsCost || context.video ? requests.map(withoutChannel) : requests;
}

/**
 * A start as the run may send it: on --video (or, where jobs cost, the probe video) when there is
 * one, without a NotificationChannel there (see startableRequest).
 */
function adapted(context: CheckContext, request: StartFaceDetectionRequest, video: StartFaceDetectionRequest['Video'] | undefined) {
  const pinned = video ? { ...request, Video: video } : request;
  return context.jobsCost || context.video ? withoutChannel(pinned) : pinned;
}

/** The spec's example starts, by name, as the run may send them to start nothing: on the probe video where jobs cost, on --video otherwise. */
export function startExamples(context: CheckContext): StartFaceDetectionRequest[] {
  const video = context.jobsCost ? { S3Object: context.probeVideo } : context.video ? { S3Object: context.video } : undefined;
  return Object.values(requestExamples.StartFaceDetection).map((example) =>
    adapted(context, example as unknown as StartFaceDetectionRequest, video),
  );
}

/** The spec's example starts on the job video (--video, or the paging video): the job checks' fixed jobs, every optional member given in one. */
export function jobExamples(context: CheckContext): StartFaceDetectionRequest[] {
  return Object.values(requestExamples.StartFaceDetection).map((example) =>
    adapted(context, example as unknown as StartFaceDetectionRequest, { S3Object: context.video ?? CONFORMANCE_VIDEO }),
  );
}

/** The spec's example GetFaceDetection requests: their JobId names no job of the run's. */
export function getExamples(): GetFaceDetectionRequest[] {
  return Object.values(requestExamples.GetFaceDetection) as unknown as GetFaceDetectionRequest[];
}

/**
 * The request of the run's shared job: the spec's example that gives every member (a
 * ClientRequestToken of its own, a JobTag, FaceAttributes ALL), on --video or the paging video.
 * Fixed, not drawn: every fact a finished job shows (its JobTag and Video echoed, its pages) is
 * judged in every run, whatever the seed.
 */
export function sharedJobRequest(context: CheckContext): StartFaceDetectionRequest & { ClientRequestToken: string } {
  const everything = jobExamples(context).find((r) => r.ClientRequestToken !== undefined && r.JobTag !== undefined);
  if (!everything) throw new TypeError('the spec has no example start with a ClientRequestToken and a JobTag');
  return withUniqueToken(context, everything) as StartFaceDetectionRequest & { ClientRequestToken: string };
}

/**
 * Valid starts, each with one member at one of its boundaries (see boundaryRequestsOf), in the
 * smallest valid request. Where jobs cost or with --video, the video stays the run's and no
 * NotificationChannel is sent: another bucket or key might name an object that exists.
 */
export function boundaryStarts(context: CheckContext): BoundaryRequest[] {
  const pinned = context.jobsCost || context.video !== undefined;
  const skip = (member: string) =>
    pinned && (member === 'Video.S3Object.Bucket' || member === 'Video.S3Object.Name' || member.startsWith('NotificationChannel'));
  return boundaryRequestsOf('StartFaceDetectionRequest', fixedRequests(context).StartFaceDetection, skip);
}

/** Valid GetFaceDetection requests, each with one member at one of its boundaries, for a JobId nobody started. */
export function boundaryGets(context: CheckContext): BoundaryRequest[] {
  return boundaryRequestsOf('GetFaceDetectionRequest', fixedRequests(context).GetFaceDetection);
}

/**
 * One run's maker of unique tokens (CheckContext.uniqueToken): a token cut short to make room for
 * a suffix of the run's nonce and a count of the tokens the run has sent. The nonce is random, as
 * an endpoint remembers the tokens of earlier runs too.
 */
export function uniqueTokens(nonce: string = crypto.randomUUID().replaceAll('-', '').slice(0, 12)): (token: string) => string {
  let sent = 0;
  return (token) => {
    const suffix = `-${nonce}${(sent++).toString(36)}`;
    return token.slice(0, 64 - suffix.length) + suffix;
  };
}

type Tokened = { ClientRequestToken?: string };

/**
 * The request with its ClientRequestToken (if any) made unique to this send, by the run's
 * `context.uniqueToken`: a service remembers tokens, so a token drawn again with other parameters
 * would rightly be a mismatch.
 */
export function withUniqueToken<T extends Tokened>(context: Pick<CheckContext, 'uniqueToken'>, request: T): T {
  return request.ClientRequestToken === undefined
    ? request
    : { ...request, ClientRequestToken: context.uniqueToken(request.ClientRequestToken) };
}

/** Invalid requests (of one operation, or either), labelled with the member and rule they break: any one of the cases below. */
export function invalidRequest(
  context: CheckContext,
  operation?: OperationName,
): fc.Arbitrary<InvalidRequest & { operation: OperationName }> {
  const cases = invalidRequestCases(context).filter((c) => operation === undefined || c.operation === operation);
  return fc.oneof(...cases.map((c) => c.arbitrary));
}

type Labelled = InvalidRequest & { operation: OperationName };

/** A case of invalidRequestCases: its name, its labels and its requests. */
export type InvalidCase = Omit<InvalidRequestCase, 'arbitrary' | 'coverage'> & {
  name: string;
  operation: OperationName;
  arbitrary: fc.Arbitrary<Labelled>;
  coverage: Labelled[];
};

/** Each context's cases, made once: three checks fire them. */
const invalidCasesOf = new WeakMap<CheckContext, InvalidCase[]>();

/**
 * Every invalid case on its own: for each member of each operation's input, one arbitrary per
 * rule it can break, named `StartFaceDetection ClientRequestToken: maxLength+1`. A suite that runs
 * each leaves no rule to chance.
 */
export function invalidRequestCases(context: CheckContext): InvalidCase[] {
  const made = invalidCasesOf.get(context);
  if (made) return made;
  const cases = makeInvalidRequestCases(context);
  invalidCasesOf.set(context, cases);
  return cases;
}

/** The smallest valid requests of each operation, around which every coverage value is planted: the video names a whole object (see startableRequest). */
export function fixedRequests(
  context: Pick<CheckContext, 'jobsCost' | 'video' | 'probeVideo'>,
): Record<OperationName, Record<string, unknown>> {
  // The shortest valid bucket and key: a whole video, so that an invalid member the endpoint lets
  // through shows as a started job rather than hiding behind InvalidParameterException; where jobs
  // cost, the probe video, so that it shows as InvalidS3ObjectException and starts nothing.
  const video = { S3Object: context.jobsCost ? context.probeVideo : (context.video ?? { Bucket: 'aaa', Name: 'a' }) };
  return { StartFaceDetection: { Video: video }, GetFaceDetection: { JobId: 'a' } };
}

function makeInvalidRequestCases(context: CheckContext): InvalidCase[] {
  // The rest of the request: anything valid, shrinking towards the smallest valid request so that
  // a counterexample shows the broken member and little else.
  const base = (smallest: Record<string, unknown>, valid: fc.Arbitrary<unknown>) =>
    fc.oneof({ withCrossShrink: true }, fc.constant(smallest), valid as fc.Arbitrary<Record<string, unknown>>);
  const fixed = fixedRequests(context);
  // A service remembers tokens: a token case keeps the rest of the request fixed, so that a
  // repeat of an accepted token is a repeat, not a mismatch; every other case sends unique tokens.
  const startCases = invalidRequestCasesOf(
    'StartFaceDetectionRequest',
    base(fixed.StartFaceDetection, startableRequest(context)),
    fixed.StartFaceDetection,
  )
    .filter((c) => c.member !== 'ClientRequestToken')
    .map((c) => ({ ...c, arbitrary: c.arbitrary.map((r) => ({ ...r, request: withUniqueToken(context, r.request) })) }));
  const tokenCases = invalidRequestCasesOf(
    'StartFaceDetectionRequest',
    fc.constant(fixed.StartFaceDetection),
    fixed.StartFaceDetection,
  ).filter((c) => c.member === 'ClientRequestToken');
  const operations: [OperationName, InvalidRequestCase[]][] = [
    ['StartFaceDetection', [...tokenCases, ...startCases]],
    [
      'GetFaceDetection',
      invalidRequestCasesOf('GetFaceDetectionRequest', base(fixed.GetFaceDetection, getFaceDetectionRequest()), fixed.GetFaceDetection),
    ],
  ];
  return operations.flatMap(([operation, cases]) =>
    cases.map((c) => ({
      ...c,
      name: `${operation} ${c.member}: ${c.rule}`,
      operation,
      arbitrary: c.arbitrary.map((r): Labelled => ({ ...r, operation })),
      coverage: c.coverage.map((r): Labelled => ({ ...r, operation })),
    })),
  );
}

/**
 * For checks that judge what any invalid request is answered with (its error's status, body,
 * how the SDK reads it): one coverage request of each kind of rule the operation's cases break,
 * in a fixed order.
 */
export function representativeInvalidRequests(context: CheckContext, operation: OperationName): Labelled[] {
  const seen = new Set<string>();
  const representatives: Labelled[] = [];
  for (const c of invalidRequestCases(context)) {
    if (c.operation !== operation || seen.has(c.kind) || c.coverage.length === 0) continue;
    seen.add(c.kind);
    representatives.push(c.coverage[0]!);
  }
  return representatives;
}

/** A case of nullMemberCases: its name, its labels and its requests. */
export type NullCase = Omit<NullMemberRequestCase, 'arbitrary' | 'coverage'> & {
  name: string;
  operation: OperationName;
  arbitrary: fc.Arbitrary<NullMemberRequest & { operation: OperationName }>;
  coverage: (NullMemberRequest & { operation: OperationName })[];
};

/** For each member of each operation's input, requests with it sent as null: `StartFaceDetection JobTag: null`. */
export function nullMemberCases(context: CheckContext): NullCase[] {
  const fixed = fixedRequests(context);
  const operations: [OperationName, NullMemberRequestCase[]][] = [
    [
      'StartFaceDetection',
      nullMemberRequestCasesOf(
        'StartFaceDetectionRequest',
        startableRequest(context).map((request) => withUniqueToken(context, request)) as fc.Arbitrary<Record<string, unknown>>,
        fixed.StartFaceDetection,
      ),
    ],
    [
      'GetFaceDetection',
      nullMemberRequestCasesOf(
        'GetFaceDetectionRequest',
        getFaceDetectionRequest() as unknown as fc.Arbitrary<Record<string, unknown>>,
        fixed.GetFaceDetection,
      ),
    ],
  ];
  return operations.flatMap(([operation, cases]) =>
    cases.map((c) => ({
      ...c,
      name: `${operation} ${c.member}: null`,
      operation,
      arbitrary: c.arbitrary.map((r) => ({ ...r, operation })),
      coverage: c.coverage.map((r) => ({ ...r, operation })),
    })),
  );
}

export { getFaceDetectionRequest };
