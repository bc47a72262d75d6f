// The requests the checks send, built from the public arbitraries.
import fc from 'fast-check';
import type { StartFaceDetectionRequest } from '../../../generated/types.js';
import { getFaceDetectionRequest, invalidGetFaceDetectionRequest, invalidStartFaceDetectionRequest, startFaceDetectionRequest, valueOf, type InvalidRequest } from '../../arbitraries/index.js';
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

/** Invalid requests of either operation, labelled with the member and rule they break. */
export function invalidRequest(context: CheckContext): fc.Arbitrary<InvalidRequest & { operation: OperationName }> {
  return fc.oneof(
    invalidStartFaceDetectionRequest(context.video ? { video: context.video } : {}).map((r) => ({ ...r, operation: 'StartFaceDetection' as const })),
    invalidGetFaceDetectionRequest().map((r) => ({ ...r, operation: 'GetFaceDetection' as const })),
  );
}

export { getFaceDetectionRequest };
