// Valid values of any schema of the spec, derived from its constraints (type, required, lengths,
// pattern, enum, range) rather than restated: change the spec and the values follow.
import fc from 'fast-check';
import type { SpecSchema } from '../../generated/schemas.js';
import type { components } from '../../generated/types.js';
import { resolveMember, schemaOf } from '../contract/specSchema.js';
import { CANDIDATE_CHARACTERS } from './candidateCharacters.js';

export { resolveMember, schemaOf };

/** The spec's schemas by name, as the generated types have them. */
export type Schemas = components['schemas'];
/** The name of a schema of the spec: `'JobTag'`, `'StartFaceDetectionRequest'`. */
export type SchemaName = keyof Schemas & string;

export interface ValueConstraints {
  /** Most items in a generated list. Default 3. */
  maxItems?: number;
  /** Longest string generated for a member with no maxLength. Default 64. */
  maxUnboundedLength?: number;
}

/** The regex JSON Schema (and ajv) applies: the spec's anchored pattern, with the u flag. */
export function patternOf(schema: SpecSchema): RegExp | undefined {
  return typeof schema.pattern === 'string' ? new RegExp(schema.pattern, 'u') : undefined;
}

/** For a pattern that is one character class repeated (`^[a-z0-9-]+$`), the class: `[a-z0-9-]`. */
export function singleClassOf(schema: SpecSchema): string | undefined {
  const match = typeof schema.pattern === 'string' ? /^\^(\[(?:\\.|[^\]\\])*\])[+*]\$$/.exec(schema.pattern) : null;
  return match?.[1];
}

const unitCache = new Map<string, fc.Arbitrary<string>>();

const SURROGATES = 0xe000 - 0xd800;
/**
 * Any code point but a lone surrogate: the values, and the shrinks, of fast-check's `binary` unit
 * (index i is code point i, the surrogates skipped), with an unmapper that reads the code point
 * back instead of building a map of all 1.1 million on first use (about a second per process).
 */
const ANY_CODE_POINT = fc.nat({ max: 0x10ffff - SURROGATES }).map(
  (i) => String.fromCodePoint(i < 0xd800 ? i : i + SURROGATES),
  (value) => {
    const cp = typeof value === 'string' ? value.codePointAt(0) : undefined;
    if (cp === undefined || String.fromCodePoint(cp) !== value || (cp >= 0xd800 && cp < 0xe000)) throw new TypeError('not one code point');
    return cp < 0xd800 ? cp : cp - SURROGATES;
  },
);
const ANY_CHARACTER = fc.string({ unit: ANY_CODE_POINT, minLength: 1, maxLength: 1 });

/** One character the schema's pattern allows anywhere, or any code point when it has no pattern. */
export function allowedChar(schema: SpecSchema): fc.Arbitrary<string> {
  const cls = singleClassOf(schema);
  if (!cls) return ANY_CHARACTER;
  let unit = unitCache.get(cls);
  if (!unit) {
    const one = new RegExp(`^${cls}$`, 'u');
    // A positive class written in plain ASCII (all the model has) is listed once, which is far
    // faster to draw from than a regex; anything else is left to fast-check's regex support.
    const plainAscii = !cls.startsWith('[^') && /^[\x20-\x7e]*$/.test(cls) && !/\\[uxpPcks]/.test(cls);
    const ascii = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)).filter((c) => one.test(c));
    unit = plainAscii && ascii.length > 0 ? fc.constantFrom(...ascii) : fc.stringMatching(one);
    unitCache.set(cls, unit);
  }
  return unit;
}

