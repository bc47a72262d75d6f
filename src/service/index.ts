// The service as its entry points give it out (/msw, /sdk): the class, its options and controls'
// types, and the fault modes.
export { FaceDetectionService } from './FaceDetectionService.js';
export { REQUEST_TOO_LARGE_STATUS } from './readRequest.js';
export type { FaceDetectionServiceOptions } from './FaceDetectionServiceOptions.js';
export type { CompletionNotice } from './CompletionNotices.js';
export type { Job, JobStatus } from './Job.js';
export type { RecordedCall } from './CallLog.js';
export type { S3ObjectInfo } from './S3Registry.js';
export { faultModes, isFaultModeName } from './faultModes.js';
export type { FaultMode, FaultModeName, IdempotencyDecision } from './faultModes.js';
