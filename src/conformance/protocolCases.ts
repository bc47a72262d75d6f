// Server-side cases derived from Smithy's AWS protocol compliance tests (smithy-lang/smithy,
// smithy-aws-protocol-tests/model/): each applicable test mapped onto a member of this API of the
// same kind, with the file, commit and test id it comes from. The protocol tests are the authority:
// where this table and a test disagree, the test wins and the table is wrong. awsJson1_1 has few
// server-side tests, so most cases come from the restJson1 malformedRequests/ and validation/ sets,
// which show how AWS's server frameworks treat a JSON body whatever the protocol's framing.
// Every case sends GetFaceDetection for a job nobody started, or a StartFaceDetection that no
// correct server can start a job on: no case ever starts a job.
import type { OperationName } from '../contract/wire.js';

export interface ProtocolCaseSource {
  repository: 'smithy-lang/smithy';
  path: string;
  commit: string;
  /** The Smithy test id(s) */
  tests: string[];
}

export interface ProtocolCase {
  /** A short unique name: `MaxResults int32 overflow`. */
  name: string;
  source: ProtocolCaseSource;
  /** What the Smithy test says, quoted or closely paraphrased (one sentence). */
  says: string;
  operation: OperationName;
  /** The body as sent, exact text. */
  body: string;
  /** Content-Type sent; default application/x-amz-json-1.1. */
  contentType?: string;
  /**
   * What a server that follows the protocol tests answers: a status and the error code(s) (one
   * code, or several where the protocol leaves a choice among them); or `sameAs`: the body of
   * the request it must be answered exactly like (status and error code), for null-as-absent.
   * The `sameAs` request goes to the same operation with the default Content-Type.
   */
  expect: { status: 400; codes: string[] } | { sameAs: string };
  /**
   * Other answers the suite also accepts without --strict (where the contract itself leaves a
   * choice, e.g. ValidationException or InvalidParameterException for a broken constraint, or a
   * 400 refusal of a null member): error codes, all with status 400. Omit when none.
   */
  lenient?: string[];
}

const MODEL = 'smithy-aws-protocol-tests/model/';

function from(path: string, commit: string, ...tests: string[]): ProtocolCaseSource {
  return { repository: 'smithy-lang/smithy', path: MODEL + path, commit, tests };
}

const NULL = 'awsJson1_1/null.smithy';
const CONTENT_TYPE = 'awsJson1_1/content-type.smithy';
const INTEGER = 'restJson1/malformedRequests/malformed-integer.smithy';
const SHORT = 'restJson1/malformedRequests/malformed-short.smithy';
const BODY = 'restJson1/malformedRequests/malformed-request-body.smithy';
const BLOB = 'restJson1/malformedRequests/malformed-blob.smithy';
const UNION = 'restJson1/malformedRequests/malformed-union.smithy';
const LENGTH = 'restJson1/validation/malformed-length.smithy';
const PATTERN = 'restJson1/validation/malformed-pattern.smithy';
const RANGE = 'restJson1/validation/malformed-range.smithy';
const ENUM = 'restJson1/validation/malformed-enum.smithy';
const REQUIRED = 'restJson1/validation/malformed-required.smithy';

