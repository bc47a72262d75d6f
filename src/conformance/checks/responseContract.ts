import fc from 'fast-check';
import type { Check } from '../Check.js';
import { fail } from '../expectations.js';
import { MAX_RESULTS_CAP } from '../../contract/limits.js';
import { getPage } from './jobs.js';

const INT32_MAX = 2 ** 31 - 1;

/** Page sizes within the cap and past it (a size past the cap answers at most the cap). */
const maxResults = fc.oneof(fc.integer({ min: 1, max: MAX_RESULTS_CAP }), fc.integer({ min: MAX_RESULTS_CAP + 1, max: INT32_MAX }));

export const responseContract: Check = {
  name: 'response-contract',
  oracle:
    'Every 200 answer has Content-Type application/x-amz-json-1.1, an x-amzn-RequestId header, and a body valid against the ' +
    "operation's output schema: the run's shared job started with its JobId within its pattern (positive-acceptance holds the starts of " +
    'other valid requests to the same), and GetFaceDetection on that job once finished (lifecycle reads it running) with its status, ' +
    'video and faces, whatever ' +
    'MaxResults (1, the cap of 1000 and past it to the largest int32 in every run): a JobStatus in every answer, the JobId asked for, the ' +
    "start's Video and JobTag, and never more faces than MaxResults or the cap.",
  runsWhereJobsCost: 10,
  coverage: () => [1, MAX_RESULTS_CAP, MAX_RESULTS_CAP + 1, INT32_MAX].map((n) => [n]),
  property: (context) =>
    fc.asyncProperty(maxResults, async (MaxResults) => {
      // The shared job's start was held to the contract when it started; its faces are read once it has finished.
      const job = await context.sharedJob();
      await context.finishedSharedJob();
      const { body, exchange } = await getPage(context, job, { MaxResults });
      const most = Math.min(MaxResults, MAX_RESULTS_CAP);
      if ((body.Faces?.length ?? 0) > most)
        fail('page-size', `a page of ${body.Faces!.length} faces for MaxResults ${MaxResults} (at most ${most})`, exchange);
    }),
};
