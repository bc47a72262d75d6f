// Invalid values of a scalar schema of the spec, one case per rule it has, each labelled with the
// rule it breaks: an arbitrary for random variety, and the rule's boundary values, every one of
// them, for a suite to send whatever its seed. Derived from the spec's constraints like valueOf.
import fc from 'fast-check';
import type { SpecSchema } from '../../generated/schemas.js';
import type { RuleKeyword } from '../contract/facts.js';
import type { ViolationKind } from '../contract/violation.js';
import {
  allowedChar,
  canonicalChar,
  canonicalValueOf,
  integerBounds,
  patternOf,
  resolveMember,
  schemaOf,
  singleClassOf,
  stringOf,
} from './valueOf.js';
import { CANDIDATE_CHARACTERS } from './candidateCharacters.js';

export { CANDIDATE_CHARACTERS };

/** A value that breaks one rule of its schema. */
export interface InvalidValue {
  value: unknown;
  /** The kind of constraint broken, as validate... reports it. */
  kind: ViolationKind;
  /** Which rule exactly: `maxLength+1`, `forbidden character at the start`, `enum other case`, ... */
  rule: string;
}

/** One rule of a schema, labelled beside its values: every value it draws carries this kind. */
export interface InvalidValueCase {
  kind: ViolationKind;
  /** The schema keyword whose rule the case breaks: `maxLength` for `maxLength+1`, `type` for a wrong JSON type. */
  keyword: RuleKeyword;
  /** The case's rule: each value's own, but for wrong JSON types, whose values say which type (`wrong JSON type (array)`). */
  rule: string;
  arbitrary: fc.Arbitrary<InvalidValue>;
  /**
   * The rule's boundary values, every one, in a fixed order that no seed changes: each forbidden
   * character, each bound ±1, each enum near-miss, each wrong JSON type. What a suite sends before
   * it draws from `arbitrary`, so that no boundary is left to chance.
   */
  coverage: InvalidValue[];
}

/** The rule of the case of wrong JSON types; each of its values names its type after it. */
export const WRONG_TYPE_RULE = 'wrong JSON type';

const POSITIONS = ['start', 'middle', 'end'] as const;
type Position = (typeof POSITIONS)[number];

/** A case whose values all carry its kind and rule: random ones from `values`, and the boundary values `coverage`. */
function invalid(
  kind: ViolationKind,
  keyword: RuleKeyword,
  rule: string,
  values: fc.Arbitrary<unknown>,
  coverage: readonly unknown[],
): InvalidValueCase {
  return {
    kind,
    keyword,
    rule,
    arbitrary: values.map((value) => ({ value, kind, rule })),
    coverage: coverage.map((value) => ({ value, kind, rule })),
  };
}

/** The JSON types a value of `schema` is not, one value each. Not null: a member sent as null is absent (see nullMembers.ts). */
function otherTypes(schema: SpecSchema): unknown[] {
  const others: unknown[] = [{}, []];
  if (schema.type !== 'string') others.push('1');
  if (schema.type !== 'boolean') others.push(true);
  if (schema.type !== 'integer' && schema.type !== 'number') others.push(1);
  return others;
}

const typeName = (value: unknown) => (Array.isArray(value) ? 'array' : typeof value);

/** Values of another JSON type: each once in coverage (`'1'` for a number: a string a lenient reader coerces). */
function wrongTypes(schema: SpecSchema): InvalidValueCase {
  const others: fc.Arbitrary<unknown>[] = [fc.constant({}), fc.constant([])];
  if (schema.type !== 'string') others.push(fc.string({ maxLength: 5 }));
  if (schema.type !== 'boolean') others.push(fc.boolean());
  if (schema.type !== 'integer' && schema.type !== 'number') others.push(fc.integer());
  const labelled = (value: unknown): InvalidValue => ({ value, kind: 'type', rule: `${WRONG_TYPE_RULE} (${typeName(value)})` });
  return {
    kind: 'type',
    keyword: 'type',
    rule: WRONG_TYPE_RULE,
    arbitrary: fc.oneof(...others).map(labelled),
    coverage: otherTypes(schema).map(labelled),
  };
}

/** Strings of the schema's allowed characters, `min` to `max` long (every length of the range: size 'max'). */
function stringOfLength(schema: SpecSchema, min: number, max = min): fc.Arbitrary<string> {
  return fc.string({ unit: allowedChar(schema), minLength: min, maxLength: max, size: 'max' });
}

/** `valid` with `c` planted at the start, the middle or the end; replacing a character rather than adding one where `valid` is at maxLength. */
function planted(valid: string, c: string, at: Position | number, max: number): string {
  const chars = [...valid];
  const full = chars.length >= max;
  const i = at === 'start' ? 0 : at === 'end' ? chars.length - (full ? 1 : 0) : at === 'middle' ? Math.floor(chars.length / 2) : at;
  chars.splice(Math.max(0, i), full ? 1 : 0, c);
  return chars.join('');
}

