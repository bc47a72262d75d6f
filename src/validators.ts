import type { ValidateFunction } from 'ajv';
import * as guards from '../generated/guards.js';
import * as full from '../generated/validators.js';
import type {
  GetFaceDetectionRequest,
  GetFaceDetectionResponse,
  StartFaceDetectionRequest,
  StartFaceDetectionResponse,
} from '../generated/types.js';
import { summarize, toViolations, type Violation } from './violation.js';

/** What `validate...` answers: every violation, and the error the service would answer with. */
export type ValidationResult =
  | { valid: true; violations: []; message: undefined; errorType: undefined }
  | {
      valid: false;
      violations: Violation[];
      /** AWS's summary line: `2 validation errors detected: ...`. */
      message: string;
      /**
       * The error the service answers: a value of the wrong JSON type cannot even be read
       * (SerializationException); any other violation is a ValidationException.
       */
      errorType: 'ValidationException' | 'SerializationException';
    };

function validationResult(validate: ValidateFunction, value: unknown): ValidationResult {
  if (validate(value)) return validationResultOf([]);
  return invalid(toViolations(validate.errors));
}

/** What a list of violations decides: valid when it is empty. (The service's fault modes adjust the list first.) */
export function validationResultOf(violations: Violation[]): ValidationResult {
  return violations.length === 0 ? { valid: true, violations: [], message: undefined, errorType: undefined } : invalid(violations);
}

function invalid(violations: Violation[]): ValidationResult {
  return {
    valid: false,
    violations,
    message: summarize(violations),
    errorType: violations.some((v) => v.kind === 'type') ? 'SerializationException' : 'ValidationException',
  };
}

export const isStartFaceDetectionRequest = (value: unknown): value is StartFaceDetectionRequest =>
  guards.StartFaceDetectionRequest(value) === true;
export const isStartFaceDetectionResponse = (value: unknown): value is StartFaceDetectionResponse =>
  guards.StartFaceDetectionResponse(value) === true;
export const isGetFaceDetectionRequest = (value: unknown): value is GetFaceDetectionRequest =>
  guards.GetFaceDetectionRequest(value) === true;
export const isGetFaceDetectionResponse = (value: unknown): value is GetFaceDetectionResponse =>
  guards.GetFaceDetectionResponse(value) === true;

export const validateStartFaceDetectionRequest = (value: unknown): ValidationResult =>
  validationResult(full.StartFaceDetectionRequest, value);
export const validateStartFaceDetectionResponse = (value: unknown): ValidationResult =>
  validationResult(full.StartFaceDetectionResponse, value);
export const validateGetFaceDetectionRequest = (value: unknown): ValidationResult =>
  validationResult(full.GetFaceDetectionRequest, value);
export const validateGetFaceDetectionResponse = (value: unknown): ValidationResult =>
  validationResult(full.GetFaceDetectionResponse, value);
