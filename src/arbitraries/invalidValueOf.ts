// Invalid values of a scalar schema of the spec, one arbitrary per constraint it has, each
// labelled with the rule it breaks. Derived from the spec's constraints like valueOf.
import fc from 'fast-check';
import type { SpecSchema } from '../../generated/schemas.js';
import type { ViolationKind } from '../contract/violation.js';
import { allowedChar, integerBounds, patternOf, resolveMember, schemaOf, stringOf } from './valueOf.js';

/** A value that breaks one rule of its schema. */
export interface InvalidValue {
  value: unknown;
  /** The kind of constraint broken, as validate... reports it. */
  kind: ViolationKind;
  /** Which rule exactly: `maxLength+1`, `forbidden character at the start`, `enum other case`, ... */
  rule: string;
}

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

const invalid =
  (kind: ViolationKind, rule: string) =>
  (value: unknown): InvalidValue => ({ value, kind, rule });

/** Values of another JSON type. Not null: a member sent as null is absent (see nullMembers.ts). */
function wrongTypes(schema: SpecSchema): fc.Arbitrary<InvalidValue> {
  const others: fc.Arbitrary<unknown>[] = [fc.constant({}), fc.constant([])];
  if (schema.type !== 'string') others.push(fc.string({ maxLength: 5 }));
  if (schema.type !== 'boolean') others.push(fc.boolean());
  if (schema.type !== 'integer' && schema.type !== 'number') others.push(fc.integer());
  return fc
    .oneof(...others)
    .map((value) => ({ value, kind: 'type' as const, rule: `wrong JSON type (${Array.isArray(value) ? 'array' : typeof value})` }));
}

function stringOfLength(schema: SpecSchema, length: fc.Arbitrary<number>): fc.Arbitrary<string> {
  const unit = allowedChar(schema);
  return length.chain((n) => fc.string({ unit, minLength: n, maxLength: n }));
}

/** A valid value with one forbidden character planted at the start, in the middle or at the end. */
function forbiddenCharacter(schema: SpecSchema, pattern: RegExp): fc.Arbitrary<InvalidValue>[] {
  const where = ['start', 'middle', 'end'] as const;
  const max: number = schema.maxLength ?? Number.MAX_SAFE_INTEGER;
  return where.map((at) =>
    fc
      .tuple(stringOf(schema), fc.constantFrom(...CANDIDATE_CHARS))
      .map(([valid, c]) => {
        const chars = [...valid];
        const full = chars.length >= max; // keep the length legal: replace rather than insert
        const i = at === 'start' ? 0 : at === 'end' ? chars.length - (full ? 1 : 0) : Math.floor(chars.length / 2);
        chars.splice(Math.max(0, i), full ? 1 : 0, c);
        return chars.join('');
      })
      .filter((value) => !pattern.test(value) && [...value].length >= (schema.minLength ?? 0) && [...value].length <= max)
      .map(invalid('pattern', `forbidden character at the ${at}`)),
  );
}

function invalidStrings(schema: SpecSchema): fc.Arbitrary<InvalidValue>[] {
  const arbitraries: fc.Arbitrary<InvalidValue>[] = [];
  if (Array.isArray(schema.enum)) {
    const values = schema.enum as string[];
    const isMember = (v: string) => values.includes(v);
    const picked = fc.constantFrom(...values);
    arbitraries.push(
      picked
        .map((v) => (v === v.toLowerCase() ? v.toUpperCase() : v.toLowerCase()))
        .filter((v) => !isMember(v))
        .map(invalid('enum', 'enum other case')),
      fc
        .tuple(picked, fc.constantFrom(' ', '\t', '\n'))
        .chain(([v, pad]) => fc.constantFrom(pad + v, v + pad))
        .map(invalid('enum', 'enum padded')),
      fc.constant('').map(invalid('enum', 'enum empty')),
      fc
        .tuple(picked, fc.constantFrom('S', '_', 'X', '1'))
        .map(([v, s]) => v + s)
        .filter((v) => !isMember(v))
        .map(invalid('enum', 'enum other word')),
    );
    return arbitraries;
  }
  const min: number = schema.minLength ?? 0;
  if (min > 0) arbitraries.push(stringOfLength(schema, fc.constant(min - 1)).map(invalid('length', 'minLength-1')));
  if (schema.maxLength !== undefined) {
    const max: number = schema.maxLength;
    arbitraries.push(
      stringOfLength(schema, fc.constant(max + 1)).map(invalid('length', 'maxLength+1')),
      stringOfLength(schema, fc.integer({ min: max + 2, max: max * 4 + 2 })).map(invalid('length', 'far beyond maxLength')),
    );
  }
  const pattern = patternOf(schema);
  if (pattern) arbitraries.push(...forbiddenCharacter(schema, pattern));
  return arbitraries;
}

function invalidNumbers(schema: SpecSchema): fc.Arbitrary<InvalidValue>[] {
  const arbitraries: fc.Arbitrary<InvalidValue>[] = [];
  if (schema.minimum !== undefined) {
    arbitraries.push(
      fc.constant(schema.minimum - 1).map(invalid('range', 'minimum-1')),
      fc.integer({ min: -(2 ** 31), max: schema.minimum - 2 }).map(invalid('range', 'far below minimum')),
    );
  }
  if (schema.maximum !== undefined) arbitraries.push(fc.constant(schema.maximum + 1).map(invalid('range', 'maximum+1')));
  if (schema.type === 'integer') {
    const [low, high] = integerBounds(schema);
    arbitraries.push(
      fc
        .double({ min: low, max: Math.min(high, 1e6), noInteger: true, noNaN: true, noDefaultInfinity: true })
        .map(invalid('type', 'not an integer')),
    );
    // Past the format's range: Smithy's malformed-integer tests use values just past it.
    if (schema.format === 'int32') {
      arbitraries.push(fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53, 1e300).map(invalid('overflow', 'past int32')));
    }
  }
  return arbitraries;
}

/** Every way to break the schema's constraints, plus wrong JSON types. */
function invalidValueOfSchema(schema: SpecSchema): fc.Arbitrary<InvalidValue> {
  return fc.oneof(...invalidValuesOfSchema(schema));
}

/** The same, one arbitrary per rule: for suites that must try every rule, not a random one. */
export function invalidValuesOfSchema(schema: SpecSchema): fc.Arbitrary<InvalidValue>[] {
  const target = resolveMember(schema).schema;
  const arbitraries =
    target.type === 'string' ? invalidStrings(target) : target.type === 'integer' || target.type === 'number' ? invalidNumbers(target) : [];
  return [...arbitraries, wrongTypes(target)];
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
