// Compares spec/openapi.yaml with the official service model (test/fixtures/rekognition-model.json)
// and lists every difference. Kept apart from its test so the test can also prove, on mutated
// copies of the spec, that each kind of drift is caught.

export interface ModelShape {
  type: string;
  members?: Record<string, { shape: string }>;
  required?: string[];
  member?: { shape: string };
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  exception?: boolean;
  fault?: boolean;
}

export interface Model {
  source: string;
  metadata: { apiVersion: string; targetPrefix: string; jsonVersion: string };
  operations: Record<string, { input: { shape: string }; output: { shape: string }; errors: { shape: string }[] }>;
  shapes: Record<string, ModelShape>;
  errorsHttpStatus_fromApiReference: Record<string, number>;
  'errorMembers_fromSmithyModel_via_client_rekognition_3.1142.0': { members: string[] };
}

type Schema = Record<string, any>;
type Spec = Record<string, any>;

/** Members the service sends as `null` (wire.md: "FaceOccluded and EyeDirection come back null"). */
export const NULLABLE_MEMBERS = new Set(['FaceDetail.FaceOccluded', 'FaceDetail.EyeDirection']);

const MEDIA_TYPE = 'application/x-amz-json-1.1';
const SCHEMA_REF = '#/components/schemas/';

/** Model scalar types as JSON Schema renders them. */
const SCALARS: Record<string, { type: string; format?: string }> = {
  string: { type: 'string' },
  boolean: { type: 'boolean' },
  integer: { type: 'integer', format: 'int32' },
  long: { type: 'integer', format: 'int64' },
  float: { type: 'number', format: 'float' },
  double: { type: 'number', format: 'double' },
};

export function driftBetween(spec: Spec, model: Model): string[] {
  const found: string[] = [];
  const schemas: Record<string, Schema> = spec.components?.schemas ?? {};
  const ops = operationsOf(spec);

  // Operations and their wire encoding.
  if (spec.info?.version !== model.metadata.apiVersion)
    found.push(`info.version ${spec.info?.version} is not the model's apiVersion ${model.metadata.apiVersion}`);
  const specOps = Object.keys(ops).sort();
  const modelOps = Object.keys(model.operations).sort();
  if (specOps.join() !== modelOps.join()) found.push(`operations differ: spec [${specOps}] model [${modelOps}]`);
  for (const [name, op] of Object.entries(model.operations)) {
    const specOp = ops[name];
    if (!specOp) continue;
    const target = `${model.metadata.targetPrefix}.${name}`;
    if (specOp['x-amz-target'] !== target) found.push(`${name}: x-amz-target is ${specOp['x-amz-target']}, not ${target}`);
    const header = (specOp.parameters ?? []).find((p: Schema) => p.in === 'header' && p.name === 'X-Amz-Target');
    if (!header?.required || header.schema?.const !== target)
      found.push(`${name}: the X-Amz-Target header parameter is not required with const ${target}`);
    const input = refName(specOp.requestBody?.content?.[MEDIA_TYPE]?.schema?.$ref);
    if (input !== op.input.shape) found.push(`${name}: request body is ${input}, model input is ${op.input.shape}`);
    const output = refName(specOp.responses?.['200']?.content?.[MEDIA_TYPE]?.schema?.$ref);
    if (output !== op.output.shape) found.push(`${name}: 200 body is ${output}, model output is ${op.output.shape}`);
    found.push(
      ...errorDrift(
        name,
        specOp,
        op.errors.map((e) => e.shape),
        spec,
        model,
      ),
    );
  }

  // Every shape the operations reach, and nothing else claiming to be a model shape.
  const reached = reachableShapes(model);
  for (const shapeName of reached) {
    const schema = schemas[shapeName];
    if (!schema) {
      found.push(`${shapeName}: no schema in components.schemas`);
      continue;
    }
    if (schema['x-aws-shape'] !== shapeName) found.push(`${shapeName}: x-aws-shape is ${schema['x-aws-shape']}`);
    found.push(...shapeDrift(shapeName, schema, model.shapes[shapeName]!));
  }
  for (const [name, schema] of Object.entries(schemas)) {
    if (schema['x-aws-shape'] !== undefined && !reached.has(name))
      found.push(`${name}: claims to be a model shape but the operations do not reach it`);
  }
  return found;
}

