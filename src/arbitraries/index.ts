// fast-check arbitraries of the contract's values, derived from the spec.
export { valueOf, stringOf, type SchemaName, type Schemas, type ValueConstraints } from './valueOf.js';
export {
  invalidValueOf,
  invalidClientRequestToken,
  invalidJobTag,
  invalidJobId,
  invalidFaceAttributes,
  invalidS3Bucket,
  invalidSNSTopicArn,
  invalidRoleArn,
  invalidMaxResults,
  invalidNextToken,
  type InvalidValue,
} from './invalidValueOf.js';
export {
  startFaceDetectionRequest,
  getFaceDetectionRequest,
  invalidStartFaceDetectionRequest,
  invalidGetFaceDetectionRequest,
  type InvalidRequest,
  type StartFaceDetectionRequestConstraints,
  type GetFaceDetectionRequestConstraints,
} from './requests.js';
