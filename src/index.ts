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
} from './validators.js';
export { withoutNullMembers, type StructureName } from './nullMembers.js';
export { MAX_ECHOED_VALUE_LENGTH, type Violation, type ViolationKind } from './violation.js';
