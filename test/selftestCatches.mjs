// What catches each fault mode, by reason: the check (and case) that must find it, and the finding
// (its rule, src/conformance/findings.ts) it must raise, on every seed of test/selftest.ts. A mode
// may name several; other checks that catch it too are not required (npm run bench reports them).
// Every rule an oracle can raise is named by at least one mode here
// (test/conformance-selftest.test.ts), so no branch of an oracle goes unseen. Plain JavaScript, typed
// by selftestCatches.d.mts: the bench reads it too.

/** @type {import('./selftestCatches.d.mts').Catches} */
export const CATCHES = {
  'token-maxLength-plus-one': [
    { check: 'negative-rejection', case: 'StartFaceDetection ClientRequestToken: maxLength+1', rule: 'invalid-accepted' },
  ],
  'token-maxLength-minus-one': [{ check: 'positive-acceptance', case: 'StartFaceDetection', rule: 'valid-refused' }],
  'jobTag-maxLength-plus-one': [{ check: 'negative-rejection', case: 'StartFaceDetection JobTag: maxLength+1', rule: 'invalid-accepted' }],
  'jobTag-maxLength-minus-one': [{ check: 'positive-acceptance', case: 'StartFaceDetection', rule: 'valid-refused' }],
  'bucket-minLength-minus-one': [
    { check: 'negative-rejection', case: 'StartFaceDetection Video.S3Object.Bucket: minLength-1', rule: 'invalid-accepted' },
  ],
  'bucket-minLength-plus-one': [{ check: 'positive-acceptance', case: 'StartFaceDetection', rule: 'valid-refused' }],
  'objectName-length-in-utf16-units': [{ check: 'positive-acceptance', case: 'StartFaceDetection', rule: 'valid-refused' }],
  'token-pattern-unanchored-end': [
    {
      check: 'negative-rejection',
      case: 'StartFaceDetection ClientRequestToken: forbidden character at the middle',
      rule: 'invalid-accepted',
    },
  ],
  'token-pattern-unanchored-start': [
    {
      check: 'negative-rejection',
      case: 'StartFaceDetection ClientRequestToken: forbidden character at the start',
      rule: 'invalid-accepted',
    },
  ],
  'jobTag-pattern-unanchored': [
    { check: 'negative-rejection', case: 'StartFaceDetection JobTag: forbidden character at the start', rule: 'invalid-accepted' },
  ],
  'roleArn-pattern-unanchored': [
    {
      check: 'negative-rejection',
      case: 'StartFaceDetection NotificationChannel.RoleArn: forbidden character at the start',
      rule: 'invalid-accepted',
    },
  ],
  'jobTag-pattern-too-strict': [{ check: 'positive-acceptance', case: 'StartFaceDetection', rule: 'valid-refused' }],
  'faceAttributes-case-folding': [
    { check: 'negative-rejection', case: 'StartFaceDetection FaceAttributes: enum other case', rule: 'invalid-accepted' },
  ],
  'faceAttributes-trimming': [
    { check: 'negative-rejection', case: 'StartFaceDetection FaceAttributes: enum padded', rule: 'invalid-accepted' },
  ],
  'video-not-required': [
    { check: 'negative-rejection', case: 'StartFaceDetection Video: required member missing', rule: 'invalid-accepted' },
  ],
  'roleArn-not-required': [
    {
      check: 'negative-rejection',
      case: 'StartFaceDetection NotificationChannel.RoleArn: required member missing',
      rule: 'invalid-accepted',
    },
  ],
  'maxResults-minimum-zero': [{ check: 'negative-rejection', case: 'GetFaceDetection MaxResults: minimum-1', rule: 'refusal-code' }],
  'jobId-maxLength-plus-one': [{ check: 'negative-rejection', case: 'GetFaceDetection JobId: maxLength+1', rule: 'refusal-code' }],
  'nextToken-maxLength-plus-one': [{ check: 'negative-rejection', case: 'GetFaceDetection NextToken: maxLength+1', rule: 'refusal-code' }],
  'idempotency-ignored': [
    { check: 'idempotency', case: 'same token, same parameters', rule: 'idempotent-repeat' },
    { check: 'sdk-compatibility', case: 'valid StartFaceDetection', rule: 'sdk-shared-repeat', jobsCost: true },
  ],
  'mismatch-not-detected': [{ check: 'idempotency', case: 'same token, other parameters', rule: 'invalid-accepted' }],
  'jobId-outside-pattern': [{ check: 'positive-acceptance', case: 'StartFaceDetection', rule: 'output-schema' }],
  'wrong-content-type': [{ check: 'negative-rejection', case: 'StartFaceDetection ClientRequestToken: minLength-1', rule: 'content-type' }],
  'errors-as-500': [{ check: 'negative-rejection', case: 'StartFaceDetection ClientRequestToken: minLength-1', rule: 'refusal-code' }],
  'errors-as-200': [
    { check: 'negative-rejection', case: 'StartFaceDetection ClientRequestToken: minLength-1', rule: 'invalid-accepted' },
    { check: 'sdk-compatibility', case: 'invalid StartFaceDetection', rule: 'sdk-invalid-status' },
    { check: 'error-contract', case: 'StartFaceDetection', rule: 'invalid-accepted' },
  ],
  'missing-request-id': [{ check: 'negative-rejection', case: 'StartFaceDetection ClientRequestToken: minLength-1', rule: 'request-id' }],
  'constraint-as-access-denied': [
    { check: 'negative-rejection', case: 'StartFaceDetection ClientRequestToken: minLength-1', rule: 'refusal-code' },
  ],
  'constraint-as-invalid-parameter': [
    { check: 'negative-rejection', case: 'StartFaceDetection ClientRequestToken: minLength-1', rule: 'refusal-code' },
  ],
  'null-members-refused': [{ check: 'protocol', case: 'StartFaceDetection Video: null', rule: 'refusal-code' }],
  'limit-counts-finished-jobs': [{ check: 'positive-acceptance', case: 'StartFaceDetection', rule: 'idle-job-limit' }],
  'unknown-target-accepted': [{ check: 'protocol', case: 'X-Amz-Target missing or unknown', rule: 'refusal-code' }],
  'malformed-json-as-500': [{ check: 'protocol', case: 'body not JSON', rule: 'refusal-code' }],
  'wrong-status-for-modelled-error': [
    { check: 'unknown-job', rule: 'refusal-code' },
    { check: 'sdk-compatibility', case: 'GetFaceDetection of an unknown job', rule: 'sdk-error-status' },
  ],
  'jobStatus-lowercase': [{ check: 'response-contract', rule: 'output-schema' }],
  'job-never-finishes': [{ check: 'lifecycle', rule: 'job-never-finishes' }],
  'faces-out-of-order': [{ check: 'lifecycle', rule: 'timestamp-order' }],
  'maxResults-ignored': [{ check: 'pagination', rule: 'page-size' }],
  'pagination-repeats-last-face': [{ check: 'pagination', rule: 'endless-token' }],
  'pagination-drops-a-face': [{ check: 'pagination', rule: 'face-lost' }],
  'foreign-token-accepted': [{ check: 'pagination', rule: 'invalid-accepted' }],
  'jobId-not-echoed': [{ check: 'response-contract', rule: 'echo' }],
  'jobTag-not-echoed': [{ check: 'response-contract', rule: 'echo' }],
  'video-not-echoed': [{ check: 'response-contract', rule: 'echo' }],
  'jobStatus-missing': [{ check: 'response-contract', rule: 'always-present' }],
  'failed-without-status-message': [{ check: 'lifecycle', rule: 'failed-status-message' }],
  'idempotent-without-token': [{ check: 'idempotency', case: 'no token, same parameters', rule: 'no-token-repeat' }],
  'token-ignored-for-same-parameters': [{ check: 'idempotency', case: 'another token', rule: 'idempotent-another-token' }],
  'later-for-invalid': [{ check: 'negative-rejection', rule: 'later-selective' }],
  'refusal-with-job-id': [
    { check: 'negative-rejection', case: 'StartFaceDetection ClientRequestToken: minLength-1', rule: 'refusal-job-id' },
  ],
  'error-without-code': [{ check: 'error-contract', case: 'StartFaceDetection', rule: 'error-code-missing' }],
  'start-constraint-as-pagination-token': [{ check: 'error-contract', case: 'StartFaceDetection', rule: 'error-undeclared' }],
  'start-answer-not-json': [
    { check: 'positive-acceptance', case: 'StartFaceDetection', rule: 'body-not-json' },
    { check: 'sdk-compatibility', case: 'valid StartFaceDetection', rule: 'sdk-parse' },
  ],
  'start-without-job-id': [
    { check: 'lifecycle', rule: 'start-no-job-id' },
    { check: 'sdk-compatibility', case: 'valid StartFaceDetection', rule: 'sdk-job-id' },
  ],
  'later-pages-in-progress': [{ check: 'pagination', rule: 'page-status' }],
  'duplicate-face': [{ check: 'pagination', rule: 'face-twice' }],
  'pagination-adds-a-face': [{ check: 'pagination', rule: 'face-extra' }],
  'null-optional-as-500': [{ check: 'protocol', case: 'StartFaceDetection JobTag: null', rule: 'null-not-absent' }],
  'limit-exceeded-as-500': [{ check: 'positive-acceptance', case: 'StartFaceDetection', rule: 'later-answer' }],
  'throttling-as-400': [{ check: 'negative-rejection', case: 'StartFaceDetection ClientRequestToken: maxLength+1', rule: 'later-answer' }],
  'throughput-exceeded-as-500': [{ check: 'positive-acceptance', case: 'StartFaceDetection', rule: 'later-answer' }],
  'maxResults-cap-ignored': [{ check: 'response-contract', rule: 'page-size' }],
  'nextToken-too-long': [{ check: 'response-contract', rule: 'output-schema' }],
  'unknown-job-as-invalid-parameter': [
    { check: 'unknown-job', rule: 'refusal-code' },
    { check: 'sdk-compatibility', case: 'GetFaceDetection of an unknown job', rule: 'sdk-unknown-job' },
  ],
  'content-type-parameters-refused': [
    { check: 'protocol', case: 'Content-Type with charset parameter (AwsJson11MustSupportParametersInContentType)', rule: 'protocol-twin' },
  ],
  'unreadable-as-validation': [
    { check: 'negative-rejection', case: 'StartFaceDetection ClientRequestToken: wrong JSON type', rule: 'refusal-code' },
  ],
  'faceAttributes-all-refused': [
    { check: 'positive-acceptance', case: 'StartFaceDetection', rule: 'valid-refused' },
    { check: 'sdk-compatibility', case: 'valid StartFaceDetection', rule: 'sdk-valid-start' },
  ],
  // Generated modes: each is caught where its rule is asserted.
  'lax-StartFaceDetection-Video-type': [
    { check: 'negative-rejection', case: 'StartFaceDetection Video: wrong JSON type', rule: 'refusal-code' },
  ],
  'lax-StartFaceDetection-Video.S3Object-type': [
    { check: 'negative-rejection', case: 'StartFaceDetection Video.S3Object: wrong JSON type', rule: 'refusal-code' },
  ],
  'lax-StartFaceDetection-Video.S3Object.Bucket-type': [
    { check: 'negative-rejection', case: 'StartFaceDetection Video.S3Object.Bucket: wrong JSON type', rule: 'invalid-accepted' },
  ],
  'lax-StartFaceDetection-Video.S3Object.Bucket-maxLength': [
    { check: 'negative-rejection', case: 'StartFaceDetection Video.S3Object.Bucket: maxLength+1', rule: 'invalid-accepted' },
  ],
  'lax-StartFaceDetection-Video.S3Object.Bucket-pattern': [
    {
      check: 'negative-rejection',
      case: 'StartFaceDetection Video.S3Object.Bucket: forbidden character at the start',
      rule: 'invalid-accepted',
    },
  ],
  'lax-StartFaceDetection-Video.S3Object.Name-type': [
    { check: 'negative-rejection', case: 'StartFaceDetection Video.S3Object.Name: wrong JSON type', rule: 'invalid-accepted' },
  ],
  'lax-StartFaceDetection-Video.S3Object.Name-minLength': [
    { check: 'negative-rejection', case: 'StartFaceDetection Video.S3Object.Name: minLength-1', rule: 'refusal-code' },
  ],
  'lax-StartFaceDetection-Video.S3Object.Name-maxLength': [
    { check: 'negative-rejection', case: 'StartFaceDetection Video.S3Object.Name: maxLength+1', rule: 'invalid-accepted' },
  ],
  'lax-StartFaceDetection-Video.S3Object.Version-type': [
    { check: 'negative-rejection', case: 'StartFaceDetection Video.S3Object.Version: wrong JSON type', rule: 'invalid-accepted' },
  ],
  'lax-StartFaceDetection-Video.S3Object.Version-minLength': [
    { check: 'negative-rejection', case: 'StartFaceDetection Video.S3Object.Version: minLength-1', rule: 'invalid-accepted' },
  ],
  'lax-StartFaceDetection-Video.S3Object.Version-maxLength': [
    { check: 'negative-rejection', case: 'StartFaceDetection Video.S3Object.Version: maxLength+1', rule: 'invalid-accepted' },
  ],
  'lax-StartFaceDetection-ClientRequestToken-type': [
    { check: 'negative-rejection', case: 'StartFaceDetection ClientRequestToken: wrong JSON type', rule: 'invalid-accepted' },
  ],
  'lax-StartFaceDetection-NotificationChannel-type': [
    { check: 'negative-rejection', case: 'StartFaceDetection NotificationChannel: wrong JSON type', rule: 'invalid-accepted' },
  ],
  'lax-StartFaceDetection-NotificationChannel.SNSTopicArn-required': [
    {
      check: 'negative-rejection',
      case: 'StartFaceDetection NotificationChannel.SNSTopicArn: required member missing',
      rule: 'invalid-accepted',
    },
  ],
  'lax-StartFaceDetection-NotificationChannel.SNSTopicArn-type': [
    { check: 'negative-rejection', case: 'StartFaceDetection NotificationChannel.SNSTopicArn: wrong JSON type', rule: 'invalid-accepted' },
  ],
  'lax-StartFaceDetection-NotificationChannel.SNSTopicArn-pattern': [
    {
      check: 'negative-rejection',
      case: 'StartFaceDetection NotificationChannel.SNSTopicArn: forbidden character at the start',
      rule: 'invalid-accepted',
    },
  ],
  'lax-StartFaceDetection-NotificationChannel.RoleArn-type': [
    { check: 'negative-rejection', case: 'StartFaceDetection NotificationChannel.RoleArn: wrong JSON type', rule: 'invalid-accepted' },
  ],
  'lax-StartFaceDetection-FaceAttributes-type': [
    { check: 'negative-rejection', case: 'StartFaceDetection FaceAttributes: wrong JSON type', rule: 'invalid-accepted' },
  ],
  'lax-StartFaceDetection-JobTag-type': [
    { check: 'negative-rejection', case: 'StartFaceDetection JobTag: wrong JSON type', rule: 'invalid-accepted' },
  ],
  'lax-GetFaceDetection-JobId-required': [
    { check: 'negative-rejection', case: 'GetFaceDetection JobId: required member missing', rule: 'refusal-code' },
  ],
  'lax-GetFaceDetection-JobId-type': [
    { check: 'negative-rejection', case: 'GetFaceDetection JobId: wrong JSON type', rule: 'refusal-code' },
  ],
  'lax-GetFaceDetection-JobId-pattern': [
    { check: 'negative-rejection', case: 'GetFaceDetection JobId: forbidden character at the start', rule: 'refusal-code' },
  ],
  'lax-GetFaceDetection-MaxResults-type': [
    { check: 'negative-rejection', case: 'GetFaceDetection MaxResults: not an integer', rule: 'refusal-code' },
  ],
  'lax-GetFaceDetection-MaxResults-format': [
    { check: 'negative-rejection', case: 'GetFaceDetection MaxResults: past int32', rule: 'refusal-code' },
  ],
  'lax-GetFaceDetection-NextToken-type': [
    { check: 'negative-rejection', case: 'GetFaceDetection NextToken: wrong JSON type', rule: 'refusal-code' },
  ],
  'status-SerializationException': [{ check: 'protocol', case: 'body not JSON', rule: 'refusal-code' }],
  'status-UnknownOperationException': [{ check: 'protocol', case: 'X-Amz-Target missing or unknown', rule: 'refusal-code' }],
  'status-InvalidParameterException': [{ check: 'protocol', case: 'StartFaceDetection Video.S3Object: null', rule: 'error-status' }],
  'status-InvalidPaginationTokenException': [{ check: 'pagination', rule: 'refusal-code' }],
  'status-IdempotentParameterMismatchException': [{ check: 'idempotency', case: 'same token, other parameters', rule: 'refusal-code' }],
  'status-InvalidS3ObjectException': [{ check: 'positive-acceptance', case: 'StartFaceDetection', rule: 'error-status' }],
  'untyped-SerializationException': [{ check: 'protocol', case: 'body not JSON', rule: 'error-body-schema' }],
  'untyped-UnknownOperationException': [{ check: 'protocol', case: 'X-Amz-Target missing or unknown', rule: 'error-body-schema' }],
  'untyped-InvalidParameterException': [{ check: 'protocol', case: 'StartFaceDetection Video.S3Object: null', rule: 'error-body-schema' }],
  'untyped-ResourceNotFoundException': [{ check: 'unknown-job', rule: 'error-body-schema' }],
  'untyped-InvalidPaginationTokenException': [{ check: 'pagination', rule: 'error-body-schema' }],
  'untyped-IdempotentParameterMismatchException': [
    { check: 'idempotency', case: 'same token, other parameters', rule: 'error-body-schema' },
  ],
  'untyped-InvalidS3ObjectException': [{ check: 'positive-acceptance', case: 'StartFaceDetection', rule: 'error-body-schema' }],
  'untyped-LimitExceededException': [{ check: 'positive-acceptance', case: 'StartFaceDetection', rule: 'later-answer' }],
  'untyped-ProvisionedThroughputExceededException': [{ check: 'positive-acceptance', case: 'StartFaceDetection', rule: 'later-answer' }],
  'untyped-ThrottlingException': [
    { check: 'negative-rejection', case: 'StartFaceDetection ClientRequestToken: maxLength+1', rule: 'later-answer' },
  ],
};
