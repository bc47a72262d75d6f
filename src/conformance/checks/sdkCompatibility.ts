import * as sdk from '@aws-sdk/client-rekognition';
import fc from 'fast-check';
import { errors, type ErrorName } from '../../../generated/contract.js';
import { coverageOf, type Check, type CheckContext } from '../Check.js';
import { fail } from '../expectations.js';
import {
  getExamples,
  getFaceDetectionRequest,
  invalidRequest,
  representativeInvalidRequests,
  startableRequest,
  startExamples,
  withUniqueToken,
} from './requests.js';

type SdkError = Error & { $metadata: { httpStatusCode?: number } };

/** Sends a command; the output or the error the SDK made of the answer. */
async function outcome(
  client: sdk.RekognitionClient,
  command: unknown,
): Promise<{ output?: { JobId?: string; JobStatus?: string }; error?: SdkError; seen: string }> {
  try {
    const output = (await client.send(command as never)) as { JobId?: string; JobStatus?: string };
    return { output, seen: `success ${JSON.stringify(output)}` };
  } catch (caught) {
    // What the target threw below the SDK (a skip, a setup failure, a violation it found, the
    // network) came with no HTTP status: it is not the SDK's reading of an answer.
    if ((caught as Partial<SdkError>)?.$metadata?.httpStatusCode === undefined) throw caught;
    const error = caught as SdkError;
    if (!(error instanceof sdk.RekognitionServiceException))
      fail('sdk-parse', `the SDK failed to parse the answer: ${error.name}: ${error.message}`);
    const name = error.name as ErrorName;
    if (name in errors) {
      if (error.$metadata.httpStatusCode !== errors[name].httpStatus)
        fail(
          'sdk-error-status',
          `the SDK saw ${name} (${error.$metadata.httpStatusCode}); the contract gives ${name} status ${errors[name].httpStatus}`,
        );
    }
    return { error, seen: `${error.name} (${error.$metadata?.httpStatusCode})` };
  }
}

/** A valid start through the SDK: a new job, or where jobs cost a repeat of the shared job's start (same token, no new job). */
async function validStart(context: CheckContext, client: sdk.RekognitionClient, drawn: unknown): Promise<void> {
  const shared = context.jobsCost ? await context.sharedJob() : undefined;
  const { output, error, seen } = await outcome(
    client,
    new sdk.StartFaceDetectionCommand((shared?.request ?? withUniqueToken(context, drawn as { ClientRequestToken?: string })) as never),
  );
  if (error && !(error instanceof sdk.InvalidS3ObjectException)) fail('sdk-valid-start', `a valid start surfaced as ${seen}`);
  if (output && !/^[a-zA-Z0-9-_]{1,64}$/.test(output.JobId ?? ''))
    fail('sdk-job-id', `a valid start surfaced as ${seen}: no JobId within its pattern`);
  if (output && shared && output.JobId !== shared.JobId)
    fail('sdk-shared-repeat', `a repeat of the shared job's start surfaced as another JobId (${output.JobId}, first ${shared.JobId})`);
}

export const sdkCompatibility: Check = {
  name: 'sdk-compatibility',
  oracle:
    'The real AWS SDK for JavaScript v3 parses every answer into the right result or exception: a valid start into a JobId within its ' +
    'pattern, an invalid request into an exception with HTTP status 400 whose name is the refusal, a modelled error into its own exception ' +
    "class with the status the contract gives it. Where jobs cost, the valid start repeats the shared job's (same token: no new job).",
  cases: (context) => {
    const client = context.client();
    const invalid = (operation: 'StartFaceDetection' | 'GetFaceDetection') => async (input: unknown) => {
      const command =
        operation === 'StartFaceDetection'
          ? new sdk.StartFaceDetectionCommand(input as never)
          : new sdk.GetFaceDetectionCommand(input as never);
      const { error, seen } = await outcome(client, command);
      if (error?.$metadata.httpStatusCode !== 400)
        fail('sdk-invalid-status', `an invalid request surfaced as ${seen}, not as an exception with status 400`);
    };
    return [
      {
        name: 'valid StartFaceDetection',
        // Where jobs cost, every run repeats the shared job's start: one says it.
        coverage: context.jobsCost ? [] : coverageOf(startExamples(context)),
        property: fc.asyncProperty(startableRequest(context), (input) => validStart(context, client, input)),
      },
      {
        name: 'invalid StartFaceDetection',
        coverage: coverageOf(representativeInvalidRequests(context, 'StartFaceDetection').map((r) => r.request)),
        property: fc.asyncProperty(
          invalidRequest(context, 'StartFaceDetection').map((r) => r.request),
          invalid('StartFaceDetection'),
        ),
      },
      {
        name: 'invalid GetFaceDetection',
        coverage: coverageOf(representativeInvalidRequests(context, 'GetFaceDetection').map((r) => r.request)),
        property: fc.asyncProperty(
          invalidRequest(context, 'GetFaceDetection').map((r) => r.request),
          invalid('GetFaceDetection'),
        ),
      },
      {
        name: 'GetFaceDetection of an unknown job',
        coverage: coverageOf(getExamples()),
        property: fc.asyncProperty(getFaceDetectionRequest(), async (input) => {
          const { error, seen } = await outcome(client, new sdk.GetFaceDetectionCommand(input as never));
          if (!(error instanceof sdk.ResourceNotFoundException) && !(error instanceof sdk.InvalidPaginationTokenException))
            fail('sdk-unknown-job', `a valid GetFaceDetection of an unknown job surfaced as ${seen}`);
        }),
      },
    ];
  },
};
