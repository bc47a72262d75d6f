// The requests the checks send, built from the public arbitraries.
import fc from 'fast-check';
import type { StartFaceDetectionRequest } from '../../../generated/types.js';
import { getFaceDetectionRequest, startFaceDetectionRequest, valueOf, type InvalidRequest } from '../../arbitraries/index.js';
import {
  invalidRequestCasesOf,
  nullMemberRequestCasesOf,
  type InvalidRequestCase,
  type NullMemberRequest,
  type NullMemberRequestCase,
} from '../../arbitraries/requests.js';
import type { OperationName } from '../../contract/wire.js';
import type { CheckContext } from '../Check.js';

/** The video of the shared job where jobs cost nothing and no --video is given (on the embedded mock: 49 faces, several pages). */
const PAGING_VIDEO = { Bucket: 'conformance-videos', Name: 'paging.mp4' };

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
  if (context.economical) return startFaceDetectionRequest({ ...constraints, video: context.probeVideo }).map(withoutChannel);
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
  const requests = startFaceDetectionRequest({ ...constraints, video: context.video ?? PAGING_VIDEO });
  return context.economical || context.video ? requests.map(withoutChannel) : requests;
}

/** The request of the run's shared job: drawn from the run's seed, on --video (or the paging video), with a token of its own. */
export function sharedJobRequest(context: CheckContext, seed: number): StartFaceDetectionRequest & { ClientRequestToken: string } {
  const [drawn] = fc.sample(jobRequest(context, { withToken: true }), { seed, numRuns: 1 });
  return withUniqueToken(context, drawn!) as StartFaceDetectionRequest & { ClientRequestToken: string };
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
export type InvalidCase = Omit<InvalidRequestCase, 'arbitrary'> & {
  name: string;
  operation: OperationName;
  arbitrary: fc.Arbitrary<Labelled>;
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

function makeInvalidRequestCases(context: CheckContext): InvalidCase[] {
  // The rest of the request: anything valid, shrinking towards the smallest valid request so that
  // a counterexample shows the broken member and little else.
  const base = (smallest: Record<string, unknown>, valid: fc.Arbitrary<unknown>) =>
    fc.oneof({ withCrossShrink: true }, fc.constant(smallest), valid as fc.Arbitrary<Record<string, unknown>>);
  // The shortest valid bucket and key: a whole video, so that an invalid member the endpoint lets
  // through shows as a started job rather than hiding behind InvalidParameterException; where jobs
  // cost, the probe video, so that it shows as InvalidS3ObjectException and starts nothing.
  const video = { S3Object: context.economical ? context.probeVideo : (context.video ?? { Bucket: 'aaa', Name: 'a' }) };
  // A service remembers tokens: a token case keeps the rest of the request fixed, so that a
  // repeat of an accepted token is a repeat, not a mismatch; every other case sends unique tokens.
  const startCases = invalidRequestCasesOf('StartFaceDetectionRequest', base({ Video: video }, startableRequest(context)))
    .filter((c) => c.member !== 'ClientRequestToken')
    .map((c) => ({ ...c, arbitrary: c.arbitrary.map((r) => ({ ...r, request: withUniqueToken(context, r.request) })) }));
  const tokenCases = invalidRequestCasesOf('StartFaceDetectionRequest', fc.constant({ Video: video })).filter(
    (c) => c.member === 'ClientRequestToken',
  );
  const operations: [OperationName, InvalidRequestCase[]][] = [
    ['StartFaceDetection', [...tokenCases, ...startCases]],
    ['GetFaceDetection', invalidRequestCasesOf('GetFaceDetectionRequest', base({ JobId: 'a' }, getFaceDetectionRequest()))],
  ];
  return operations.flatMap(([operation, cases]) =>
    cases.map((c) => ({
      ...c,
      name: `${operation} ${c.member}: ${c.rule}`,
      operation,
      arbitrary: c.arbitrary.map((r): Labelled => ({ ...r, operation })),
    })),
  );
}

/** A case of nullMemberCases: its name, its labels and its requests. */
export type NullCase = Omit<NullMemberRequestCase, 'arbitrary'> & {
  name: string;
  operation: OperationName;
  arbitrary: fc.Arbitrary<NullMemberRequest & { operation: OperationName }>;
};

/** For each member of each operation's input, requests with it sent as null: `StartFaceDetection JobTag: null`. */
export function nullMemberCases(context: CheckContext): NullCase[] {
  const operations: [OperationName, NullMemberRequestCase[]][] = [
    [
      'StartFaceDetection',
      nullMemberRequestCasesOf(
        'StartFaceDetectionRequest',
        startableRequest(context).map((request) => withUniqueToken(context, request)) as fc.Arbitrary<Record<string, unknown>>,
      ),
    ],
    [
      'GetFaceDetection',
      nullMemberRequestCasesOf('GetFaceDetectionRequest', getFaceDetectionRequest() as unknown as fc.Arbitrary<Record<string, unknown>>),
    ],
  ];
  return operations.flatMap(([operation, cases]) =>
    cases.map((c) => ({
      ...c,
      name: `${operation} ${c.member}: null`,
      operation,
      arbitrary: c.arbitrary.map((r) => ({ ...r, operation })),
    })),
  );
}

export { getFaceDetectionRequest };
