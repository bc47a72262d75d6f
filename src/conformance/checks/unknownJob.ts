import fc from 'fast-check';
import { schemas } from '../../../generated/schemas.js';
import { valueOf } from '../../arbitraries/index.js';
import type { Check } from '../Check.js';
import { expectRefusal } from '../expectations.js';
import { MAX_RESULTS_CAP } from '../../contract/limits.js';

const JOB_ID_MAX = schemas.JobId!.maxLength as number;
/** Before every drawn JobId, so that it names no job of a service that numbers its jobs. */
const PREFIX = 'unknown-job-';

export const unknownJob: Check = {
  name: 'unknown-job',
  oracle:
    'GetFaceDetection of a JobId within its pattern that nobody started answers 400 ResourceNotFoundException, whatever MaxResults says ' +
    '(absent, 1, the cap and the largest int32 in every run, for a short JobId and one of the longest).',
  coverage: () =>
    ['a', 'z'.repeat(JOB_ID_MAX)].flatMap((drawn) => [undefined, 1, MAX_RESULTS_CAP, 2 ** 31 - 1].map((MaxResults) => [drawn, MaxResults])),
  property: (context) =>
    fc.asyncProperty(valueOf('JobId'), fc.option(valueOf('MaxResults'), { nil: undefined }), async (drawn, MaxResults) => {
      const JobId = (PREFIX + drawn).slice(0, JOB_ID_MAX);
      const exchange = await context.target.send({
        operation: 'GetFaceDetection',
        body: JSON.stringify({ JobId, ...(MaxResults !== undefined ? { MaxResults } : {}) }),
      });
      expectRefusal('GetFaceDetection', exchange, ['ResourceNotFoundException']);
    }),
};