const nullTest = from(NULL, '131fac37bf03a3aee9a9a62f19198499c45ce9f1', 'AwsJson11ServersDontDeserializeNullStructureValues');
const contentTypeTest = from(CONTENT_TYPE, '2d6a0d84dd470ee7c4371d6a575cf8e05ab64fea', 'AwsJson11MustSupportParametersInContentType');
const integerOverflow = from(INTEGER, '2d6a0d84dd470ee7c4371d6a575cf8e05ab64fea', 'RestJsonBodyIntegerUnderflowOverflow');
const integerMalformed = from(INTEGER, '2d6a0d84dd470ee7c4371d6a575cf8e05ab64fea', 'RestJsonBodyIntegerMalformedValueRejected');
const shortOverflow = from(SHORT, '5c8af3e3e256f399d16bbafa85de714ab0909417', 'RestJsonBodyShortUnderflowOverflow');
const invalidJson = from(BODY, '801c05d409d0828ef2e905cb65258094cf2a1873', 'RestJsonInvalidJsonBody');
const technicallyValidJson = from(BODY, '801c05d409d0828ef2e905cb65258094cf2a1873', 'RestJsonTechnicallyValidJsonBody');
const blobNotString = from(BLOB, '06f93a598bed32b968a0d49d3efa8972e5a05794', 'RestJsonBodyMalformedBlobInvalidBase64');
const unionArray = from(UNION, '2d6a0d84dd470ee7c4371d6a575cf8e05ab64fea', 'RestJsonMalformedUnionValueIsArray');
const lengthMax = from(LENGTH, '0983d429ddbd86dac47da005bffd70f812f21b28', 'RestJsonMalformedLengthMaxString');
const lengthCodePoints = from(
  LENGTH,
  '0983d429ddbd86dac47da005bffd70f812f21b28',
  'RestJsonMalformedLengthString',
  'RestJsonMalformedLengthStringOverride',
);
const patternString = from(PATTERN, '4f1bff57b5910ebeb8f4a4cb2246808acd1ec026', 'RestJsonMalformedPatternString');
const rangeMin = from(RANGE, '6511d85b3d191c110375c22be7f0b999b1213b9e', 'RestJsonMalformedRangeMinInteger');
const enumString = from(ENUM, '30201cb49e9017d4ef7e3622d3e46aec12a0c60e', 'RestJsonMalformedEnumString');
const requiredUnset = from(REQUIRED, '0be38e9ca3aad117fccb435426fc9789eb89c017', 'RestJsonMalformedRequiredBodyUnset');
const requiredNull = from(REQUIRED, '0be38e9ca3aad117fccb435426fc9789eb89c017', 'RestJsonMalformedRequiredBodyExplicitNull');

/** A JobId nobody started: a valid GetFaceDetection for it answers 400 ResourceNotFoundException. */
const JOB = '"JobId":"protocol-case-unknown-job"';
const GET = `{${JOB}}`;
const withJob = (members: string) => `{${JOB},${members}}`;
/** A Video a start could use. */
const VIDEO = '"Video":{"S3Object":{"Bucket":"my-videos","Name":"lobby.mp4"}}';
/** A Video whose Bucket is shorter than 3 characters: a start with it is refused whatever else it holds. */
const BAD_VIDEO = '"Video":{"S3Object":{"Bucket":"b","Name":"lobby.mp4"}}';
const TOPIC = '"SNSTopicArn":"arn:aws:sns:us-east-1:123456789012:AmazonRekognitionFaces"';

const constraint = { expect: { status: 400 as const, codes: ['ValidationException'] }, lenient: ['InvalidParameterException'] };
/** A body that is not a JSON object: nothing to read, so SerializationException whatever the reading. */
const serialization = { expect: { status: 400 as const, codes: ['SerializationException'] } };
/** A member's value that cannot be read: SerializationException by the protocol tests; AWS's own choice is unverified. */
const unreadable = {
  expect: { status: 400 as const, codes: ['SerializationException'] },
  lenient: ['ValidationException', 'InvalidParameterException'],
};
const nullRequired = {
  expect: { status: 400 as const, codes: ['ValidationException'] },
  lenient: ['SerializationException', 'InvalidParameterException'],
};
const nullOptional = (sameAs: string) => ({
  expect: { sameAs },
  lenient: ['ValidationException', 'SerializationException', 'InvalidParameterException'],
});

const overflowSays = 'Underflow or overflow should result in SerializationException (values past the Integer range, in a JSON body).';
const shortSays =
  'Underflow or overflow should result in SerializationException; for Short the tests send 40000 and -40000, just past its range.';
const malformedSays = (what: string) =>
  `Malformed values in the body should be rejected with 400 SerializationException: ${what} for an Integer.`;
const invalidJsonSays = (what: string) =>
  `When the request body is not valid JSON (${what}), the response should be a 400 SerializationException.`;
