import fc from 'fast-check';
import type { Check } from '../Check.js';
import { expectSuccess, skipIfBusy } from '../expectations.js';
import { startableRequest, withUniqueToken } from './requests.js';

export const responseContract: Check = {
  name: 'response-contract',
  oracle:
    'Every 200 answer has Content-Type application/x-amz-json-1.1, an x-amzn-RequestId header, and a body valid against the ' +
    "operation's output schema: a started job's JobId within its pattern, and GetFaceDetection on that job with its status, video and faces.",
  startsJobs: true,
  jobsPerRun: 1,
  property: (context) =>
    fc.asyncProperty(startableRequest(context), fc.integer({ min: 1, max: 1000 }), async (request, MaxResults) => {
      const started = await context.target.send({ operation: 'StartFaceDetection', body: JSON.stringify(withUniqueToken(request)) });
      skipIfBusy(context, started);
      const { JobId } = expectSuccess('StartFaceDetection', started);
      if (typeof JobId !== 'string') return;
      const got = await context.target.send({ operation: 'GetFaceDetection', body: JSON.stringify({ JobId, MaxResults }) });
      skipIfBusy(context, got);
      expectSuccess('GetFaceDetection', got);
    }),
};
