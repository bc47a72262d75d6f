// Invalid values of a scalar schema of the spec, one arbitrary per constraint it has, each
// labelled with the rule it breaks. Derived from the spec's constraints like valueOf.
import fc from 'fast-check';
import type { SpecSchema } from '../../generated/schemas.js';
import type { ViolationKind } from '../contract/violation.js';
import { allowedChar, integerBounds, patternOf, resolveMember, schemaOf, singleClassOf, stringOf } from './valueOf.js';

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
  /** The case's rule: each value's own, but for wrong JSON types, whose values say which type (`wrong JSON type (array)`). */
  rule: string;
  arbitrary: fc.Arbitrary<InvalidValue>;
}

/** The rule of the case of wrong JSON types; each of its values names its type after it. */
export const WRONG_TYPE_RULE = 'wrong JSON type';

/**
 * Characters worth planting in a value: separators, controls, Java's line terminators, non-ASCII.
 * Which of them a pattern forbids is decided by the pattern itself.
 */
const CANDIDATE_CHARS = [
  ' ',
  '!',
  '#',
  '\n',
  '\t',
  '\u0000',
  '\u0085',
  '\u2028',
  'é',
  '😀',
  '"',
  '\\',
  '%',
  '*',
  '?',
  '[',
  '~',
  '/',
  ':',
  '@',
  ',',
  '=',
  '+',
  '.',
];

/** A case whose values all carry its kind and rule. */
function invalid(kind: ViolationKind, rule: string, values: fc.Arbitrary<unknown>): InvalidValueCase {
  return { kind, rule, arbitrary: values.map((value) => ({ value, kind, rule })) };
}

/** Values of another JSON type. Not null: a member sent as null is absent (see nullMembers.ts). */
function wrongTypes(schema: SpecSchema): InvalidValueCase {
  const others: fc.Arbitrary<unknown>[] = [fc.constant({}), fc.constant([])];
  if (schema.type !== 'string') others.push(fc.string({ maxLength: 5 }));
  if (schema.type !== 'boolean') others.push(fc.boolean());
  if (schema.type !== 'integer' && schema.type !== 'number') others.push(fc.integer());
  return {
    kind: 'type',
    rule: WRONG_TYPE_RULE,
    arbitrary: fc
      .oneof(...others)
      .map((value) => ({ value, kind: 'type' as const, rule: `${WRONG_TYPE_RULE} (${Array.isArray(value) ? 'array' : typeof value})` })),
  };
}

/** Strings of the schema's allowed characters, `min` to `max` long (every length of the range: size 'max'). */
function stringOfLength(schema: SpecSchema, min: number, max = min): fc.Arbitrary<string> {
  return fc.string({ unit: allowedChar(schema), minLength: min, maxLength: max, size: 'max' });
}

/** A valid value with one forbidden character planted at the start, in the middle or at the end. */
function forbiddenCharacter(schema: SpecSchema, pattern: RegExp): InvalidValueCase[] {
  const where = ['start', 'middle', 'end'] as const;
  const max: number = schema.maxLength ?? Number.MAX_SAFE_INTEGER;
  const cls = singleClassOf(schema);
  // Under a pattern of one class, a character outside it breaks the pattern wherever it stands.
  const outside = cls === undefined ? undefined : CANDIDATE_CHARS.filter((c) => !new RegExp(`^${cls}$`, 'u').test(c));
  return where.map((at) => {
    const planted = fc.tuple(stringOf(schema), fc.constantFrom(...(outside ?? CANDIDATE_CHARS))).map(([valid, c]) => {
      const chars = [...valid];
      const full = chars.length >= max; // keep the length legal: replace rather than insert
      const i = at === 'start' ? 0 : at === 'end' ? chars.length - (full ? 1 : 0) : Math.floor(chars.length / 2);
      chars.splice(Math.max(0, i), full ? 1 : 0, c);
      return chars.join('');
    });
    // A structured pattern (an ARN) allows a character in some places and not others: only the
    // value itself tells, so a filter.
    const values =
      outside !== undefined
        ? planted
        : planted.filter((value) => !pattern.test(value) && [...value].length >= (schema.minLength ?? 0) && [...value].length <= max);
    return invalid('pattern', `forbidden character at the ${at}`, values);
  });
}

function invalidStrings(schema: SpecSchema): InvalidValueCase[] {
  const cases: InvalidValueCase[] = [];
  if (Array.isArray(schema.enum)) {
    const values = schema.enum as string[];
    const notMember = (v: string) => !values.includes(v);
    const picked = fc.constantFrom(...values);
    // Computed up front, so that no value drawn is thrown away (and every shrink stays invalid).
    const otherCases = values.map((v) => (v === v.toLowerCase() ? v.toUpperCase() : v.toLowerCase())).filter(notMember);
    const otherWords = values.flatMap((v) => ['S', '_', 'X', '1'].map((s) => v + s)).filter(notMember);
    if (otherCases.length > 0) cases.push(invalid('enum', 'enum other case', fc.constantFrom(...otherCases)));
    cases.push(
      invalid(
        'enum',
        'enum padded',
        fc.tuple(picked, fc.constantFrom(' ', '\t', '\n'), fc.boolean()).map(([v, pad, before]) => (before ? pad + v : v + pad)),
      ),
      invalid('enum', 'enum empty', fc.constant('')),
    );
    if (otherWords.length > 0) cases.push(invalid('enum', 'enum other word', fc.constantFrom(...otherWords)));
    return cases;
  }
  const min: number = schema.minLength ?? 0;
  if (min > 0) cases.push(invalid('length', 'minLength-1', stringOfLength(schema, min - 1)));
  if (schema.maxLength !== undefined) {
    const max: number = schema.maxLength;
    cases.push(
      invalid('length', 'maxLength+1', stringOfLength(schema, max + 1)),
      invalid('length', 'far beyond maxLength', stringOfLength(schema, max + 2, max * 4 + 2)),
    );
  }
  const pattern = patternOf(schema);
  if (pattern) cases.push(...forbiddenCharacter(schema, pattern));
  return cases;
}

function invalidNumbers(schema: SpecSchema): InvalidValueCase[] {
  const cases: InvalidValueCase[] = [];
  if (schema.minimum !== undefined) {
    cases.push(
      invalid('range', 'minimum-1', fc.constant(schema.minimum - 1)),
      invalid('range', 'far below minimum', fc.integer({ min: -(2 ** 31), max: schema.minimum - 2 })),
    );
  }
  if (schema.maximum !== undefined) cases.push(invalid('range', 'maximum+1', fc.constant(schema.maximum + 1)));
  if (schema.type === 'integer') {
    const [low, high] = integerBounds(schema);
    cases.push(
      invalid(
        'type',
        'not an integer',
        fc.double({ min: low, max: Math.min(high, 1e6), noInteger: true, noNaN: true, noDefaultInfinity: true }),
      ),
    );
    // Past the format's range: Smithy's malformed-integer tests use values just past it.
    if (schema.format === 'int32') cases.push(invalid('overflow', 'past int32', fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53, 1e300)));
  }
  return cases;
}

/** Every way to break the schema's constraints, plus wrong JSON types. */
function invalidValueOfSchema(schema: SpecSchema): fc.Arbitrary<InvalidValue> {
  return fc.oneof(...invalidValuesOfSchema(schema).map((c) => c.arbitrary));
}

/** The same, one labelled case per rule: for suites that must try every rule, not a random one. */
export function invalidValuesOfSchema(schema: SpecSchema): InvalidValueCase[] {
  const target = resolveMember(schema).schema;
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
