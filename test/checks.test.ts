// The compiled checks (generated/checks.js, from scripts/checks.mjs) against ajv compiling the same
// spec: the same verdict from each guard, the same errors in the same order from each collector,
// on valid values, on valid values with any one node replaced by a hostile one, and on strings whose
// length in code points sits at every bound while their UTF-16 length does not. Each error's member
// path, made by the collector on its way down, is the one violation.ts reads off its pointer.
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as checks from '../generated/checks.js';
import { structures } from '../generated/contract.js';
import { compileChecks } from '../scripts/checks.mjs';
import { specAjv } from '../scripts/spec-schemas.mjs';
import { valueOf, type SchemaName } from '../src/arbitraries/index.js';
import { withoutNullMembers, type StructureName } from '../src/contract/nullMembers.js';
import { memberPath, toViolations } from '../src/contract/violation.js';
import { loadSpec } from './spec.js';

const spec = loadSpec();
const ajv = specAjv(spec, 'spec', { allErrors: true, verbose: true });
const compiled = checks as unknown as Record<string, (value: unknown) => unknown>;
const NAMES = Object.keys(checks.errorsOf);

/**
 * An error as both report it: where, which rule with which parameters, the value, the model's
 * pattern. A missing member's error carries no value (its object is the one with null members read
 * out, or not, which violation.ts never echoes).
 */
const comparable = (e: {
  instancePath: string;
  keyword: string;
  params: unknown;
  data: unknown;
  parentSchema?: Record<string, unknown>;
}) => ({
  at: e.instancePath,
  keyword: e.keyword,
  params: e.params,
  data: e.keyword === 'required' ? undefined : e.data,
  pattern: e.keyword === 'pattern' ? (e.parentSchema?.['x-aws-pattern'] ?? e.parentSchema?.pattern) : undefined,
});

/**
 * Ajv and the compiled checks agree on the value: the guard's verdict, the collector's errors as
 * given, and with null members read as absent against ajv on withoutNullMembers' reading.
 */
function agree(name: string, value: unknown): void {
  const validate = ajv.getSchema(`spec#/$defs/${name}`)!;
  const valid = validate(value) as boolean;
  const expected = (validate.errors ?? []).map(comparable);
  const is = compiled[`is${name}`]!(value);
  const errorsOf = compiled[`errorsOf${name}`] as (value: unknown, nullsAbsent?: boolean) => Parameters<typeof comparable>[0][];
  const found = errorsOf(value).map(comparable);
  const show = (what: string, a: unknown, b: unknown) =>
    `${name}, ${what}\najv:      ${JSON.stringify(a)}\ncompiled: ${JSON.stringify(b)}\nvalue: ${JSON.stringify(value)?.slice(0, 500)}`;
  if (is !== valid || !isDeepStrictEqual(found, expected)) throw new Error(show(`as given: ajv ${valid}, guard ${is}`, expected, found));
  // Each error that becomes a violation: its member path is the one its pointer reads as.
  for (const error of errorsOf(value) as checks.SchemaError[]) {
    const { pointer } = toViolations([error])[0] ?? {};
    if (pointer !== undefined && error.memberPath !== memberPath(pointer))
      throw new Error(show(`member path of ${pointer}`, memberPath(pointer), error.memberPath));
  }
  if (!(name in structures)) return;
  validate(withoutNullMembers(value, name as StructureName));
  const read = (validate.errors ?? []).map(comparable);
  const foundRead = errorsOf(value, true).map(comparable);
  if (!isDeepStrictEqual(foundRead, read)) throw new Error(show('null members absent', read, foundRead));
}