function operationsOf(spec: Spec): Record<string, Schema> {
  const ops: Record<string, Schema> = {};
  for (const item of Object.values<Schema>(spec.paths ?? {})) {
    for (const op of Object.values<Schema>(item)) if (op?.operationId) ops[op.operationId] = op;
  }
  return ops;
}

function refName(ref: unknown): string | undefined {
  return typeof ref === 'string' && ref.startsWith(SCHEMA_REF) ? ref.slice(SCHEMA_REF.length) : undefined;
}

function resolve(spec: Spec, node: Schema | undefined): Schema | undefined {
  const ref = node?.$ref;
  if (typeof ref !== 'string') return node;
  return ref
    .slice(2)
    .split('/')
    .reduce<any>((at, key) => at?.[key], spec);
}

export function reachableShapes(model: Model): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    const shape = model.shapes[name];
    if (!shape || shape.exception) return;
    seen.add(name);
    for (const m of Object.values(shape.members ?? {})) visit(m.shape);
    if (shape.member) visit(shape.member.shape);
  };
  for (const op of Object.values(model.operations)) {
    visit(op.input.shape);
    visit(op.output.shape);
  }
  return seen;
}

function shapeDrift(name: string, schema: Schema, shape: ModelShape): string[] {
  const found: string[] = [];
  if (!schema.description) found.push(`${name}: no description`);
  if (shape.type === 'structure') {
    if (schema.type !== 'object') found.push(`${name}: type ${schema.type}, model says structure`);
    const props: Record<string, Schema> = schema.properties ?? {};
    const specMembers = Object.keys(props).sort();
    const modelMembers = Object.keys(shape.members ?? {}).sort();
    if (specMembers.join() !== modelMembers.join())
      found.push(`${name}: members [${specMembers}] differ from the model's [${modelMembers}]`);
    const specRequired = [...(schema.required ?? [])].sort();
    const modelRequired = [...(shape.required ?? [])].sort();
    if (specRequired.join() !== modelRequired.join())
      found.push(`${name}: required [${specRequired}] differ from the model's [${modelRequired}]`);
    for (const [member, target] of Object.entries(shape.members ?? {})) {
      const prop = props[member];
      if (!prop) continue;
      if (!prop.description) found.push(`${name}.${member}: no description`);
      const memberTarget = memberShape(`${name}.${member}`, prop, found);
      if (memberTarget !== target.shape) found.push(`${name}.${member}: refers to ${memberTarget}, model says ${target.shape}`);
    }
    return found;
  }
  if (shape.type === 'list') {
    if (schema.type !== 'array') found.push(`${name}: type ${schema.type}, model says list`);
    const item = refName(schema.items?.$ref);
    if (item !== shape.member?.shape) found.push(`${name}: items are ${item}, model says ${shape.member?.shape}`);
    return found;
  }
  const scalar = SCALARS[shape.type];
  if (!scalar) return [`${name}: model type ${shape.type} has no JSON rendering here`];
  if (schema.type !== scalar.type) found.push(`${name}: type ${schema.type}, model says ${shape.type} (${scalar.type})`);
  if (schema.format !== scalar.format) found.push(`${name}: format ${schema.format}, model says ${shape.type} (${scalar.format})`);
  const [minKey, maxKey] = shape.type === 'string' ? ['minLength', 'maxLength'] : ['minimum', 'maximum'];
  if (schema[minKey] !== shape.min) found.push(`${name}: ${minKey} ${schema[minKey]}, model min ${shape.min}`);
  if (schema[maxKey] !== shape.max) found.push(`${name}: ${maxKey} ${schema[maxKey]}, model max ${shape.max}`);
  for (const key of ['minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'const', 'multipleOf']) {
    if (key !== minKey && key !== maxKey && schema[key] !== undefined) found.push(`${name}: ${key} ${schema[key]} is not in the model`);
  }
  if (JSON.stringify(schema.enum) !== JSON.stringify(shape.enum))
    found.push(`${name}: enum ${JSON.stringify(schema.enum)}, model ${JSON.stringify(shape.enum)}`);
  if (shape.pattern === undefined) {
    if (schema.pattern !== undefined) found.push(`${name}: pattern ${schema.pattern} is not in the model`);
  } else {
    if (schema['x-aws-pattern'] !== shape.pattern)
      found.push(`${name}: x-aws-pattern ${schema['x-aws-pattern']}, model pattern ${shape.pattern}`);
    if (typeof schema.pattern !== 'string') found.push(`${name}: no pattern, model pattern ${shape.pattern}`);
    else found.push(...patternDrift(name, schema.pattern, shape.pattern, schema.examples ?? []));
  }
  return found;
}

/** The shape a member refers to: a plain $ref, or for a nullable member `anyOf: [$ref, null]`. */
function memberShape(where: string, prop: Schema, found: string[]): string | undefined {
  if (prop.anyOf) {
    const nullable = prop['x-aws-nullable'] === true && NULLABLE_MEMBERS.has(where);
    const [ref, nul, ...rest] = prop.anyOf as Schema[];
    if (!nullable || nul?.type !== 'null' || rest.length > 0)
      found.push(`${where}: anyOf is allowed only as [$ref, null] on a member the service sends as null`);
    return refName(ref?.$ref);
  }
  if (prop['x-aws-nullable'] !== undefined) found.push(`${where}: x-aws-nullable without anyOf [$ref, null]`);
  return refName(prop.$ref);
}

// ---- Errors -------------------------------------------------------------------------------------

function errorDrift(opName: string, specOp: Schema, modelErrors: string[], spec: Spec, model: Model): string[] {
  const found: string[] = [];
  const statusOf = new Map<string, number>();
  for (const [status, response] of Object.entries<Schema>(specOp.responses ?? {})) {
    if (status === '200') continue;
    const body = resolve(spec, response)?.content?.[MEDIA_TYPE];
    const schema = body?.schema;
    const names: (string | undefined)[] = schema?.oneOf ? schema.oneOf.map((s: Schema) => refName(s.$ref)) : [refName(schema?.$ref)];
    for (const errorName of names) {
      if (!errorName) {
        found.push(`${opName} ${status}: a body schema that is not a named error`);
        continue;
      }
      statusOf.set(errorName, Number(status));
      if (!body.examples?.[errorName]) found.push(`${opName} ${status}: no example for ${errorName}`);
    }
  }
  const modelled = new Set(modelErrors);
  for (const errorName of modelErrors) {
    const status = statusOf.get(errorName);
    const expected = model.errorsHttpStatus_fromApiReference[errorName];
    if (status === undefined) found.push(`${opName}: does not answer ${errorName}`);
    else if (status !== expected) found.push(`${opName}: answers ${errorName} with ${status}, the API reference says ${expected}`);
    found.push(...errorSchemaDrift(errorName, spec.components?.schemas?.[errorName], model, expected));
  }
  for (const [errorName] of statusOf) {
    const schema = spec.components?.schemas?.[errorName];
    if (modelled.has(errorName)) continue;
    // Anything else must be an error of the protocol, not a Rekognition error of another operation.
    if (model.shapes[errorName]?.exception) found.push(`${opName}: answers ${errorName}, which the model does not declare for it`);
    else if (!schema?.['x-aws-error'] || refName(schema.allOf?.[0]?.$ref) !== 'ProtocolError')
      found.push(`${opName}: ${errorName} is neither modelled nor a protocol error`);
  }
  return found;
}

function errorSchemaDrift(errorName: string, schema: Schema | undefined, model: Model, status: number | undefined): string[] {
  if (!schema) return [`${errorName}: no schema`];
  const found: string[] = [];
  const shape = model.shapes[errorName]!;
  const meta = schema['x-aws-error'] ?? {};
  if (meta.code !== errorName) found.push(`${errorName}: x-aws-error.code is ${meta.code}`);
  if (meta.httpStatus !== status) found.push(`${errorName}: x-aws-error.httpStatus is ${meta.httpStatus}, not ${status}`);
  if (meta.fault !== (shape.fault ? 'server' : 'client')) found.push(`${errorName}: x-aws-error.fault is ${meta.fault}`);
  if (refName(schema.allOf?.[0]?.$ref) !== 'RekognitionError') found.push(`${errorName}: does not build on RekognitionError`);
  return found;
}

/** Checks the error body every modelled error shares against the SDK's error members. */
export function errorBodyDrift(spec: Spec, model: Model): string[] {
  const body = spec.components?.schemas?.RekognitionError;
  const members = model['errorMembers_fromSmithyModel_via_client_rekognition_3.1142.0'].members;
  const found: string[] = [];
  for (const m of members) if (body?.properties?.[m]?.type !== 'string') found.push(`RekognitionError: no string member ${m}`);
  if (body?.properties?.__type?.type !== 'string' || !body.required?.includes('__type'))
    found.push('RekognitionError: __type is not a required string');
  return found;
}

// ---- Patterns -----------------------------------------------------------------------------------

/** Java's `.` matches anything but a line terminator; these are Java's line terminators. */
const JAVA_DOT = '[^\\n\\r\\u0085\\u2028\\u2029]';

/**
 * The model pattern as AWS applies it: Java's Pattern.matches, i.e. the whole value must match,
 * with Java's meaning of `.`. Written for the subset of Java syntax the model uses.
 */
export function awsMeaning(modelPattern: string): RegExp {
  let out = '';
  let inClass = false;
  for (let i = 0; i < modelPattern.length; i++) {
    const c = modelPattern[i]!;
    if (c === '\\') {
      out += c + (modelPattern[++i] ?? '');
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    out += c === '.' && !inClass ? JAVA_DOT : c;
  }
  return new RegExp(`^(?:${out})$`, 'u');
}

/** Characters worth planting in a value: separators, controls, Java's line terminators, non-ASCII. */
const PROBE_CHARS = [
  ' ',
  '!',
  '#',
  '%',
  '\t',
  '\n',
  '\r',
  '\u0000',
  '\u0085',
  '\u2028',
  '\u2029',
  'é',
  'ß',
  '😀',
  '/',
  ':',
  '@',
  '-',
  '_',
  '.',
  '=',
  '+',
  ',',
  '\\',
  'a',
  'Z',
  '9',
];

/** Deterministic probe strings: seeds, seeds with a foreign character at start/middle/end, seeds inside junk, random strings. */
export function probeStrings(seeds: string[], count = 400): string[] {
  const probes = new Set<string>(['', ...seeds]);
  for (const seed of seeds) {
    const mid = Math.floor(seed.length / 2);
    for (const c of PROBE_CHARS) {
      probes.add(c + seed);
      probes.add(seed + c);
      probes.add(seed.slice(0, mid) + c + seed.slice(mid));
      probes.add(c + seed + c);
    }
    probes.add(`${seed} ${seed}`);
    probes.add(`${seed}\n${seed}`);
  }
  let state = 0x2545f491;
  const next = () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state / 2 ** 32;
  };
  const alphabet = [...PROBE_CHARS, ...'arn:aws:sns:iam::role/0123456789abcdefABCDEF'];
  for (let i = 0; i < count; i++) {
    // Random edits of a seed reach the interesting regions of structured patterns (ARNs).
    let s = seeds.length > 0 && i % 2 === 0 ? seeds[Math.floor(next() * seeds.length)]! : '';
    const edits = 1 + Math.floor(next() * 4);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(next() * (s.length + 1));
      const c = alphabet[Math.floor(next() * alphabet.length)]!;
      const op = next();
      s = op < 0.4 ? s.slice(0, at) + c + s.slice(at) : op < 0.7 ? s.slice(0, at) + s.slice(at + 1) : s.slice(0, at) + c + s.slice(at + 1);
    }
    probes.add(s);
  }
  return [...probes];
}

