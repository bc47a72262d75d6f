// The requests the checks send, built from the public arbitraries.
import fc from 'fast-check';
import type { StartFaceDetectionRequest } from '../../../generated/types.js';
import { getFaceDetectionRequest, startFaceDetectionRequest, valueOf, type InvalidRequest } from '../../arbitraries/index.js';
import { invalidRequestCasesOf } from '../../arbitraries/requests.js';
import type { OperationName } from '../../wire.js';
import type { CheckContext } from '../Check.js';

/**
 * Valid starts that name a whole video (Bucket and Name; the model leaves both optional, but the
 * service answers InvalidParameterException without them), the pinned --video when there is one.
 */
export function startableRequest(context: CheckContext, constraints: { withToken?: boolean } = {}): fc.Arbitrary<StartFaceDetectionRequest> {
  if (context.video) return startFaceDetectionRequest({ ...constraints, video: context.video });
  return fc
    .tuple(startFaceDetectionRequest(constraints), valueOf('S3Bucket') as fc.Arbitrary<string>, valueOf('S3ObjectName') as fc.Arbitrary<string>)
    .map(([request, Bucket, Name]) => ({ ...request, Video: { S3Object: { ...request.Video.S3Object, Bucket: request.Video.S3Object?.Bucket ?? Bucket, Name: request.Video.S3Object?.Name ?? Name } } }));
}

const SUITE = Math.random().toString(36).slice(2, 8);
let sent = 0;

/**
 * The request with its ClientRequestToken (if any) made unique to this send: a service remembers
 * tokens, so a token drawn again with other parameters would rightly be a mismatch.
 */
export function withUniqueToken<T extends { ClientRequestToken?: string }>(request: T): T {
  if (request.ClientRequestToken === undefined) return request;
  const suffix = `-${SUITE}${(sent++).toString(36)}`;
  return { ...request, ClientRequestToken: request.ClientRequestToken.slice(0, 64 - suffix.length) + suffix };
}

/** Invalid requests of either operation, labelled with the member and rule they break: any one of the cases below. */
export function invalidRequest(context: CheckContext): fc.Arbitrary<InvalidRequest & { operation: OperationName }> {
  return fc.oneof(...invalidRequestCases(context).map((c) => c.arbitrary));
}

type Labelled = InvalidRequest & { operation: OperationName };

/** The case a rule's values belong to; every wrong JSON type is one case. */
function ruleName(rule: string): string {
  return rule.startsWith('wrong JSON type') ? 'wrong JSON type' : rule;
}

/**
 * Every invalid case on its own: for each member of each operation's input, one arbitrary per
 * rule it can break, named `StartFaceDetection ClientRequestToken: maxLength+1`. A suite that runs
 * each leaves no rule to chance.
 */
export function invalidRequestCases(context: CheckContext): { name: string; arbitrary: fc.Arbitrary<Labelled> }[] {
  // The rest of the request: anything valid, shrinking towards the smallest valid request so that
  // a counterexample shows the broken member and little else.
  const base = (smallest: Record<string, unknown>, valid: fc.Arbitrary<unknown>) =>
    fc.oneof({ withCrossShrink: true }, fc.constant(smallest), valid as fc.Arbitrary<Record<string, unknown>>);
  // The shortest valid bucket and key: a whole video, so that an invalid member the endpoint
  // lets through shows as a started job rather than hiding behind InvalidParameterException.
  const video = { S3Object: context.video ?? { Bucket: 'aaa', Name: 'a' } };
  // A service remembers tokens: a token case keeps the rest of the request fixed, so that a
  // repeat of an accepted token is a repeat, not a mismatch; every other case sends unique tokens.
  const startCases = invalidRequestCasesOf('StartFaceDetectionRequest', base({ Video: video }, startableRequest(context)))
    .map((a) => a.map((r) => (r.member === 'ClientRequestToken' ? r : { ...r, request: withUniqueToken(r.request) })))
    .filter((a) => fc.sample(a, { numRuns: 1, seed: 0 })[0]!.member !== 'ClientRequestToken');
  const tokenCases = invalidRequestCasesOf('StartFaceDetectionRequest', fc.constant({ Video: video })).filter(
    (a) => fc.sample(a, { numRuns: 1, seed: 0 })[0]!.member === 'ClientRequestToken',
  );
  const operations: [OperationName, fc.Arbitrary<InvalidRequest>[]][] = [
    ['StartFaceDetection', [...tokenCases, ...startCases]],
    ['GetFaceDetection', invalidRequestCasesOf('GetFaceDetectionRequest', base({ JobId: 'a' }, getFaceDetectionRequest()))],
  ];
  return operations.flatMap(([operation, cases]) =>
    cases.map((arbitrary) => {
      const [sample] = fc.sample(arbitrary, { numRuns: 1, seed: 0 }) as [InvalidRequest];
      return { name: `${operation} ${sample.member}: ${ruleName(sample.rule)}`, arbitrary: arbitrary.map((r): Labelled => ({ ...r, operation })) };
    }),
  );
}

export { getFaceDetectionRequest };