/** Strings the schema accepts, reaching both length bounds. */
export function stringOf(schema: SpecSchema, constraints: ValueConstraints = {}): fc.Arbitrary<string> {
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as string[]));
  const min: number = schema.minLength ?? 0;
  const max: number = schema.maxLength ?? Math.max(min, constraints.maxUnboundedLength ?? 64);
  const pattern = patternOf(schema);
  if (pattern && !singleClassOf(schema)) {
    // Structured patterns (ARNs): fast-check builds values from the regex itself. A filter, as
    // stringMatching takes no length bounds and no composition bounds what a regex repeats.
    return fc.stringMatching(pattern).filter((s) => [...s].length >= min && [...s].length <= max);
  }
  const unit = allowedChar(schema);
  const exactly = (length: number) => fc.string({ unit, minLength: length, maxLength: length });
  // Both bounds, and anything between; cross-shrinking lets a value at a bound shrink in length.
  return fc.oneof({ withCrossShrink: true }, fc.string({ unit, minLength: min, maxLength: max }), exactly(min), exactly(max));
}

/** Valid values of a schema of the spec: every member optional or present, every enum value, every bound. */
export function valueOfSchema(schema: SpecSchema, constraints: ValueConstraints = {}): fc.Arbitrary<unknown> {
  const member = resolveMember(schema);
  if (member.schema !== schema) {
    const value = valueOfSchema(member.schema, constraints);
    return member.nullable ? fc.oneof(value, fc.constant(null)) : value;
  }
  switch (schema.type) {
    case 'object': {
      const properties: Record<string, SpecSchema> = schema.properties ?? {};
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, prop] of Object.entries(properties)) record[name] = valueOfSchema(prop, constraints);
      return fc.record(record, { requiredKeys: schema.required ?? [] });
    }
    case 'array':
      return fc.array(valueOfSchema(schema.items, constraints), { maxLength: constraints.maxItems ?? 3 });
    case 'string':
      return stringOf(schema, constraints);
    case 'integer': {
      const [low, high] = integerBounds(schema);
      return fc.oneof(fc.constant(low), fc.constant(high), fc.integer({ min: low, max: high }));
    }
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    default:
      throw new TypeError(`no values for schema type ${String(schema.type)}`);
  }
}

/** The integer range a schema allows: its minimum/maximum within its format's bounds. */
export function integerBounds(schema: SpecSchema): [number, number] {
  const [formatLow, formatHigh] =
    schema.format === 'int32' ? [-(2 ** 31), 2 ** 31 - 1] : [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
  return [schema.minimum ?? formatLow, schema.maximum ?? formatHigh];
}

/** Valid values of the named schema, typed as the generated types have it: `valueOf('JobTag')`, `valueOf('FaceDetail')`. */
export function valueOf<N extends SchemaName>(name: N, constraints: ValueConstraints = {}): fc.Arbitrary<Schemas[N]> {
  // valueOfSchema derives values from the same schema the type is generated from.
  return valueOfSchema(schemaOf(name), constraints) as fc.Arbitrary<Schemas[N]>;
}

/** The character a canonical value repeats: `a` where the schema allows it, else its first allowed printable ASCII character. */
export function canonicalChar(schema: SpecSchema): string {
  const cls = singleClassOf(schema);
  if (cls === undefined) return 'a';
  const one = new RegExp(`^${cls}$`, 'u');
  if (one.test('a')) return 'a';
  for (let code = 0x21; code < 0x7f; code++) if (one.test(String.fromCharCode(code))) return String.fromCharCode(code);
  throw new TypeError(`the pattern ${String(schema.pattern)} allows no printable ASCII character`);
}

/** Whether a string is valid against the schema's own constraints (lengths in code points, pattern, enum). */
export function isValidString(schema: SpecSchema, value: string): boolean {
  const length = [...value].length;
  if (Array.isArray(schema.enum)) return schema.enum.includes(value);
  if (length < (schema.minLength ?? 0) || length > (schema.maxLength ?? Number.POSITIVE_INFINITY)) return false;
  return patternOf(schema)?.test(value) ?? true;
}

/**
 * One fixed valid value of a schema, the same every time: an object with its required members
 * only, each canonical; a string's first enum value, else its spec example, else its canonical
 * character repeated to its minLength (at least once); an integer's example, else its minimum.
 * What coverage values are built around, so that each shows its one broken rule and little else.
 */
export function canonicalValueOf(schema: SpecSchema): unknown {
  const target = resolveMember(schema).schema;
  switch (target.type) {
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const name of target.required ?? []) value[name] = canonicalValueOf(target.properties[name]);
      return value;
    }
    case 'string': {
      if (Array.isArray(target.enum)) return target.enum[0];
      const example: unknown = target.examples?.[0];
      if (typeof example === 'string' && isValidString(target, example)) return example;
      const made = canonicalChar(target).repeat(Math.max(1, target.minLength ?? 0));
      if (!isValidString(target, made))
        throw new TypeError(`no canonical value for a schema with pattern ${String(target.pattern)}: give it an example`);
      return made;
    }
    case 'integer':
    case 'number': {
      const example: unknown = target.examples?.[0];
      return typeof example === 'number' ? example : (target.minimum ?? 0);
    }
    case 'boolean':
      return false;
    case 'array':
      return [];
    default:
      throw new TypeError(`no canonical value for schema type ${String(target.type)}`);
  }
}

