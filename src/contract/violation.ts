import type { SchemaError } from '../../generated/checks.js';

export type { SchemaError };

/**
 * Which kind of constraint a value breaks. `type` and `overflow` (an integer past its format's
 * range, int32 or int64) make a value the service cannot read: SerializationException, as Smithy's
 * malformed-integer tests have it; the others are ValidationException.
 */
export type ViolationKind = 'required' | 'type' | 'overflow' | 'length' | 'pattern' | 'enum' | 'range';

/** One broken constraint, located and worded as the service words it. */
export interface Violation {
  /** The member path as AWS writes it: `video.s3Object.bucket`, `faces.1.member.timestamp`. */
  path: string;
  /** The JSON Pointer of the value in the validated document: `/Video/S3Object/Bucket`. */
  pointer: string;
  kind: ViolationKind;
  /** The constraint in AWS's words: `Member must have length less than or equal to 64`. */
  constraint: string;
  /** `Value 'x' at 'clientRequestToken' failed to satisfy constraint: ...` */
  message: string;
  /** The offending value (`undefined` for a missing member). */
  value: unknown;
}

/** Longest value, in characters, that a message echoes before cutting it. */
export const MAX_ECHOED_VALUE_LENGTH = 100;

/** Turns the generated checks' errors (ajv's, allErrors) into violations, dropping the bookkeeping errors of anyOf and allOf. */
export function toViolations(errors: readonly SchemaError[] | null | undefined): Violation[] {
  const violations: Violation[] = [];
  for (const error of errors ?? []) {
    const violation = toViolation(error);
    if (violation) violations.push(violation);
  }
  return violations;
}

function toViolation(error: SchemaError): Violation | undefined {
  const { keyword, params } = error;
  if (keyword === 'required') {
    const pointer = `${error.instancePath}/${escapePointer(params.missingProperty as string)}`;
    return violation(error, 'required', 'Member must not be null', undefined, pointer);
  }
  const value: unknown = error.data;
  switch (keyword) {
    case 'type':
      // A nullable member's `null` alternative failing says nothing the other alternative doesn't.
      if (params.type === 'null') return undefined;
      return violation(error, 'type', `Member must be of type ${params.type}`, value);
    case 'minLength':
      return violation(error, 'length', `Member must have length greater than or equal to ${params.limit}`, value);
    case 'maxLength':
      return violation(error, 'length', `Member must have length less than or equal to ${params.limit}`, value);
    case 'pattern': {
      // The service quotes the model's own pattern, kept beside the anchored one.
      const modelPattern = (error.parentSchema as Record<string, unknown> | undefined)?.['x-aws-pattern'];
      const pattern = typeof modelPattern === 'string' ? modelPattern : String(params.pattern);
      return violation(error, 'pattern', `Member must satisfy regular expression pattern: ${pattern}`, value);
    }
    case 'enum':
      return violation(error, 'enum', `Member must satisfy enum value set: [${(params.allowedValues as unknown[]).join(', ')}]`, value);
    case 'minimum':
      return violation(error, 'range', `Member must have value greater than or equal to ${params.limit}`, value);
    case 'maximum':
      return violation(error, 'range', `Member must have value less than or equal to ${params.limit}`, value);
    case 'format':
      // A non-integer already fails `type: integer`; the int32/int64 format adds only the bounds.
      if (params.format in INTEGER_BOUNDS && !Number.isInteger(value)) return undefined;
      return violation(
        error,
        params.format in INTEGER_BOUNDS ? 'overflow' : 'range',
        formatConstraint(String(params.format), value),
        value,
      );
    default:
      // anyOf/allOf/oneOf only summarise the errors of their branches, reported on their own.
      return undefined;
  }
}

const INTEGER_BOUNDS: Record<string, [number, number]> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

function formatConstraint(format: string, value: unknown): string {
  const bounds = INTEGER_BOUNDS[format];
  if (!bounds) return `Member must be a valid ${format}`;
  return typeof value === 'number' && value < bounds[0]
    ? `Member must have value greater than or equal to ${bounds[0]}`
    : `Member must have value less than or equal to ${bounds[1]}`;
}

/**
 * The violation the error reports, at `pointer` (the error's own but for a missing member). Its
 * member path is the one the collector made on its way down, where it did; else read off the pointer.
 */
function violation(error: SchemaError, kind: ViolationKind, constraint: string, value: unknown, pointer = error.instancePath): Violation {
  const path = error.memberPath ?? memberPath(pointer);
  const at = path === '' ? '' : ` at '${path}'`;
  return { path, pointer, kind, constraint, message: `Value ${echo(value)}${at} failed to satisfy constraint: ${constraint}`, value };
}

// The member paths of the last pointers seen: a contract has few members, and invalid values of the
// same member share one.
const MEMBER_PATHS = new Map<string, string>();
const MEMBER_PATHS_KEPT = 512;

/** `/Faces/0/Face/BoundingBox` -> `faces.1.member.face.boundingBox`, as Coral-based services write it. */
export function memberPath(pointer: string): string {
  let path = MEMBER_PATHS.get(pointer);
  if (path === undefined) {
    if (MEMBER_PATHS.size >= MEMBER_PATHS_KEPT) MEMBER_PATHS.clear();
    path = pathOf(pointer);
    MEMBER_PATHS.set(pointer, path);
  }
  return path;
}

function pathOf(pointer: string): string {
  if (pointer === '') return '';
  let path = '';
  // One pass over the segments: every invalid value's message names one.
  for (let start = 1; start <= pointer.length; ) {
    let end = pointer.indexOf('/', start);
    if (end < 0) end = pointer.length;
    let segment = pointer.slice(start, end);
    if (segment.includes('~')) segment = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    if (start > 1) path += '.';
    path += isIndex(segment) ? `${Number(segment) + 1}.member` : segment.charAt(0).toLowerCase() + segment.slice(1);
    start = end + 1;
  }
  return path;
}

/** `0`, `7`, `12`: a list index as a JSON Pointer writes it (no sign, no leading zero). */
function isIndex(segment: string): boolean {
  if (segment === '' || (segment.length > 1 && segment.charCodeAt(0) === 48)) return false;
  for (let i = 0; i < segment.length; i++) {
    const c = segment.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function escapePointer(segment: string): string {
  if (!segment.includes('~') && !segment.includes('/')) return segment;
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The value as a message echoes it, cut to MAX_ECHOED_VALUE_LENGTH characters. */
export function echo(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'object') {
    try {
      text = JSON.stringify(value);
    } catch {
      text = Object.prototype.toString.call(value);
    }
  } else text = String(value);
  if (text.length > MAX_ECHOED_VALUE_LENGTH) {
    // Cut after MAX_ECHOED_VALUE_LENGTH code points (a lone surrogate counts as one, as Array.from has it).
    let end = 0;
    for (let points = 0; points < MAX_ECHOED_VALUE_LENGTH && end < text.length; points++) {
      const c = text.charCodeAt(end);
      end += c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(end + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    }
    if (end < text.length) text = `${text.slice(0, end)}...`;
  }
  return `'${text}'`;
}

/** AWS's summary line: `2 validation errors detected: <message>; <message>`. */
export function summarize(violations: readonly Violation[]): string {
  const n = violations.length;
  if (n === 1) return `1 validation error detected: ${violations[0]!.message}`;
  return `${n} validation errors detected: ${violations.map((v) => v.message).join('; ')}`;
}
