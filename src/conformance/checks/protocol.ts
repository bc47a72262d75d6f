import fc from 'fast-check';
import { operations } from '../../../generated/contract.js';
import type { OperationName } from '../../contract/wire.js';
import { coverageOf, type Check, type CheckCase, type CheckContext } from '../Check.js';
import { codeOf, jsonOf, type Exchange } from '../Exchange.js';
import { expectErrorContract, expectRefusal, expectSuccess, fail } from '../expectations.js';
import { protocolCases, type ProtocolCase } from '../protocolCases.js';
import { NULL_RULE } from '../../arbitraries/requests.js';
import { refusalsOf } from './negativeRejection.js';
import { nullMemberCases } from './requests.js';

const TARGETS = Object.values(operations).map((o) => o.target);

/** Bodies that are not JSON, each sent to both operations in every run: cut-off objects and plain garbage. */
const MALFORMED_BODIES = ['{', '{"Video":', '{"Video":{}', '[', '{"JobId":"abc",}', "{'JobId':'abc'}", 'nul', '{"a":1}}', 'Video=1'];
const OPERATIONS: OperationName[] = ['StartFaceDetection', 'GetFaceDetection'];

const malformedJson = fc.oneof(
  fc.constantFrom(...MALFORMED_BODIES),
  fc
    .json()
    .map((json) => json.slice(0, -1))
    .filter((text) => text.length > 0 && !isJson(text)),
  fc.string({ minLength: 1, maxLength: 20 }).filter((text) => !isJson(text)),
);

const isJson = (text: string) => jsonOf(text) !== undefined;

/** X-Amz-Target values near each operation's own, each sent in every run (null: no header at all). */
const NEAR_TARGETS: (string | null)[] = [
  null,
  '',
  ...TARGETS.flatMap((t) => [t.toLowerCase(), `${t}X`, t.split('.')[1]!, t.replace('.', '_')]),
];

/** X-Amz-Target values that name no operation of the service (null: no header at all). */
const unknownTarget: fc.Arbitrary<string | null> = fc.oneof(
  fc.constant(null),
  fc.constantFrom(...TARGETS).map((t) => t.toLowerCase()),
  fc.constantFrom(...TARGETS).map((t) => `${t}X`),
  fc.constantFrom(...TARGETS).map((t) => t.split('.')[1]!),
  fc
    .stringMatching(/^[A-Z][a-zA-Z]{2,20}$/)
    .map((name) => `RekognitionService.${name}`)
    .filter((t) => !TARGETS.includes(t)),
);

/** The refusals an endpoint may answer a member sent as null with, where the contract leaves it the choice. */
const NULL_REFUSALS = refusalsOf({ kind: 'required', rule: NULL_RULE }, false);

/** One of Smithy's protocol tests, as the table has it: the strict answer, and without --strict the lenient ones. */
function protocolCase(context: CheckContext, c: ProtocolCase): CheckCase {
  const send = (body: string, contentType?: string) =>
    context.target.send({ operation: c.operation, body, ...(contentType ? { contentType } : {}) });
  return {
    name: `${c.name} (${c.source.tests[0]})`,
    // One fixed request: its coverage, and no random run.
    coverage: coverageOf([c]),
    maxRuns: 0,
    property: fc.asyncProperty(fc.constant(c), async () => {
      const exchange = await send(c.body, c.contentType);
      const lenient = context.strict ? [] : (c.lenient ?? []);
      if ('codes' in c.expect) return void expectRefusal(c.operation, exchange, [...c.expect.codes, ...lenient]);
      if (lenient.length && exchange.response.status === 400 && lenient.includes(codeOf(exchange) ?? ''))
        return void expectRefusal(c.operation, exchange, lenient);
      const twin = await send(c.expect.sameAs);
      if (fromFetchResponse(exchange) !== fromFetchResponse(twin))
        fail(
          'protocol-twin',
          `answered ${fromFetchResponse(exchange)}, where the same request read as the protocol reads it (${c.expect.sameAs}) is answered ${fromFetchResponse(twin)}`,
          exchange,
        );
    }),
  };
}

