import fc from 'fast-check';
import type { Check } from '../Check.js';
import { codeOf, fail, skipIfBusy } from '../expectations.js';
import { getFaceDetectionRequest, startableRequest, withUniqueToken } from './requests.js';

/** Codes that say "your request is invalid": a valid request must never get one. */
const REFUSALS = new Set(['ValidationException', 'SerializationException', 'InvalidParameterException', 'UnknownOperationException']);

export const positiveAcceptance: Check = {
  name: 'positive-acceptance',
  oracle:
    'A request valid under the contract is never refused as invalid: StartFaceDetection on a whole video answers 200 ' +
    '(or LimitExceededException when jobs pile up); GetFaceDetection answers 200 or ResourceNotFoundException for a job it does not know. ' +
    'Neither answers ValidationException, SerializationException, InvalidParameterException or UnknownOperationException.',
  startsJobs: true,
  jobsPerRun: 1,
  property: (context) =>
    fc.asyncProperty(
      fc.oneof(
        startableRequest(context).map((body) => ({ operation: 'StartFaceDetection' as const, body })),
        getFaceDetectionRequest().map((body) => ({ operation: 'GetFaceDetection' as const, body })),
      ),
      async ({ operation, body }) => {
        const exchange = await context.target.send({ operation, body: JSON.stringify(operation === 'StartFaceDetection' ? withUniqueToken(body) : body) });
        skipIfBusy(context, exchange);
        const { status } = exchange.response;
        const code = codeOf(exchange);
        if (status === 200) return;
        if (code && REFUSALS.has(code)) fail(`a valid ${operation} request was refused: ${status} ${code}`, exchange);
        const allowed = operation === 'StartFaceDetection' ? ['LimitExceededException'] : ['ResourceNotFoundException'];
        if (!code || !allowed.includes(code)) fail(`a valid ${operation} request got ${status} ${code ?? '(no error code)'}`, exchange);
      },
    ),
};