/** What a forbidden character is planted in: three of the canonical character, or for a structured pattern (an ARN) the spec's example. */
function plantingBase(schema: SpecSchema): string {
  if (singleClassOf(schema) === undefined) return canonicalValueOf(schema) as string;
  const length = Math.min(Math.max(3, schema.minLength ?? 0), schema.maxLength ?? 3);
  return canonicalChar(schema).repeat(length);
}

/**
 * The candidate characters the schema's pattern forbids: under a pattern of one class, those
 * outside it; under a structured one (an ARN), those that planted anywhere in its example never
 * make a value it accepts. Planted at the start, the middle or the end of a valid value, each
 * breaks the pattern (an unanchored pattern too, which finds the valid value beside it).
 */
export function forbiddenCharactersOf(schema: SpecSchema): string[] {
  const pattern = patternOf(schema);
  if (!pattern) return [];
  const cls = singleClassOf(schema);
  if (cls !== undefined) {
    const one = new RegExp(`^${cls}$`, 'u');
    return CANDIDATE_CHARACTERS.filter((c) => !one.test(c));
  }
  const base = plantingBase(schema);
  const max: number = schema.maxLength ?? Number.MAX_SAFE_INTEGER;
  const positions = [...base].length + 1;
  return CANDIDATE_CHARACTERS.filter((c) => {
    for (let i = 0; i < positions; i++) if (pattern.test(planted(base, c, i, max))) return false;
    return true;
  });
}

/** A valid value with one forbidden character planted at the start, in the middle or at the end. */
function forbiddenCharacter(schema: SpecSchema, pattern: RegExp): InvalidValueCase[] {
  const max: number = schema.maxLength ?? Number.MAX_SAFE_INTEGER;
  const forbidden = forbiddenCharactersOf(schema);
  if (forbidden.length === 0) return [];
  const structured = singleClassOf(schema) === undefined;
  const base = plantingBase(schema);
  const breaks = (value: string) => !pattern.test(value) && [...value].length >= (schema.minLength ?? 0) && [...value].length <= max;
  return POSITIONS.map((at) => {
    // A structured pattern allows a character in some places and not others: random values try
    // any candidate, and only the value itself tells (a filter); coverage plants the forbidden ones.
    const characters = structured ? CANDIDATE_CHARACTERS : forbidden;
    const values = fc.tuple(stringOf(schema), fc.constantFrom(...characters)).map(([valid, c]) => planted(valid, c, at, max));
    const coverage = forbidden.map((c) => planted(base, c, at, max));
    if (!coverage.every(breaks)) throw new TypeError(`a forbidden character planted in ${base} does not break ${String(schema.pattern)}`);
    return invalid('pattern', 'pattern', `forbidden character at the ${at}`, structured ? values.filter(breaks) : values, coverage);
  });
}

function invalidStrings(schema: SpecSchema): InvalidValueCase[] {
  const cases: InvalidValueCase[] = [];
  if (Array.isArray(schema.enum)) {
    const values = schema.enum as string[];
    const notMember = (v: string) => !values.includes(v);
    const unique = (list: string[]) => [...new Set(list)].filter(notMember);
    // Computed up front, so that no value drawn is thrown away (and every shrink stays invalid).
    const otherCases = unique(values.map((v) => (v === v.toLowerCase() ? v.toUpperCase() : v.toLowerCase())));
    const otherWords = unique(values.flatMap((v) => ['S', '_', 'X', '1'].map((s) => v + s)));
    const truncated = unique(values.map((v) => v.slice(0, -1)).filter((v) => v !== ''));
    const pads = [' ', '\t', '\n'];
    const padded = values.flatMap((v) => pads.flatMap((pad) => [pad + v, v + pad]));
    if (otherCases.length > 0) cases.push(invalid('enum', 'enum', 'enum other case', fc.constantFrom(...otherCases), otherCases));
    cases.push(
      invalid(
        'enum',
        'enum',
        'enum padded',
        fc
          .tuple(fc.constantFrom(...values), fc.constantFrom(...pads), fc.boolean())
          .map(([v, pad, before]) => (before ? pad + v : v + pad)),
        padded,
      ),
      invalid('enum', 'enum', 'enum empty', fc.constant(''), ['']),
    );
    if (otherWords.length > 0) cases.push(invalid('enum', 'enum', 'enum other word', fc.constantFrom(...otherWords), otherWords));
    if (truncated.length > 0) cases.push(invalid('enum', 'enum', 'enum truncated', fc.constantFrom(...truncated), truncated));
    return cases;
  }
  const pattern = patternOf(schema);
  const min: number = schema.minLength ?? 0;
  const c = canonicalChar(schema);
  if ((min > 0 || schema.maxLength !== undefined) && pattern && singleClassOf(schema) === undefined)
    // A value of another length must still match the pattern, or it breaks two rules: not yet needed by the spec.
    throw new TypeError(`length bounds beside a structured pattern (${String(schema.pattern)}) are not supported`);
  if (min > 0) cases.push(invalid('length', 'minLength', 'minLength-1', stringOfLength(schema, min - 1), [c.repeat(min - 1)]));
  if (schema.maxLength !== undefined) {
    const max: number = schema.maxLength;
    cases.push(
      invalid('length', 'maxLength', 'maxLength+1', stringOfLength(schema, max + 1), [c.repeat(max + 1)]),
      invalid('length', 'maxLength', 'far beyond maxLength', stringOfLength(schema, max + 2, max * 4 + 2), [c.repeat(max * 4 + 2)]),
    );
  }
  if (pattern) cases.push(...forbiddenCharacter(schema, pattern));
  return cases;
}