/** The request without the member at `path` (`Video.S3Object`): what a member sent as null reads as. */
function without(request: Record<string, unknown>, path: string): Record<string, unknown> {
  const [key, ...rest] = path.split('.') as [string, ...string[]];
  const { [key]: member, ...others } = request;
  if (rest.length === 0) return others;
  return { ...others, [key]: without(member as Record<string, unknown>, rest.join('.')) };
}

const fromFetchResponse = (e: Exchange) => `${e.response.status} ${codeOf(e) ?? ''}`.trim();

/**
 * A member sent as null: read as absent, the protocol tests' reading (and with --strict the only
 * one): answered as the same request without the member is; or, without --strict, refused with
 * 400 (a reading the contract leaves AWS).
 */
function nullMemberCase(context: CheckContext, { name, arbitrary, coverage }: ReturnType<typeof nullMemberCases>[number]): CheckCase {
  return {
    name,
    coverage: coverageOf(coverage),
    // One fact of the wire, whatever the rest of the request: a few runs tell it.
    maxRuns: 5,
    property: fc.asyncProperty(arbitrary, async ({ operation, request, member, required }) => {
      // An optional member sent as null leaves a valid start: where jobs cost, one on the probe video.
      if (context.jobsCost && operation === 'StartFaceDetection' && !required) context.jobs.claimProbe();
      const exchange = await context.target.send({ operation, body: JSON.stringify(request) });
      if (required) return void expectRefusal(operation, exchange, refusalsOf({ kind: 'required', rule: NULL_RULE }, context.strict));
      if (!context.strict && exchange.response.status === 400 && NULL_REFUSALS.includes(codeOf(exchange) ?? ''))
        return void expectRefusal(operation, exchange, NULL_REFUSALS);
      // Taken as a valid request: read as absent (a twin would be the same request, and another job).
      if (exchange.response.status === 200) return void expectSuccess(operation, exchange);
      const twin = await context.target.send({ operation, body: JSON.stringify(without(request, member)) });
      if (fromFetchResponse(exchange) !== fromFetchResponse(twin)) {
        fail(
          'null-not-absent',
          `${member} sent as null was answered ${fromFetchResponse(exchange)}, the same request without it ${fromFetchResponse(twin)}: null is not read as absent`,
          exchange,
        );
      }
      expectErrorContract(operation, exchange);
    }),
  };
}

export const protocol: Check = {
  name: 'protocol',
  oracle:
    "The awsJson1_1 wire as Smithy's protocol compliance tests have it (each case names its test, the table in protocolCases.ts its file " +
    'and commit): a body that is not JSON is answered 400 SerializationException; an X-Amz-Target that is missing or names no operation ' +
    '400 UnknownOperationException; a value that cannot be read (a string or a float for an integer, an int32 that overflows) ' +
    'SerializationException; a member sent as null is read as absent (an optional one leaves a valid request, a required one a missing ' +
    'member: ValidationException). Without --strict, what the contract leaves AWS is accepted too: a 400 refusal of a null member, ' +
    'ValidationException or InvalidParameterException for a value that cannot be read. No refusal carries a JobId.',
  cases: (context) => [
    {
      name: 'body not JSON',
      coverage: coverageOf(OPERATIONS.flatMap((operation) => MALFORMED_BODIES.map((body) => [operation, body]))),
      property: fc.asyncProperty(fc.tuple(fc.constantFrom(...OPERATIONS), malformedJson), async ([operation, body]) => {
        expectRefusal(operation, await context.target.send({ operation, body }), ['SerializationException']);
      }),
    },
    {
      name: 'X-Amz-Target missing or unknown',
      coverage: coverageOf(NEAR_TARGETS),
      property: fc.asyncProperty(unknownTarget, async (target) => {
        expectRefusal(undefined, await context.target.send({ target, body: '{"JobId":"abc"}' }), ['UnknownOperationException']);
      }),
    },
    ...nullMemberCases(context).map((c) => nullMemberCase(context, c)),
    ...protocolCases.map((c) => protocolCase(context, c)),
  ],
};
