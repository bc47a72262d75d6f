import * as checks from '../../generated/checks.js';
import type {
  GetFaceDetectionRequest,
  GetFaceDetectionResponse,
  StartFaceDetectionRequest,
  StartFaceDetectionResponse,
} from '../../generated/types.js';
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
       * The error the service answers: a value of the wrong JSON type, or an integer past its
       * format's range, cannot even be read (SerializationException); any other violation is a
       * ValidationException.
       */
      errorType: 'ValidationException' | 'SerializationException';
    };

type ValidatedShape = 'StartFaceDetectionRequest' | 'StartFaceDetectionResponse' | 'GetFaceDetectionRequest' | 'GetFaceDetectionResponse';

/** As the service reads a document: a member sent as `null` is absent (see nullMembers.ts). */
function validationResult(shape: ValidatedShape, value: unknown, nullsAbsent = true): ValidationResult {
  const errors = checks.errorsOf[shape](value, nullsAbsent);
  return errors.length === 0 ? validationResultOf([]) : invalid(toViolations(errors));
}

/**
 * validate... of the document exactly as given, `null` members and all: for the service, which
 * reads null members as absent itself before it validates (and, in a fault mode, does not).
 */
export function validateAsGiven(shape: ValidatedShape, value: unknown): ValidationResult {
  return validationResult(shape, value, false);
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
    errorType: unreadable(violations) ? 'SerializationException' : 'ValidationException',
  };
}

function unreadable(violations: Violation[]): boolean {
  for (const v of violations) if (v.kind === 'type' || v.kind === 'overflow') return true;
  return false;
}

// The guards narrow to the generated types, which have no `null` members (but the few the service
// itself sends as null, x-aws-nullable): so a guard answers false for a member sent as `null`, where
// validate... reads it as absent, as the service does. `isX(withoutNullMembers(value, 'X'))` asks
// "would the service take it?" with a guard's speed and a sound narrowing.
export const isStartFaceDetectionRequest = (value: unknown): value is StartFaceDetectionRequest =>
  checks.isStartFaceDetectionRequest(value);
export const isStartFaceDetectionResponse = (value: unknown): value is StartFaceDetectionResponse =>
  checks.isStartFaceDetectionResponse(value);
export const isGetFaceDetectionRequest = (value: unknown): value is GetFaceDetectionRequest => checks.isGetFaceDetectionRequest(value);
export const isGetFaceDetectionResponse = (value: unknown): value is GetFaceDetectionResponse => checks.isGetFaceDetectionResponse(value);

export const validateStartFaceDetectionRequest = (value: unknown): ValidationResult => validationResult('StartFaceDetectionRequest', value);
export const validateStartFaceDetectionResponse = (value: unknown): ValidationResult =>
  validationResult('StartFaceDetectionResponse', value);
export const validateGetFaceDetectionRequest = (value: unknown): ValidationResult => validationResult('GetFaceDetectionRequest', value);
export const validateGetFaceDetectionResponse = (value: unknown): ValidationResult => validationResult('GetFaceDetectionResponse', value);