// Bounds of the spec's lengths, each approached from both sides in code points, with up to six
// characters outside the BMP, or nothing else, so that UTF-16 length and code points disagree.
const LENGTHS = [0, 1, 2, 3, 4, 5, 6, 63, 64, 65, 127, 128, 129, 254, 255, 256, 1023, 1024, 1025, 2047, 2048, 2049];
const ASTRAL = ['😀', '𝒱', '𠀋'];
const nearBound = fc
  .tuple(
    fc.constantFrom(...LENGTHS),
    fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constant(Number.POSITIVE_INFINITY)),
    fc.constantFrom('a', 'Z', '-', '9', ' ', '/'),
    fc.constantFrom(...ASTRAL),
    fc.boolean(),
  )
  .map(([points, astral, plain, wide, astralFirst]) => {
    const k = Math.min(astral, points);
    return astralFirst ? wide.repeat(k) + plain.repeat(points - k) : plain.repeat(points - k) + wide.repeat(k);
  });
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -0,
    0,
    1,
    1.5,
    -1,
    2 ** 31 - 1,
    2 ** 31,
    -(2 ** 31),
    -(2 ** 31) - 1,
    2 ** 53,
    1e300,
    true,
    '',
    '\ud800',
    'a\udc00',
    '\ud83d',
    [],
    {},
    [null],
    'DEFAULT',
    'SUCCEEDED',
  ),
  nearBound,
  fc.jsonValue({ maxDepth: 2 }),
);

/** Every path to a node of a JSON value: the root, each member, each item. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const found = [at];
  if (Array.isArray(value)) for (const [i, item] of value.entries()) found.push(...paths(item, [...at, i]));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) found.push(...paths(v, [...at, k]));
  return found;
}
function replaced(value: unknown, path: (string | number)[], by: unknown, remove: boolean): unknown {
  if (path.length === 0) return by;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  if (remove && rest.length === 0) delete copy[head!];
  else copy[head!] = replaced(copy[head!], rest, by, remove);
  return copy;
}
const mutated = (name: string) =>
  valueOf(name as SchemaName).chain((value) => {
    const all = paths(value);
    return fc.tuple(fc.constantFrom(...all), hostile, fc.boolean(), fc.boolean()).map(([path, by, remove, extra]) => {
      const out = replaced(value, path, by, remove && path.length > 0);
      return extra && out && typeof out === 'object' && !Array.isArray(out) ? { ...out, Unmodelled: by } : out;
    });
  });

describe('the compiled checks answer as ajv does on the spec', () => {
  it('covers every validated schema: the operations, their answers and every error body', () => {
    expect(NAMES).toEqual(
      expect.arrayContaining(['StartFaceDetectionRequest', 'GetFaceDetectionResponse', 'ValidationException', 'SerializationException']),
    );
    expect(NAMES.length).toBeGreaterThan(20);
  });

  it.each(NAMES)('%s: valid values, each node replaced or removed, and hostile values at the root', (name) => {
    fc.assert(
      fc.property(fc.oneof(valueOf(name as SchemaName), mutated(name), hostile), (value) => agree(name, value)),
      { numRuns: name.endsWith('Exception') || name.endsWith('Error') ? 150 : 1500, seed: 20261201 },
    );
  });

  it('counts code points only where the UTF-16 length cannot decide, and agrees at every bound', () => {
    // S3Bucket 3..255, ClientRequestToken 1..64, S3ObjectName 1..1024, PaginationToken ..255.
    fc.assert(
      fc.property(nearBound, (s) => {
        agree('StartFaceDetectionRequest', { Video: { S3Object: { Bucket: s, Name: s, Version: s } }, ClientRequestToken: s, JobTag: s });
        agree('GetFaceDetectionRequest', { JobId: s, NextToken: s });
      }),
      { numRuns: 2000, seed: 20261201 },
    );
  });
});

describe('the compiler', () => {
  const compile = (schema: Record<string, unknown>) => () => compileChecks({ X: schema }, ['X']);
  it.each([
    ['a keyword it does not compile', { type: 'string', const: 'x' }, /keyword const is not compiled/],
    ['a format it does not know', { type: 'string', format: 'date-time' }, /format date-time is not compiled/],
    ['an enum of numbers', { type: 'integer', enum: [1, 2] }, /only string enums/],
    ['a $ref beside rules', { $ref: '#/components/schemas/X', minLength: 1 }, /\$ref beside minLength/],
    ['a type list', { type: ['string', 'null'] }, /type \["string","null"\] is not compiled/],
  ])('refuses %s rather than ignore it', (_, schema, message) => {
    expect(compile(schema)).toThrow(message);
  });

  it('compiles annotations and x- extensions away', () => {
    expect(compile({ type: 'string', description: 'd', examples: ['a'], 'x-aws-shape': 'X' })).not.toThrow();
  });
});
