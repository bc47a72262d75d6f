import fc from 'fast-check';
import type { Check } from '../Check.js';
import { expectSuccess } from '../expectations.js';
import { MAX_RESULTS_CAP } from '../../contract/limits.js';

export const responseContract: Check = {
  name: 'response-contract',
  oracle:
    'Every 200 answer has Content-Type application/x-amz-json-1.1, an x-amzn-RequestId header, and a body valid against the ' +
    "operation's output schema: the run's shared job started with its JobId within its pattern (positive-acceptance holds the starts of " +
    'other valid requests to the same), and GetFaceDetection on that job, running or finished, with its status, video and faces, whatever MaxResults.',
  startsJobs: true,
  economicalRuns: 10,
  property: (context) =>
    fc.asyncProperty(fc.integer({ min: 1, max: MAX_RESULTS_CAP }), async (MaxResults) => {
      // The shared job's start was held to the contract when it started.
      const { JobId } = await context.sharedJob();
      const got = await context.target.send({ operation: 'GetFaceDetection', body: JSON.stringify({ JobId, MaxResults }) });
      expectSuccess('GetFaceDetection', got);
    }),
};