const INT32: [number, number] = [-(2 ** 31), 2 ** 31 - 1];

function invalidNumbers(schema: SpecSchema): InvalidValueCase[] {
  const cases: InvalidValueCase[] = [];
  const [low, high] = integerBounds(schema);
  // Values past the bounds that break nothing else: within the format's range.
  const formatLow = schema.format === 'int32' ? INT32[0] : Number.MIN_SAFE_INTEGER;
  if (schema.minimum !== undefined) {
    const far = [schema.minimum - 2, formatLow].filter((v, i, all) => v < schema.minimum - 1 && v >= formatLow && all.indexOf(v) === i);
    cases.push(invalid('range', 'minimum', 'minimum-1', fc.constant(schema.minimum - 1), [schema.minimum - 1]));
    if (far.length > 0)
      cases.push(invalid('range', 'minimum', 'far below minimum', fc.integer({ min: formatLow, max: schema.minimum - 2 }), far));
  }
  if (schema.maximum !== undefined)
    cases.push(invalid('range', 'maximum', 'maximum+1', fc.constant(schema.maximum + 1), [schema.maximum + 1]));
  if (schema.type === 'integer') {
    // Near the smallest integer allowed (near 0 where that is far below), so that each is exact and none is an integer.
    const anchor = Math.max(low, Math.min(high, 0));
    const fractions = [anchor + 0.5, anchor + 1000.5].filter((v) => v < high && !Number.isInteger(v));
    cases.push(
      invalid(
        'type',
        'type',
        'not an integer',
        fc.double({ min: low, max: Math.min(high, 1e6), noInteger: true, noNaN: true, noDefaultInfinity: true }),
        fractions,
      ),
    );
    // Past the format's range: Smithy's malformed-integer tests use values just past it. Only
    // those within the schema's own bounds otherwise, so that each breaks the format alone.
    if (schema.format === 'int32') {
      const past = [INT32[1] + 1, 2 ** 53, 1e300, INT32[0] - 1, -(2 ** 53), -1e300].filter(
        (v) => v >= (schema.minimum ?? Number.NEGATIVE_INFINITY) && v <= (schema.maximum ?? Number.POSITIVE_INFINITY),
      );
      if (past.length > 0) cases.push(invalid('overflow', 'format', 'past int32', fc.constantFrom(...past), past));
    }
  }
  return cases;
}

/** Every way to break the schema's constraints, plus wrong JSON types. */
function invalidValueOfSchema(schema: SpecSchema): fc.Arbitrary<InvalidValue> {
  return fc.oneof(...invalidValuesOfSchema(schema).map((c) => c.arbitrary));
}

/** Each schema's cases, made once: a run makes its cases from them, and a self-test makes runs by the thousand. */
const made = new WeakMap<SpecSchema, InvalidValueCase[]>();

/** The same, one labelled case per rule: for suites that must try every rule, not a random one. */
export function invalidValuesOfSchema(schema: SpecSchema): InvalidValueCase[] {
  const target = resolveMember(schema).schema;
  let cases = made.get(target);
  if (!cases) {
    cases = makeInvalidValues(target);
    made.set(target, cases);
  }
  return cases;
}

function makeInvalidValues(target: SpecSchema): InvalidValueCase[] {
  const cases =
    target.type === 'string' ? invalidStrings(target) : target.type === 'integer' || target.type === 'number' ? invalidNumbers(target) : [];
  return [...cases, wrongTypes(target)];
}

/** Invalid values of the named schema: `invalidValueOf('JobTag')`. */
export function invalidValueOf(name: string): fc.Arbitrary<InvalidValue> {
  return invalidValueOfSchema(schemaOf(name));
}

/** A ClientRequestToken the service must refuse, labelled with the rule it breaks. */
export const invalidClientRequestToken = () => invalidValueOf('ClientRequestToken');
/** A JobTag the service must refuse. */
export const invalidJobTag = () => invalidValueOf('JobTag');
/** A JobId the service must refuse. */
export const invalidJobId = () => invalidValueOf('JobId');
/** A FaceAttributes value the service must refuse. */
export const invalidFaceAttributes = () => invalidValueOf('FaceAttributes');
/** An S3 bucket name the service must refuse. */
export const invalidS3Bucket = () => invalidValueOf('S3Bucket');
/** An SNS topic ARN the service must refuse. */
export const invalidSNSTopicArn = () => invalidValueOf('SNSTopicArn');
/** An IAM role ARN the service must refuse. */
export const invalidRoleArn = () => invalidValueOf('RoleArn');
/** A MaxResults the service must refuse. */
export const invalidMaxResults = () => invalidValueOf('MaxResults');
/** A pagination token the service must refuse. */
export const invalidNextToken = () => invalidValueOf('PaginationToken');
