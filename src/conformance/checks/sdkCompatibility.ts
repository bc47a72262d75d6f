import * as sdk from '@aws-sdk/client-rekognition';
import fc from 'fast-check';
import { errors, type ErrorName } from '../../../generated/contract.js';
import type { Check } from '../Check.js';
import { fail } from '../expectations.js';
import { RETRYABLE_ERRORS } from '../httpTarget.js';
import { getFaceDetectionRequest, invalidRequest, startableRequest, withUniqueToken } from './requests.js';


export const sdkCompatibility: Check = {
  name: 'sdk-compatibility',
  oracle:
    'The real AWS SDK for JavaScript v3 parses every answer into the right result or exception: a valid start into a JobId within its ' +
    'pattern, an invalid request into an exception with HTTP status 400 whose name is the refusal, a modelled error into its own exception ' +
    'class with the status the contract gives it.',
  startsJobs: true,
  jobsPerRun: 1,
  property: (context) => {
    const client = context.target.client();
    return fc.asyncProperty(
      fc.oneof(
        startableRequest(context).map((input) => ({ kind: 'start' as const, input: input as unknown })),
        invalidRequest(context).map((r) => ({ kind: r.operation === 'StartFaceDetection' ? ('invalid-start' as const) : ('invalid-get' as const), input: r.request as unknown })),
        getFaceDetectionRequest().map((input) => ({ kind: 'get' as const, input: input as unknown })),
      ),
      async ({ kind, input }) => {
        const command = kind === 'start' ? new sdk.StartFaceDetectionCommand(withUniqueToken(input as { ClientRequestToken?: string }) as never) : kind === 'invalid-start' ? new sdk.StartFaceDetectionCommand(input as never) : new sdk.GetFaceDetectionCommand(input as never);
        let output: { JobId?: string; JobStatus?: string } | undefined;
        let error: (Error & { $metadata: { httpStatusCode?: number } }) | undefined;
        try {
          output = (await client.send(command as never)) as typeof output;
        } catch (caught) {
          error = caught as typeof error;
        }
        if (error && RETRYABLE_ERRORS.has(error.name) && !context.target.local) fc.pre(false);
        const seen = error ? `${error.name} (${error.$metadata?.httpStatusCode})` : `success ${JSON.stringify(output)}`;
        if (error && !(error instanceof sdk.RekognitionServiceException)) fail(`the SDK failed to parse the answer: ${error.name}: ${error.message}`);
        const name = error?.name as ErrorName | undefined;
        if (name && name in errors) {
          if (errors[name].modelled && !(error instanceof (sdk as unknown as Record<string, new () => Error>)[name]!)) fail(`${name} did not surface as the SDK's ${name} class`);
          if (error!.$metadata.httpStatusCode !== errors[name].httpStatus) fail(`the SDK saw ${seen}; the contract gives ${name} status ${errors[name].httpStatus}`);
        }
        if (kind === 'start') {
          if (error && error.name !== 'LimitExceededException') fail(`a valid start surfaced as ${seen}`);
          if (output && !/^[a-zA-Z0-9-_]{1,64}$/.test(output.JobId ?? '')) fail(`a valid start surfaced as ${seen}: no JobId within its pattern`);
        } else if (kind === 'get') {
          if (error && !(error instanceof sdk.ResourceNotFoundException)) fail(`a valid GetFaceDetection of an unknown job surfaced as ${seen}`);
        } else if (!error || error.$metadata.httpStatusCode !== 400) {
          fail(`an invalid request surfaced as ${seen}, not as an exception with status 400`);
        }
      },
    );
  },
};
