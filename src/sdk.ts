// The mock for AWS SDK v3 users: the in-memory service answering the SDK's own request handler,
// in process. No msw, no server, no interception; Node, jest, vitest, browsers and workers alike.
export { createRequestHandler, type RequestHandlerOptions, type ServiceRequestHandler } from './transports/sdkHandler.js';
export { FaceDetectionService, REQUEST_TOO_LARGE_STATUS } from './service/FaceDetectionService.js';
export type {
  CompletionNotice,
  FaceDetectionServiceOptions,
  Job,
  JobStatus,
  RecordedCall,
  S3ObjectInfo,
} from './service/FaceDetectionService.js';
export { faultModes, isFaultModeName } from './service/faultModes.js';
export type { FaultMode, FaultModeName } from './service/faultModes.js';
export type { SigV4Credentials } from './transports/verifySigV4.js';