const technicallyValidSays = (what: string) =>
  `When the request body is technically valid JSON (${what}) but cannot map to a structure, the response should be a 400 SerializationException.`;
const nullSays = 'Null structure values are dropped: a server reads {"string": null} as if the member were absent (params {}).';

export const protocolCases: readonly ProtocolCase[] = [
  {
    name: 'MaxResults overflow 9223372000000000000',
    source: integerOverflow,
    says: overflowSays,
    operation: 'GetFaceDetection',
    body: withJob('"MaxResults":9223372000000000000'),
    ...unreadable,
  },
  {
    name: 'MaxResults underflow -9223372000000000000',
    source: integerOverflow,
    says: overflowSays,
    operation: 'GetFaceDetection',
    body: withJob('"MaxResults":-9223372000000000000'),
    ...unreadable,
  },
  {
    name: 'MaxResults overflow past int64',
    source: integerOverflow,
    says: overflowSays,
    operation: 'GetFaceDetection',
    body: withJob('"MaxResults":123000000000000000000000'),
    ...unreadable,
  },
  {
    name: 'MaxResults int32 overflow',
    source: shortOverflow,
    says: shortSays,
    operation: 'GetFaceDetection',
    body: withJob('"MaxResults":2147483648'),
    ...unreadable,
  },
  {
    name: 'MaxResults int32 underflow',
    source: shortOverflow,
    says: shortSays,
    operation: 'GetFaceDetection',
    body: withJob('"MaxResults":-2147483649'),
    ...unreadable,
  },
  {
    name: 'MaxResults string coercion',
    source: integerMalformed,
    says: malformedSays('a string "123"'),
    operation: 'GetFaceDetection',
    body: withJob('"MaxResults":"123"'),
    ...unreadable,
  },
  {
    name: 'MaxResults boolean coercion',
    source: integerMalformed,
    says: malformedSays('true'),
    operation: 'GetFaceDetection',
    body: withJob('"MaxResults":true'),
    ...unreadable,
  },
  {
    name: 'MaxResults float truncation',
    source: integerMalformed,
    says: malformedSays('1.001'),
    operation: 'GetFaceDetection',
    body: withJob('"MaxResults":1.001'),
    ...unreadable,
  },
  {
    name: 'MaxResults trailing chars',
    source: integerMalformed,
    says: malformedSays('2ABC'),
    operation: 'GetFaceDetection',
    body: withJob('"MaxResults":2ABC'),
    ...unreadable,
  },
  {
    name: 'MaxResults hex',
    source: integerMalformed,
    says: malformedSays('0x42'),
    operation: 'GetFaceDetection',
    body: withJob('"MaxResults":0x42'),
    ...unreadable,
  },
  {
    name: 'MaxResults Infinity',
    source: integerMalformed,
    says: malformedSays('Infinity'),
    operation: 'GetFaceDetection',
    body: withJob('"MaxResults":Infinity'),
    ...unreadable,
  },
  {
    name: 'MaxResults string Infinity',
    source: integerMalformed,
    says: malformedSays('"Infinity"'),
    operation: 'GetFaceDetection',
    body: withJob('"MaxResults":"Infinity"'),
    ...unreadable,
  },
  {
    name: 'MaxResults -Infinity',
    source: integerMalformed,
    says: malformedSays('-Infinity'),
    operation: 'GetFaceDetection',
    body: withJob('"MaxResults":-Infinity'),
    ...unreadable,
  },
  {
    name: 'MaxResults string -Infinity',
    source: integerMalformed,
    says: malformedSays('"-Infinity"'),
    operation: 'GetFaceDetection',
    body: withJob('"MaxResults":"-Infinity"'),
    ...unreadable,
  },
  {
    name: 'MaxResults NaN',
    source: integerMalformed,
    says: malformedSays('NaN'),
    operation: 'GetFaceDetection',
    body: withJob('"MaxResults":NaN'),
    ...unreadable,
  },
  {
    name: 'MaxResults string NaN',
    source: integerMalformed,
    says: malformedSays('"NaN"'),
    operation: 'GetFaceDetection',
    body: withJob('"MaxResults":"NaN"'),
    ...unreadable,
  },
  {
    name: 'MaxResults below @range minimum',
    source: rangeMin,
    operation: 'GetFaceDetection',
    body: withJob('"MaxResults":0'),
    says: 'When an integer member does not fit within range bounds (1 for a minimum of 2), the response should be a 400 ValidationException.',
    ...constraint,
  },
  {
    name: 'NextToken null',
    source: nullTest,
    says: nullSays,
    operation: 'GetFaceDetection',
    body: withJob('"NextToken":null'),
    ...nullOptional(GET),
  },
  {
    name: 'MaxResults null',
    source: nullTest,
    says: nullSays,
    operation: 'GetFaceDetection',
    body: withJob('"MaxResults":null'),
    ...nullOptional(GET),
  },
  {
    name: 'JobTag null',
    source: nullTest,
    says: nullSays,
    operation: 'StartFaceDetection',
    body: `{${BAD_VIDEO},"JobTag":null}`,
    ...nullOptional(`{${BAD_VIDEO}}`),
  },
  {
    name: 'NotificationChannel null',
    source: nullTest,
    says: nullSays,
    operation: 'StartFaceDetection',
    body: `{${BAD_VIDEO},"NotificationChannel":null}`,
    ...nullOptional(`{${BAD_VIDEO}}`),
  },
  {
    name: 'JobId null',
    source: requiredNull,
    operation: 'GetFaceDetection',
    body: '{"JobId":null}',
    says: 'When a required member is set to null in the message body, the response should be a 400 ValidationException ("Member must not be null").',
    ...nullRequired,
  },
  {
    name: 'Video null',
    source: requiredNull,
    operation: 'StartFaceDetection',
    body: '{"Video":null}',
    says: 'When a required member is set to null in the message body, the response should be a 400 ValidationException ("Member must not be null").',
    ...nullRequired,
  },
  {
    name: 'NotificationChannel.RoleArn null',
    source: requiredNull,
    operation: 'StartFaceDetection',
    body: `{${VIDEO},"NotificationChannel":{${TOPIC},"RoleArn":null}}`,
    says: 'When a required member is set to null in the message body, the response should be a 400 ValidationException ("Member must not be null").',
    ...nullRequired,
  },
  {
    name: 'JobId unset',
    source: requiredUnset,
    operation: 'GetFaceDetection',
    body: '{}',
    says: 'When a required member is not set in the message body, the response should be a 400 ValidationException.',
    ...constraint,
  },
  { name: 'body unclosed', source: invalidJson, says: invalidJsonSays('{['), operation: 'GetFaceDetection', body: '{[', ...serialization },
  {
    name: 'body trailing junk',
    source: invalidJson,
    says: invalidJsonSays('junk after the object'),
    operation: 'GetFaceDetection',
    body: `${GET}abc`,
    ...serialization,
  },
  {
    name: 'body leading junk',
    source: invalidJson,
    says: invalidJsonSays('junk before the object'),
    operation: 'GetFaceDetection',
    body: `abc${GET}`,
    ...serialization,
  },
  {
    name: 'body line comment',
    source: invalidJson,
    says: invalidJsonSays('a // comment'),
    operation: 'GetFaceDetection',
    body: `{\n    ${JOB} // the job nobody started\n}`,
    ...serialization,
  },
  {
    name: 'body block comment',
    source: invalidJson,
    says: invalidJsonSays('a /* comment */'),
    operation: 'GetFaceDetection',
    body: `{\n    ${JOB} /* the job nobody started */\n}`,
    ...serialization,
  },
  {
    name: 'body form feed whitespace',
    source: invalidJson,
    says: invalidJsonSays('a form feed where JSON allows only space, tab, CR, LF'),
    operation: 'GetFaceDetection',
    body: '{"JobId" :\u000c"protocol-case-unknown-job"}',
    ...serialization,
  },
  {
    name: 'body single quotes',
    source: invalidJson,
    says: invalidJsonSays('single-quoted strings'),
    operation: 'GetFaceDetection',
    body: "{'JobId': 'protocol-case-unknown-job'}",
    ...serialization,
  },
  {
    name: 'body trailing comma',
    source: invalidJson,
    says: invalidJsonSays('a trailing comma'),
    operation: 'GetFaceDetection',
    body: `{${JOB},}`,
    ...serialization,
  },
  {
    name: 'body top-level array',
    source: technicallyValidJson,
    says: technicallyValidSays('an array of the object'),
    operation: 'GetFaceDetection',
    body: `[${GET}]`,
    ...serialization,
  },
  {
    name: 'body top-level number',
    source: technicallyValidJson,
    says: technicallyValidSays('10'),
    operation: 'GetFaceDetection',
    body: '10',
    ...serialization,
  },
  {
    name: 'body top-level null',
    source: technicallyValidJson,
    says: technicallyValidSays('null'),
    operation: 'GetFaceDetection',
    body: 'null',
    ...serialization,
  },
  {
    name: 'JobId number',
    source: blobNotString,
    operation: 'GetFaceDetection',
    body: '{"JobId":981081198}',
    says: 'A string-serialized member (a blob) given a non-string JSON value (981081198, true, an array) should be a 400 SerializationException.',
    ...unreadable,
  },
  {
    name: 'Video array',
    source: unionArray,
    operation: 'StartFaceDetection',
    body: '{"Video":["my-videos","lobby.mp4"]}',
    says: 'When an aggregate member (a union) is actually an array, the response should be a 400 SerializationException.',
    ...unreadable,
  },
  {
    name: 'Content-Type with charset parameter',
    source: contentTypeTest,
    operation: 'GetFaceDetection',
    body: GET,
    contentType: 'application/x-amz-json-1.1; charset=utf-8',
    says: 'A server should ignore parameters added to the content type (application/x-amz-json-1.1; charset=utf-8).',
    expect: { sameAs: GET },
  },
  {
    name: 'JobId longer than 64',
    source: lengthMax,
    operation: 'GetFaceDetection',
    body: `{"JobId":"${'a'.repeat(65)}"}`,
    says: 'When a string member does not fit within length bounds (26 characters for a maximum of 8), the response should be a 400 ValidationException.',
    ...constraint,
  },
  {
    name: 'NextToken 128 emoji within 255 code points',
    source: lengthCodePoints,
    operation: 'GetFaceDetection',
    body: withJob(`"NextToken":"${'👍'.repeat(128)}"`),
    says: 'Length is counted in code points: "👍" is length 1 and "👍👍👍" length 3 (6 UTF-16 units), so 128 × "👍" fits a maximum of 255.',
    // Which of the two an endpoint looks at first is its own choice.
    expect: { status: 400 as const, codes: ['ResourceNotFoundException', 'InvalidPaginationTokenException'] },
  },
  {
    name: 'NextToken 256 emoji past 255 code points',
    source: lengthCodePoints,
    operation: 'GetFaceDetection',
    body: withJob(`"NextToken":"${'👍'.repeat(256)}"`),
    says: 'When a string member does not fit within length bounds, counted in code points ("👍👍👍" is 3), the answer is a 400 ValidationException.',
    ...constraint,
  },
  {
    name: 'JobId breaks its pattern',
    source: patternString,
    operation: 'GetFaceDetection',
    body: '{"JobId":"protocol-case-unknown-job!"}',
    says: 'When a string member does not match the specified pattern, the response should be a 400 ValidationException.',
    ...constraint,
  },
  {
    name: 'ClientRequestToken breaks its pattern',
    source: patternString,
    operation: 'StartFaceDetection',
    body: `{${VIDEO},"ClientRequestToken":"protocol case token"}`,
    says: 'When a string member does not match the specified pattern, the response should be a 400 ValidationException.',
    ...constraint,
  },
  {
    name: 'FaceAttributes not in its enum',
    source: enumString,
    operation: 'StartFaceDetection',
    body: `{${VIDEO},"FaceAttributes":"all"}`,
    says: 'When a string member does not contain a valid enum value ("ABC" for "abc"), the response should be a 400 ValidationException.',
    ...constraint,
  },
];
