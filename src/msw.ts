// The mock: the in-memory service and the msw handlers that serve it, for any environment.
export { FaceDetectionService, REQUEST_TOO_LARGE_STATUS } from './FaceDetectionService.js';
export type { CompletionNotice, FaceDetectionServiceOptions, Job, JobStatus, RecordedCall, S3ObjectInfo } from './FaceDetectionService.js';
export { faultModes, isFaultModeName } from './faultModes.js';
export type { FaultMode, FaultModeName, IdempotencyDecision } from './faultModes.js';
export { handlers, getFaceDetection, startFaceDetection } from './handlers.js';
export type { HandlerOptions } from './handlers.js';
export { isRekognitionUrl, REKOGNITION_ENDPOINT } from './rekognitionUrl.js';
export { CONTENT_TYPE, errorBody, errorCode, errorResponse, jobId, success, TARGET_PREFIX } from './wire.js';
export type { OperationName, WireAnswer, WireRequest } from './wire.js';
export { verifySigV4 } from './verifySigV4.js';
export type { SignedRequest, SigV4Credentials, SigV4ErrorName, SigV4Failure, VerifySigV4Options } from './verifySigV4.js';
export type { ErrorName } from '../generated/contract.js';
