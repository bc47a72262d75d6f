import fc from 'fast-check';
import type { StartFaceDetectionRequest } from '../../../generated/types.js';
import { coverageOf, type Check } from '../Check.js';
import { expectNotRefused } from '../expectations.js';
import {
  boundaryGets,
  boundaryStarts,
  getExamples,
  getFaceDetectionRequest,
  startableRequest,
  startExamples,
  withUniqueToken,
} from './requests.js';

/** A start to send: its token made unique to the send, but where the token's own value is what is tried. */
interface Start {
  request: StartFaceDetectionRequest;
  /** The token is a boundary value: sent as it is (an earlier run may have sent it with other parameters). */
  exactToken: boolean;
}

export const positiveAcceptance: Check = {
  name: 'positive-acceptance',
  oracle:
    'A request valid under the contract is never refused as invalid: StartFaceDetection on a whole video answers 200, or ' +
    'InvalidS3ObjectException for a video the endpoint cannot read (where jobs cost, every start here names one that does not exist, so a ' +
    'correct endpoint starts no job); GetFaceDetection answers 200, or ResourceNotFoundException (or InvalidPaginationTokenException) for a ' +
    'job it does not know. Neither answers ValidationException, SerializationException, InvalidParameterException or ' +
    "UnknownOperationException, and any error is one the operation declares, with its status, headers and body. Every run sends the spec's " +
    'examples and each member at each of its boundaries (each length bound, in code points and in astral ones, every character its ' +
    'pattern allows, each enum value, the integer bounds) before its random runs.',
  cases: (context) => [
    {
      name: 'StartFaceDetection',
      coverage: coverageOf([
        ...startExamples(context).map((request): Start => ({ request, exactToken: false })),
        ...boundaryStarts(context).map(
          ({ request, member }): Start => ({ request: request as StartFaceDetectionRequest, exactToken: member === 'ClientRequestToken' }),
        ),
      ]),
      property: fc.asyncProperty(
        startableRequest(context).map((request): Start => ({ request, exactToken: false })),
        async ({ request, exactToken }) => {
          if (context.jobsCost) context.jobs.claimProbe();
          const exchange = await context.target.send({
            operation: 'StartFaceDetection',
            body: JSON.stringify(exactToken ? request : withUniqueToken(context, request)),
          });
          // A token tried as it is may have been sent by an earlier run with other parameters: a mismatch is no refusal of it.
          expectNotRefused(
            'StartFaceDetection',
            exchange,
            exactToken ? ['InvalidS3ObjectException', 'IdempotentParameterMismatchException'] : ['InvalidS3ObjectException'],
          );
        },
      ),
    },
    {
      name: 'GetFaceDetection',
      coverage: coverageOf([...getExamples(), ...boundaryGets(context).map((b) => b.request)]),
      property: fc.asyncProperty(getFaceDetectionRequest(), async (request) => {
        const exchange = await context.target.send({ operation: 'GetFaceDetection', body: JSON.stringify(request) });
        expectNotRefused('GetFaceDetection', exchange, ['ResourceNotFoundException', 'InvalidPaginationTokenException']);
      }),
    },
  ],
};
