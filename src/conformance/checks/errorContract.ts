import fc from 'fast-check';
import type { OperationName } from '../../wire.js';
import type { Check } from '../Check.js';
import { expectErrorContract } from '../expectations.js';
import { getFaceDetectionRequest, invalidRequest } from './requests.js';

export const errorContract: Check = {
  name: 'error-contract',
  oracle:
    "Every error answer names its error in __type (read as SDKs read it: after '#', before ':' or ','), the error is one the operation " +
    'declares, its status is the one the contract gives that error (400, or 500 for InternalServerError and ThrottlingException), its ' +
    "body is valid against that error's schema, and it carries Content-Type application/x-amz-json-1.1 and x-amzn-RequestId.",
  startsJobs: false,
  cases: (context) => {
    const answer = (operation: OperationName) => async (body: unknown) => {
      const exchange = await context.target.send({ operation, body: JSON.stringify(body) });
      if (exchange.response.status === 200) return; // a success is the other checks' business
      expectErrorContract(operation, exchange);
    };
    return [
      {
        name: 'StartFaceDetection',
        property: fc.asyncProperty(invalidRequest(context, 'StartFaceDetection').map((r) => r.request), answer('StartFaceDetection')),
      },
      {
        name: 'GetFaceDetection',
        property: fc.asyncProperty(
          fc.oneof(invalidRequest(context, 'GetFaceDetection').map((r) => r.request as unknown), getFaceDetectionRequest()),
          answer('GetFaceDetection'),
        ),
      },
    ];
  },
};
