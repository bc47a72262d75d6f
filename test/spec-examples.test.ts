// Every example in the spec must be valid against the schema it illustrates: examples are what
// readers copy, and what the docs site shows.
import { describe, expect, it } from 'vitest';
import { specAjv } from '../scripts/spec-schemas.mjs';
import { loadSpec } from './spec.js';

const spec = loadSpec();
const ajv = specAjv(spec, 'spec', { allErrors: true });
const MEDIA_TYPE = 'application/x-amz-json-1.1';

function resolve(node: any): any {
  return typeof node?.$ref === 'string'
    ? node.$ref
        .slice(2)
        .split('/')
        .reduce((at: any, key: string) => at[key], spec)
    : node;
}

/** Compiles a media type's schema, which may be a $ref or a oneOf of $refs. */
function compile(schema: any) {
  const rewrite = (node: any): any =>
    Array.isArray(node)
      ? node.map(rewrite)
      : node && typeof node === 'object'
        ? Object.fromEntries(
            Object.entries(node).map(([k, v]) => [k, k === '$ref' ? `spec#/$defs/${(v as string).split('/').pop()}` : rewrite(v)]),
          )
        : node;
  return ajv.compile(rewrite(schema));
}

const cases: [string, unknown, any][] = [];
for (const [path, item] of Object.entries<any>(spec.paths)) {
  const op = item.post;
  const request = op.requestBody.content[MEDIA_TYPE];
  for (const [name, example] of Object.entries<any>(request.examples))
    cases.push([`${op.operationId} request ${name}`, example.value, request.schema]);
  for (const [status, response] of Object.entries<any>(op.responses)) {
    const media = resolve(response).content[MEDIA_TYPE];
    for (const [name, example] of Object.entries<any>(media.examples))
      cases.push([`${op.operationId} ${status} ${name}`, resolve(example).value, media.schema]);
  }
  expect(path).toContain(op['x-amz-target']);
}
for (const [name, schema] of Object.entries<any>(spec.components.schemas)) {
  for (const [i, example] of (schema.examples ?? []).entries())
    cases.push([`schema ${name} example ${i + 1}`, example, { $ref: `#/components/schemas/${name}` }]);
}
const header = spec.components.headers.RequestId.schema;
for (const example of header.examples) cases.push(['header x-amzn-RequestId', example, header]);

describe('spec examples', () => {
  it("cover each operation's request and every answer, and every patterned schema", () => {
    const labels = cases.map(([label]) => label);
    for (const op of ['StartFaceDetection', 'GetFaceDetection']) {
      for (const part of ['request', '200', '400', '500'])
        expect(
          labels.some((l) => l.startsWith(`${op} ${part} `)),
          `${op} ${part}`,
        ).toBe(true);
    }
    for (const [name, schema] of Object.entries<any>(spec.components.schemas)) {
      if (schema.pattern) expect(labels, name).toContain(`schema ${name} example 1`);
    }
  });

  it.each(cases)('%s is valid', (_, value, schema) => {
    const validate = compile(schema);
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
  });

  it('error examples are told apart by __type: each matches exactly one error schema', () => {
    const names = Object.keys(spec.components.schemas).filter((n) => spec.components.schemas[n]['x-aws-error']);
    const errorExamples = Object.entries<any>(spec.components.examples).filter(([, example]) => example.value.__type);
    expect(errorExamples.length, 'spec.components.examples holds error examples (with a __type)').toBeGreaterThan(0);
    for (const [name, example] of errorExamples) {
      const matches = names.filter((n) => compile({ $ref: `#/components/schemas/${n}` })(example.value));
      expect(matches, name).toHaveLength(1);
    }
  });
});

describe('__type patterns read the code the way SDKs do', () => {
  const validate = compile({ $ref: '#/components/schemas/InvalidParameterException' });
  it.each([
    ['InvalidParameterException', true],
    ['com.amazonaws.rekognition#InvalidParameterException', true],
    ['InvalidParameterException:http://internal.amazon.com/coral/com.amazon.coral.validate/', true],
    ['InvalidParameterException,Other', true],
    ['InvalidParameterExceptionX', false],
    ['XInvalidParameterException', false],
    ['a#b#InvalidParameterException', false],
    ['invalidparameterexception', false],
  ])('%s: %s', (type, ok) => {
    expect(validate({ __type: type })).toBe(ok);
  });
});
