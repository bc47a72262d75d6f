// The service as its entry points give it out (/msw, /sdk): the class, its options and controls'
// types, and the fault modes.
export { FaceDetectionService, REQUEST_TOO_LARGE_STATUS } from './FaceDetectionService.js';
export type {
  CompletionNotice,
  FaceDetectionServiceOptions,
  Job,
  JobStatus,
  RecordedCall,
  S3ObjectInfo,
} from './FaceDetectionService.js';
export { faultModes, isFaultModeName } from './faultModes.js';
export type { FaultMode, FaultModeName, IdempotencyDecision } from './faultModes.js';