/** A valid value of a schema that reaches one of its boundaries, and which. */
export interface BoundaryValue {
  value: unknown;
  /** `at maxLength`, `every allowed character`, `enum value ALL`, `int32 maximum`, ... */
  rule: string;
}

/** The astral character a length counted in UTF-16 units gets wrong: one code point, two units. */
const ASTRAL = '😀';

/**
 * Valid values of a scalar schema at its boundaries, in a fixed order: each length bound (in
 * code points, and in astral ones where the schema allows them: two UTF-16 units each), every
 * character its pattern allows, each enum value, the integer bounds, the spec's example. What a
 * suite sends, whatever its seed, to see that nothing valid is refused.
 */
export function boundaryValuesOf(schema: SpecSchema): BoundaryValue[] {
  const target = resolveMember(schema).schema;
  const values: BoundaryValue[] = [];
  const example: unknown = target.examples?.[0];
  if (target.type === 'string') {
    if (Array.isArray(target.enum)) return (target.enum as string[]).map((value) => ({ value, rule: `enum value ${value}` }));
    const min: number = target.minLength ?? 0;
    const max: number | undefined = target.maxLength;
    const c = canonicalChar(target);
    const structured = typeof target.pattern === 'string' && singleClassOf(target) === undefined;
    if (!structured) {
      values.push({ value: c.repeat(min), rule: 'at minLength' });
      if (max !== undefined) values.push({ value: c.repeat(max), rule: 'at maxLength' });
      if (max !== undefined && isValidString(target, ASTRAL))
        values.push({ value: ASTRAL.repeat(max), rule: 'at maxLength in astral code points' });
      // Every character the schema allows of those a suite tries, in values no longer than maxLength.
      const allowed = CANDIDATE_CHARACTERS.filter((ch) => isValidString({ ...target, minLength: 0, maxLength: undefined }, ch));
      const chunk = max ?? allowed.length;
      for (let i = 0; i < allowed.length; i += chunk) {
        const value = allowed.slice(i, i + chunk).join('');
        values.push({ value: value + c.repeat(Math.max(0, min - [...value].length)), rule: 'every allowed character' });
      }
    }
    if (typeof example === 'string' && isValidString(target, example)) values.push({ value: example, rule: 'example' });
    return values.filter((v) => isValidString(target, v.value as string));
  }
  if (target.type === 'integer' || target.type === 'number') {
    const [low, high] = integerBounds(target);
    values.push(
      { value: low, rule: 'minimum' },
      { value: high, rule: target.maximum === undefined ? `${target.format ?? 'safe integer'} maximum` : 'maximum' },
    );
    if (typeof example === 'number') values.push({ value: example, rule: 'example' });
    return values;
  }
  return values;
}