export function patternDrift(name: string, specPattern: string, modelPattern: string, seeds: string[]): string[] {
  let spec: RegExp;
  try {
    spec = new RegExp(specPattern, 'u'); // as ajv compiles it
  } catch (error) {
    return [`${name}: pattern ${specPattern} does not compile with the u flag: ${(error as Error).message}`];
  }
  const aws = awsMeaning(modelPattern);
  const found: string[] = [];
  for (const probe of probeStrings(seeds)) {
    const specSays = spec.test(probe);
    if (specSays !== aws.test(probe)) {
      found.push(
        `${name}: pattern ${specPattern} ${specSays ? 'accepts' : 'rejects'} ${show(probe)}, which AWS ${specSays ? 'rejects' : 'accepts'} (model ${modelPattern})`,
      );
      if (found.length >= 3) break;
    }
  }
  if (seeds.length === 0) found.push(`${name}: no examples to probe the pattern with`);
  for (const seed of seeds) if (!aws.test(seed)) found.push(`${name}: example ${show(seed)} does not match the model pattern`);
  return found;
}

/** A probe as a readable literal: every character outside printable ASCII as an escape. */
export function show(probe: string): string {
  return `"${[...probe].map((c) => (c >= ' ' && c <= '~' ? c : `\\u{${c.codePointAt(0)!.toString(16)}}`)).join('')}"`;
}
