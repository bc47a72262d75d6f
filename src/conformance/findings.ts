// Every distinct finding a check can raise: its rule, named once here and carried by each
// ContractViolation and each report's finding. The self-test (test/selftestCatches.mjs) names the
// rule each fault mode must be caught by, and fails on a rule no mode reaches: a branch of an
// oracle that nobody has seen work is not a check.

/** Each rule, and what an endpoint did to break it. */
export const FINDINGS = {
  // An answer's framing (expectations.ts).
  'content-type': "an answer's Content-Type is not application/x-amz-json-1.1",
  'request-id': 'an answer has no x-amzn-RequestId header',
  'body-not-json': 'a 200 answer whose body is not JSON',
  'output-schema': "a 200 answer's body is not valid against the operation's output schema",
  // Valid requests.
  'valid-refused': 'a valid request got an answer the contract does not allow it (a refusal as invalid, an undeclared error)',
  'start-no-job-id': 'a start answered 200 without a JobId',
  // Invalid requests.
  'invalid-accepted': 'a request that breaks a rule was answered 200',
  'refusal-code': 'a request that breaks a rule was answered with another status or error code than its refusal',
  'refusal-job-id': 'a refused request was answered with a JobId',
  // Error answers.
  'error-code-missing': 'an error answer without an error code (__type)',
  'error-undeclared': 'an error the operation does not declare',
  'error-status': 'an error with another HTTP status than the contract gives it',
  'error-body-schema': "an error answer's body is not valid against its error's schema",
  // "Later" answers (runTarget.ts).
  'later-answer': 'a "later" answer (throttling, the job limit) that breaks its error\'s contract',
  'later-selective': 'one kind of request answered "later" for good while the same operation answered others at once',
  'idle-job-limit': "the job limit answered while none of the run's jobs ran, past the time any other job may take",
  // Jobs (jobs.ts, lifecycle).
  'always-present': 'a GetFaceDetection answer of a job without a member the contract has always present (JobStatus)',
  echo: 'a GetFaceDetection answer that does not echo the JobId asked for, or the Video and JobTag of the start',
  'job-never-finishes': 'a job on a local endpoint still IN_PROGRESS past the job timeout',
  'failed-status-message': 'a FAILED job without a StatusMessage',
  'page-status': 'a page of a SUCCEEDED job with another JobStatus',
  'page-size': 'a page with more faces than MaxResults or the cap of 1000',
  'endless-token': 'a NextToken that never runs out',
  'timestamp-order': "a job's faces out of timestamp order",
  // Paging (pagination).
  'face-twice': 'paging answered a face twice',
  'face-lost': 'paging lost a face one MaxResults 1000 call answers',
  'face-extra': 'paging answered a face that one MaxResults 1000 call does not',
  // Idempotency.
  'idempotent-repeat': 'the same token and parameters answered another JobId',
  'idempotent-another-token': 'another token answered the JobId of an earlier start',
  'no-token-repeat': 'a start without a token answered the JobId of the same start before it',
  // The wire (protocol).
  'null-not-absent': 'a member sent as null answered otherwise than the same request without it',
  'protocol-twin':
    "a protocol test's request answered otherwise than the same request read as the protocol reads it (Content-Type parameters)",
  // The SDK's reading (sdk-compatibility).
  'sdk-parse': 'the real SDK could not parse an error answer',
  'sdk-error-status': 'the SDK saw an error with another status than the contract gives it',
  'sdk-valid-start': 'a valid start surfaced in the SDK as an error',
  'sdk-job-id': 'a valid start surfaced in the SDK without a JobId within its pattern',
  'sdk-shared-repeat': "a repeat of the shared job's start surfaced in the SDK as another JobId (where jobs cost)",
  'sdk-invalid-status': 'an invalid request surfaced in the SDK as anything but an exception with status 400',
  'sdk-unknown-job': 'GetFaceDetection of an unknown job surfaced in the SDK as anything but ResourceNotFoundException',
} as const;

export type FindingRule = keyof typeof FINDINGS;

export const FINDING_RULES = Object.keys(FINDINGS) as FindingRule[];
