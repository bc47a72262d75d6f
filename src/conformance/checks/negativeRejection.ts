import fc from 'fast-check';
import { NULL_RULE, type InvalidRequest } from '../../arbitraries/requests.js';
import { coverageOf, type Check } from '../Check.js';
import { expectRefusal } from '../expectations.js';
import { invalidRequestCases } from './requests.js';

/**
 * The codes a broken rule may be refused with. With --strict, the protocol tests' own answer:
 * SerializationException for a value that cannot be read (a wrong JSON type, an integer past
 * int32), ValidationException for a broken constraint, a required member sent as null included.
 * Without it, what the contract leaves open: ValidationException or InvalidParameterException for
 * a constraint (AWS's choice is unverified), and any of the three for a value that cannot be read
 * or a member sent as null (a server may refuse null as a wrong type).
 */
export function refusalsOf({ kind, rule }: Pick<InvalidRequest, 'kind' | 'rule'>, strict: boolean): string[] {
  const unreadable = kind === 'type' || kind === 'overflow';
  if (strict) return unreadable ? ['SerializationException'] : ['ValidationException'];
  return unreadable || rule === NULL_RULE
    ? ['ValidationException', 'InvalidParameterException', 'SerializationException']
    : ['ValidationException', 'InvalidParameterException'];
}

export const negativeRejection: Check = {
  name: 'negative-rejection',
  oracle:
    'A request that breaks one constraint of one member (length, pattern, enum, range, a missing required member or one sent as null), ' +
    'or sends a value that cannot be read, ' +
    'is refused with 400 and ValidationException or InvalidParameterException, and no JobId; a value that cannot be read (a wrong JSON type, ' +
    'an integer past int32) or a required member sent as null may also get SerializationException. With --strict, as the protocol tests ' +
    'have it: SerializationException for a value that cannot be read, ValidationException for any other. Each member and rule of both ' +
    'operations is a case of its own, and sends every boundary value of its rule (each forbidden character at the start, middle and end, each ' +
    'bound ±1, each enum near-miss, each wrong JSON type) before its random runs.',
  cases: (context) =>
    invalidRequestCases(context).map(({ name, arbitrary, coverage }) => ({
      name,
      coverage: coverageOf(coverage),
      property: fc.asyncProperty(arbitrary, async (invalid) => {
        const exchange = await context.target.send({ operation: invalid.operation, body: JSON.stringify(invalid.request) });
        expectRefusal(invalid.operation, exchange, refusalsOf(invalid, context.strict));
      }),
    })),
};
