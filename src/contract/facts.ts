// Every fact the contract fixes, derived from the spec: each rule of each request member (its
// schemas), each error's status and body, the headers and media type of every answer, what a 200
// answer is valid against and which of its members are always there or echo a request
// (x-aws-always-present, x-aws-echo), idempotency (x-aws-idempotency), limits (x-aws-limits),
// and what no schema can say (x-aws-behaviour). Change the spec and the list follows; the
// conformance suite's coverage matrix names the check that asserts each, or why none can.
import {
  alwaysPresent,
  answerContentTypes,
  answerHeaders,
  behaviour,
  echoes,
  errors,
  idempotency,
  limits,
  operations,
  type ErrorName,
} from '../../generated/contract.js';
import type { SpecSchema } from '../../generated/schemas.js';
import type { OperationName } from './wire.js';
import { membersOf, type StructureMember } from './specSchema.js';

export type FactArea = 'protocol' | 'request member' | 'null member' | 'error' | 'answer' | 'idempotency' | 'limit' | 'behaviour';

/**
 * The facts of the wire the spec states in words (its description's sections on the protocol,
 * errors, null and patterns), as Smithy's protocol tests fix them: no schema holds them.
 */
export const PROTOCOL_FACTS = {
  malformedBody: {
    id: 'awsJson1_1: a body that is not JSON',
    statement: 'A body that is not a JSON object is answered 400 SerializationException.',
    source: '#/info/description (Errors)',
  },
  unknownTarget: {
    id: 'awsJson1_1: X-Amz-Target missing or unknown',
    statement: 'A call whose X-Amz-Target is missing or names no operation is answered 400 UnknownOperationException.',
    source: '#/info/description (Wire protocol)',
  },
  brokenConstraint: {
    id: 'awsJson1_1: a broken constraint',
    statement:
      "A value that breaks a member's constraint is answered 400 ValidationException; InvalidParameterException too, which one Rekognition sends being unverified.",
    source: '#/info/description (Errors)',
  },
  unreadableValue: {
    id: 'awsJson1_1: a value that cannot be read',
    statement:
      'A member of the wrong JSON type, or an integer past its format, is answered 400 SerializationException (with the protocol tests; a refusal as a broken constraint is allowed without --strict).',
    source: '#/info/description (Errors)',
  },
  contentTypeParameters: {
    id: 'awsJson1_1: Content-Type parameters',
    statement: 'Parameters of the media type (`application/x-amz-json-1.1; charset=utf-8`) are ignored.',
    source: '#/info/description (Wire protocol)',
  },
  codePoints: {
    id: 'awsJson1_1: lengths in code points',
    statement: 'Lengths count Unicode code points: an astral character is one, not two UTF-16 units or four bytes.',
    source: '#/info/description (Patterns)',
  },
  sigv4: {
    id: 'SigV4: every call signed',
    statement:
      'A call without a valid SigV4 signature (signing name rekognition) is refused with an authentication error and starts nothing.',
    source: '#/components/securitySchemes/sigv4',
  },
} as const;

/** One fact of the contract. */
export interface ContractFact {
  /** Unique and stable: `StartFaceDetection ClientRequestToken: maxLength 64`, `error ThrottlingException: status 500`. */
  id: string;
  area: FactArea;
  /** What every correct endpoint does, in words. */
  statement: string;
  /** Where the spec says it: a JSON Pointer into spec/openapi.yaml. */
  source: string;
}

/** The keywords of a request member's schema that make a rule, each a fact: what a value that breaks it is, and the pointer suffix. */
export type RuleKeyword = 'required' | 'type' | 'minLength' | 'maxLength' | 'pattern' | 'enum' | 'minimum' | 'maximum' | 'format';

/** A member of an operation's input: its keys from the root, its schema, and whether its parent requires it. */
export interface InputMember extends StructureMember {
  operation: OperationName;
}

const OPERATIONS = Object.keys(operations) as OperationName[];

let members: readonly InputMember[] | undefined;

/** Every member of each operation's input, nested structures' members included, in the schemas' order. */
export function inputMembers(): readonly InputMember[] {
  members ??= walkInputs();
  return members;
}

function walkInputs(): InputMember[] {
  return OPERATIONS.flatMap((operation) => membersOf(operations[operation].input).map((member) => ({ operation, ...member })));
}

/** The id of the fact of one rule of a member: `StartFaceDetection Video.S3Object.Bucket: minLength 3`. */
export function memberFactId(operation: OperationName, member: string, keyword: RuleKeyword): string {
  const schema = inputMembers().find((m) => m.operation === operation && m.keys.join('.') === member)?.schema;
  if (!schema) throw new TypeError(`${operation} has no member ${member}`);
  return `${operation} ${member}: ${ruleOf(schema, keyword)}`;
}

