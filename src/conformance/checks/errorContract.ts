import fc from 'fast-check';
import type { OperationName } from '../../contract/wire.js';
import { coverageOf, type Check } from '../Check.js';
import { expectErrorContract, fail } from '../expectations.js';
import { getExamples, getFaceDetectionRequest, invalidRequest, representativeInvalidRequests } from './requests.js';

export const errorContract: Check = {
  name: 'error-contract',
  oracle:
    "Every error answer names its error in __type (read as SDKs read it: after '#', before ':' or ','), the error is one the operation " +
    'declares, its status is the one the contract gives that error (400, or 500 for InternalServerError and ThrottlingException), its ' +
    "body is valid against that error's schema, and it carries Content-Type application/x-amz-json-1.1 and x-amzn-RequestId.",
  cases: (context) => {
    const answer = (operation: OperationName, invalid: boolean) => async (body: unknown) => {
      const exchange = await context.target.send({ operation, body: JSON.stringify(body) });
      if (exchange.response.status === 200) {
        // An invalid request must get an error; a valid one that succeeds leaves nothing to judge here.
        if (invalid) fail('invalid-accepted', `an invalid ${operation} request was answered 200`, exchange);
        fc.pre(false);
      }
      expectErrorContract(operation, exchange);
    };
    return [
      {
        name: 'StartFaceDetection',
        coverage: coverageOf(representativeInvalidRequests(context, 'StartFaceDetection').map((r) => r.request)),
        property: fc.asyncProperty(
          invalidRequest(context, 'StartFaceDetection').map((r) => r.request),
          answer('StartFaceDetection', true),
        ),
      },
      {
        name: 'GetFaceDetection',
        coverage: coverageOf([
          ...representativeInvalidRequests(context, 'GetFaceDetection').map((r) => ({ body: r.request as unknown, invalid: true })),
          ...getExamples().map((body) => ({ body: body as unknown, invalid: false })),
        ]),
        property: fc.asyncProperty(
          fc.oneof(
            invalidRequest(context, 'GetFaceDetection').map((r) => ({ body: r.request as unknown, invalid: true })),
            getFaceDetectionRequest().map((body) => ({ body: body as unknown, invalid: false })),
          ),
          ({ body, invalid }) => answer('GetFaceDetection', invalid)(body),
        ),
      },
    ];
  },
};
