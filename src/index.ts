export type * from './types.js';
export {
  isStartFaceDetectionRequest,
  isStartFaceDetectionResponse,
  isGetFaceDetectionRequest,
  isGetFaceDetectionResponse,
  validateStartFaceDetectionRequest,
  validateStartFaceDetectionResponse,
  validateGetFaceDetectionRequest,
  validateGetFaceDetectionResponse,
  type ValidationResult,
} from './contract/validators.js';
export { withoutNullMembers, type StructureName } from './contract/nullMembers.js';
export { MAX_ECHOED_VALUE_LENGTH, type Violation, type ViolationKind } from './contract/violation.js';