/** The id of the fact that a member sent as null is read as absent. */
export const nullFactId = (operation: OperationName, member: string) => `${operation} ${member}: null read as absent`;
/** The ids of an error's facts: its status, and its body. */
export const errorStatusFactId = (error: ErrorName) => `error ${error}: status ${errors[error].httpStatus}`;
export const errorBodyFactId = (error: ErrorName) => `error ${error}: body`;
/** The ids of facts of a behaviour, an idempotency case or a limit of an operation, by its name in the spec. */
export const behaviourFactId = (operation: OperationName, name: string) => `${operation} behaviour: ${name}`;
export const idempotencyFactId = (operation: OperationName, name: string) => `${operation} idempotency: ${name}`;
export const limitFactId = (operation: OperationName, name: string) => `${operation} limit: ${name}`;
/** The ids of the facts of a 200 answer: valid against its output, a member always present, a member echoing a request's. */
export const answerSchemaFactId = (operation: OperationName) => `${operation} answer: valid against ${operations[operation].output}`;
export const alwaysPresentFactId = (operation: OperationName, member: string) => `${operation} answer: ${member} always present`;
export const echoFactId = (operation: OperationName, member: string) =>
  `${operation} answer: ${member} echoes ${echoes[operation][member]}`;
/** The ids of the facts every answer keeps: a header, the media type. */
export const answerHeaderFactId = (header: string) => `every answer: header ${header}`;
export const answerContentTypeFactId = (type: string) => `every answer: Content-Type ${type}`;

/** The rule a keyword of a schema makes, as a fact names it: `maxLength 64`, `type integer`, `int32`. */
function ruleOf(schema: SpecSchema, keyword: RuleKeyword): string {
  switch (keyword) {
    case 'required':
    case 'pattern':
    case 'enum':
      return keyword;
    case 'format':
      return String(schema.format);
    case 'type':
      return `type ${schema.type}`;
    default:
      return `${keyword} ${schema[keyword]}`;
  }
}

/** The keywords of a member that make rules: its type, its constraints, required where its parent requires it. */
export function ruleKeywordsOf(member: InputMember): RuleKeyword[] {
  const keywords: RuleKeyword[] = member.required ? ['required', 'type'] : ['type'];
  for (const keyword of ['minLength', 'maxLength', 'pattern', 'enum', 'minimum', 'maximum'] as const)
    if (member.schema[keyword] !== undefined) keywords.push(keyword);
  if (member.schema.format === 'int32' || member.schema.format === 'int64') keywords.push('format');
  return keywords;
}

/**
 * Why a rule's break cannot show alone, if it cannot: a minimum length of 1 beside a pattern of
 * `+`, which refuses the empty string itself. Such a rule is asserted (the empty string is sent
 * and refused), but no endpoint can break it without breaking the pattern too.
 */
export function impliedRuleOf(member: Pick<InputMember, 'schema'>, keyword: RuleKeyword): string | undefined {
  const { schema } = member;
  if (keyword === 'minLength' && (schema.minLength ?? 0) <= 1 && typeof schema.pattern === 'string' && schema.pattern.endsWith('+$'))
    return `the only shorter value, the empty string, breaks its pattern ${schema.pattern} too: no endpoint can break the length alone`;
  return undefined;
}

const pointer = (...segments: string[]) => `#/${segments.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
const pathOf = (operation: OperationName) => `/#X-Amz-Target=${operations[operation].target}`;

function ruleStatement(member: InputMember, keyword: RuleKeyword): string {
  const name = `${member.operation}'s ${member.keys.join('.')}`;
  const s = member.schema;
  switch (keyword) {
    case 'required':
      return `${name} is required: a request without it, or with it null, is refused with 400.`;
    case 'type':
      return `${name} is a JSON ${s.type}: any other JSON type is refused with 400 (SerializationException, the value cannot be read).`;
    case 'minLength':
      return `${name} is at least ${s.minLength} code points long: shorter is refused with 400, ${s.minLength} is accepted.`;
    case 'maxLength':
      return `${name} is at most ${s.maxLength} code points long: longer is refused with 400, ${s.maxLength} (in astral code points too) is accepted.`;
    case 'pattern':
      return `${name} matches ${s.pattern} as a whole: any other value is refused with 400, every value it matches is accepted.`;
    case 'enum':
      return `${name} is one of ${(s.enum as unknown[]).join(', ')}, exactly: a near miss (other case, padding, another word) is refused with 400.`;
    case 'minimum':
      return `${name} is at least ${s.minimum}: less is refused with 400.`;
    case 'maximum':
      return `${name} is at most ${s.maximum}: more is refused with 400.`;
    default:
      return `${name} is an ${s.format}: a value past its range cannot be read (400 SerializationException).`;
  }
}

