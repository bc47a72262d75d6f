import fc from 'fast-check';
import type { Check } from '../Check.js';
import { expectRefusal, skipIfBusy } from '../expectations.js';
import { invalidRequestCases } from './requests.js';

export const negativeRejection: Check = {
  name: 'negative-rejection',
  oracle:
    'A request that breaks one constraint of one member (length, pattern, enum, range, a missing required member) is refused with 400 and ' +
    'ValidationException or InvalidParameterException (with --strict: ValidationException); a member of the wrong JSON type, or null, may ' +
    'also get SerializationException. No refused request is answered with a JobId. Each member and rule of both operations is a case of its own.',
  startsJobs: false,
  cases: (context) =>
    invalidRequestCases(context).map(({ name, arbitrary }) => ({
      name,
      property: fc.asyncProperty(arbitrary, async (invalid) => {
        const exchange = await context.target.send({ operation: invalid.operation, body: JSON.stringify(invalid.request) });
        skipIfBusy(context, exchange);
        const allowed = context.strict ? ['ValidationException'] : ['ValidationException', 'InvalidParameterException'];
        expectRefusal(exchange, invalid.kind === 'type' ? [...allowed, 'SerializationException'] : allowed);
      }),
    })),
};
