import fc from 'fast-check';
import { operations } from '../../../generated/contract.js';
import type { Check } from '../Check.js';
import { expectRefusal, skipIfBusy } from '../expectations.js';

const TARGETS = Object.values(operations).map((o) => o.target);

/** Bodies that are not JSON: cut-off objects and plain garbage. */
const malformedJson = fc.oneof(
  fc.constantFrom('{', '{"Video":', '{"Video":{}', '[', '{"JobId":"abc",}', "{'JobId':'abc'}", 'nul', '{"a":1}}', 'Video=1'),
  fc.json().map((json) => json.slice(0, -1)).filter((text) => text.length > 0 && !isJson(text)),
  fc.string({ minLength: 1, maxLength: 20 }).filter((text) => !isJson(text)),
);

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** X-Amz-Target values that name no operation of the service (null: no header at all). */
const unknownTarget: fc.Arbitrary<string | null> = fc.oneof(
  fc.constant(null),
  fc.constantFrom(...TARGETS).map((t) => t.toLowerCase()),
  fc.constantFrom(...TARGETS).map((t) => `${t}X`),
  fc.constantFrom(...TARGETS).map((t) => t.split('.')[1]!),
  fc.stringMatching(/^[A-Z][a-zA-Z]{2,20}$/).map((name) => `RekognitionService.${name}`).filter((t) => !TARGETS.includes(t)),
);

export const protocol: Check = {
  name: 'protocol',
  oracle:
    'A body that is not JSON is answered 400 SerializationException; an X-Amz-Target that is missing or names no operation is answered ' +
    '400 UnknownOperationException. Neither is answered with a JobId.',
  startsJobs: false,
  property: (context) =>
    fc.asyncProperty(
      fc.oneof(
        fc.tuple(fc.constantFrom('StartFaceDetection', 'GetFaceDetection' as const), malformedJson).map(([operation, body]) => ({ operation, body, expected: 'SerializationException' })),
        unknownTarget.map((target) => ({ target, body: '{"JobId":"abc"}', expected: 'UnknownOperationException' })),
      ),
      async (request) => {
        const exchange = await context.target.send(request);
        skipIfBusy(context, exchange);
        expectRefusal(exchange, [request.expected]);
      },
    ),
};
