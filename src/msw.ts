// The mock: the in-memory service and the msw handlers that serve it, for any environment.
export * from './service/index.js';
export { handlers, getFaceDetection, startFaceDetection } from './transports/handlers.js';
export type { HandlerOptions } from './transports/handlers.js';
export { isRekognitionUrl, REKOGNITION_ENDPOINT } from './transports/rekognitionUrl.js';
export { CONTENT_TYPE, errorBody, errorCode, errorResponse, jobId, success, TARGET_PREFIX } from './contract/wire.js';
export type { OperationName, WireAnswer, WireRequest } from './contract/wire.js';
export { verifySigV4 } from './transports/verifySigV4.js';
export type { SignedRequest, SigV4Credentials, SigV4ErrorName, SigV4Failure, VerifySigV4Options } from './transports/verifySigV4.js';
export type { ErrorName } from '../generated/contract.js';
