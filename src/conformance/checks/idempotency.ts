import fc from 'fast-check';
import { valueOf } from '../../arbitraries/index.js';
import type { Check } from '../Check.js';
import { expectRefusal, expectSuccess, fail, skipIfBusy } from '../expectations.js';
import { startableRequest, withUniqueToken } from './requests.js';

/** The same JSON object with its members in reverse order, at every level. */
function reordered(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reordered(v)]));
}

export const idempotency: Check = {
  name: 'idempotency',
  oracle:
    'StartFaceDetection with a ClientRequestToken: the same token and parameters (members in any order) answer the same JobId; the same ' +
    'token with other parameters answers 400 IdempotentParameterMismatchException and no JobId; another token starts another job with another JobId.',
  startsJobs: true,
  jobsPerRun: 2,
  property: (context) =>
    fc.asyncProperty(
      startableRequest(context, { withToken: true }),
      valueOf('JobTag') as fc.Arbitrary<string>,
      valueOf('ClientRequestToken') as fc.Arbitrary<string>,
      async (drawn, otherTag, otherToken) => {
        const request = withUniqueToken(drawn);
        fc.pre(otherTag !== request.JobTag);
        const send = async (body: unknown) => {
          const exchange = await context.target.send({ operation: 'StartFaceDetection', body: JSON.stringify(body) });
          skipIfBusy(context, exchange);
          return exchange;
        };
        const first = await send(request);
        const { JobId } = expectSuccess('StartFaceDetection', first);
        const repeat = await send(reordered(request));
        const again = expectSuccess('StartFaceDetection', repeat).JobId;
        if (again !== JobId) fail(`the same token and parameters answered another JobId (${again}, first ${JobId})`, repeat);
        const mismatch = await send({ ...request, JobTag: otherTag });
        expectRefusal(mismatch, ['IdempotentParameterMismatchException']);
        const other = await send(withUniqueToken({ ...request, ClientRequestToken: otherToken }));
        const otherId = expectSuccess('StartFaceDetection', other).JobId;
        if (otherId === JobId) fail(`another token answered the same JobId ${JobId}`, other);
      },
    ),
};
