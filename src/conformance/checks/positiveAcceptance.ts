import fc from 'fast-check';
import type { Check } from '../Check.js';
import { expectNotRefused } from '../expectations.js';
import { getFaceDetectionRequest, startableRequest, withUniqueToken } from './requests.js';

export const positiveAcceptance: Check = {
  name: 'positive-acceptance',
  oracle:
    'A request valid under the contract is never refused as invalid: StartFaceDetection on a whole video answers 200, or ' +
    'InvalidS3ObjectException for a video the endpoint cannot read (where jobs cost, every start here names one that does not exist, so a ' +
    'correct endpoint starts no job); GetFaceDetection answers 200, or ResourceNotFoundException (or InvalidPaginationTokenException) for a ' +
    'job it does not know. Neither answers ValidationException, SerializationException, InvalidParameterException or ' +
    'UnknownOperationException, and any error is one the operation declares, with its status, headers and body.',
  startsJobs: true,
  cases: (context) => [
    {
      name: 'StartFaceDetection',
      property: fc.asyncProperty(startableRequest(context), async (request) => {
        if (context.economical) context.jobs.claimProbe();
        const exchange = await context.target.send({
          operation: 'StartFaceDetection',
          body: JSON.stringify(withUniqueToken(context, request)),
        });
        expectNotRefused('StartFaceDetection', exchange, ['InvalidS3ObjectException']);
      }),
    },
    {
      name: 'GetFaceDetection',
      property: fc.asyncProperty(getFaceDetectionRequest(), async (request) => {
        const exchange = await context.target.send({ operation: 'GetFaceDetection', body: JSON.stringify(request) });
        expectNotRefused('GetFaceDetection', exchange, ['ResourceNotFoundException', 'InvalidPaginationTokenException']);
      }),
    },
  ],
};
