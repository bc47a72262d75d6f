// fast-check arbitraries of the contract's values, derived from the spec.
export {
  valueOf,
  stringOf,
  canonicalValueOf,
  boundaryValuesOf,
  type BoundaryValue,
  type SchemaName,
  type Schemas,
  type ValueConstraints,
} from './valueOf.js';
export { CANDIDATE_CHARACTERS } from './candidateCharacters.js';
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
  invalidValuesOfSchema,
  forbiddenCharactersOf,
  type InvalidValue,
  type InvalidValueCase,
} from './invalidValueOf.js';
export {
  startFaceDetectionRequest,
  getFaceDetectionRequest,
  invalidStartFaceDetectionRequest,
  invalidGetFaceDetectionRequest,
  invalidRequestCasesOf,
  boundaryRequestsOf,
  type BoundaryRequest,
  type InvalidRequest,
  type InvalidRequestCase,
  type StartFaceDetectionRequestConstraints,
  type GetFaceDetectionRequestConstraints,
} from './requests.js';