/** Every fact the contract fixes, in a fixed order. */
export function contractFacts(): ContractFact[] {
  const facts: ContractFact[] = Object.values(PROTOCOL_FACTS).map((fact) => ({ ...fact, area: 'protocol' as const }));
  for (const member of inputMembers()) {
    const member_ = member.keys.join('.');
    const schemaPointer = pointer(
      'components',
      'schemas',
      operations[member.operation].input,
      'properties',
      ...member.keys.flatMap((k, i) => (i === 0 ? [k] : ['properties', k])),
    );
    for (const keyword of ruleKeywordsOf(member))
      facts.push({
        id: memberFactId(member.operation, member_, keyword),
        area: 'request member',
        statement: ruleStatement(member, keyword),
        source: schemaPointer,
      });
    facts.push({
      id: nullFactId(member.operation, member_),
      area: 'null member',
      statement: member.required
        ? `${member.operation}'s ${member_} sent as null is read as absent: a missing required member, refused with 400.`
        : `${member.operation}'s ${member_} sent as null is read as absent: the request is answered as the same request without it.`,
      source: schemaPointer,
    });
  }
  for (const error of Object.keys(errors) as ErrorName[]) {
    const source = pointer('components', 'schemas', error);
    facts.push(
      {
        id: errorStatusFactId(error),
        area: 'error',
        statement: `${error} is answered with HTTP status ${errors[error].httpStatus}.`,
        source: `${source}/x-aws-error`,
      },
      {
        id: errorBodyFactId(error),
        area: 'error',
        statement: `${error}'s body is valid against its schema: __type names it (after any \`ns#\`, before any \`:\`)${errors[error].modelled ? ', beside Message, Code and Logref' : ''}.`,
        source,
      },
    );
  }
  for (const header of answerHeaders)
    facts.push({
      id: answerHeaderFactId(header),
      area: 'answer',
      statement: `Every answer, success or error, carries the header ${header}.`,
      source: pointer('components', 'headers'),
    });
  for (const type of answerContentTypes)
    facts.push({
      id: answerContentTypeFactId(type),
      area: 'answer',
      statement: `Every answer, success or error, is ${type}.`,
      source: '#/paths',
    });
  for (const operation of OPERATIONS) {
    const output = operations[operation].output;
    facts.push({
      id: answerSchemaFactId(operation),
      area: 'answer',
      statement: `Every 200 answer to ${operation} is valid against ${output}.`,
      source: pointer('components', 'schemas', output),
    });
    for (const member of alwaysPresent[operation])
      facts.push({
        id: alwaysPresentFactId(operation, member),
        area: 'answer',
        statement: `Every 200 answer to ${operation} carries ${member}.`,
        source: pointer('components', 'schemas', output, 'properties', member, 'x-aws-always-present'),
      });
    for (const [member, from] of Object.entries(echoes[operation]))
      facts.push({
        id: echoFactId(operation, member),
        area: 'answer',
        statement: `Every 200 answer to ${operation} carries ${member} equal to ${from} of ${from.startsWith(operations[operation].input) ? 'the call' : 'the start of the job it names'}, and none where that was absent.`,
        source: pointer('components', 'schemas', output, 'properties', member, 'x-aws-echo'),
      });
    for (const [name, answer] of Object.entries(idempotency[operation]).filter(([name]) => name !== 'token'))
      facts.push({
        id: idempotencyFactId(operation, name),
        area: 'idempotency',
        statement: `${operation} ${name === 'noToken' ? 'without a ClientRequestToken' : `with ${name.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)}`}: ${answer}.`,
        source: pointer('paths', pathOf(operation), 'post', 'x-aws-idempotency', name),
      });
    for (const [name, value] of Object.entries(limits[operation]))
      facts.push({
        id: limitFactId(operation, name),
        area: 'limit',
        statement: `${operation}: ${name} is ${value}.`,
        source: pointer('paths', pathOf(operation), 'post', 'x-aws-limits', name),
      });
    for (const [name, statement] of Object.entries(behaviour[operation]))
      facts.push({
        id: behaviourFactId(operation, name),
        area: 'behaviour',
        statement,
        source: pointer('paths', pathOf(operation), 'post', 'x-aws-behaviour', name),
      });
  }
  return facts;
}
