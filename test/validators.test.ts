import { describe, expect, it } from 'vitest';
import {
  isGetFaceDetectionRequest,
  isGetFaceDetectionResponse,
  isStartFaceDetectionRequest,
  isStartFaceDetectionResponse,
  MAX_ECHOED_VALUE_LENGTH,
  validateGetFaceDetectionRequest,
  validateGetFaceDetectionResponse,
  validateStartFaceDetectionRequest,
  validateStartFaceDetectionResponse,
  withoutNullMembers,
  type ValidationResult,
  type ViolationKind,
} from '../src/index.js';

const video = { S3Object: { Bucket: 'my-videos', Name: 'lobby/2024-05-01.mp4' } };
const start = (extra: Record<string, unknown>) => ({ Video: video, ...extra });
const channel = {
  SNSTopicArn: 'arn:aws:sns:us-east-1:123456789012:AmazonRekognitionFaces',
  RoleArn: 'arn:aws:iam::123456789012:role/Publish',
};
const jobId = '174a0134113639a384838cb4800b0e2b567ba160769516dd17804ba66aeb53f5';
const face = (extra: Record<string, unknown>) => ({
  JobId: jobId,
  JobStatus: 'SUCCEEDED',
  Faces: [
    { Timestamp: 0, Face: { Confidence: 99 } },
    { Timestamp: 40, Face: { Confidence: 98, ...extra } },
  ],
});

const validators = {
  StartFaceDetectionRequest: [validateStartFaceDetectionRequest, isStartFaceDetectionRequest],
  StartFaceDetectionResponse: [validateStartFaceDetectionResponse, isStartFaceDetectionResponse],
  GetFaceDetectionRequest: [validateGetFaceDetectionRequest, isGetFaceDetectionRequest],
  GetFaceDetectionResponse: [validateGetFaceDetectionResponse, isGetFaceDetectionResponse],
} as const;
type Shape = keyof typeof validators;

// [shape, what, value, expected violations as [path, kind, message tail after "failed to satisfy constraint: "]]
type Expected = [path: string, kind: ViolationKind, value: string, constraint: string][];
const invalid: [Shape, string, unknown, Expected][] = [
  ['StartFaceDetectionRequest', 'Video missing', {}, [['video', 'required', 'null', 'Member must not be null']]],
  [
    'StartFaceDetectionRequest',
    'token of 65',
    start({ ClientRequestToken: 'a'.repeat(65) }),
    [['clientRequestToken', 'length', `'${'a'.repeat(65)}'`, 'Member must have length less than or equal to 64']],
  ],
  [
    'StartFaceDetectionRequest',
    'empty token',
    start({ ClientRequestToken: '' }),
    [
      ['clientRequestToken', 'length', "''", 'Member must have length greater than or equal to 1'],
      ['clientRequestToken', 'pattern', "''", 'Member must satisfy regular expression pattern: ^[a-zA-Z0-9-_]+$'],
    ],
  ],
  [
    'StartFaceDetectionRequest',
    'token with a space in the middle',
    start({ ClientRequestToken: 'run 1' }),
    [['clientRequestToken', 'pattern', "'run 1'", 'Member must satisfy regular expression pattern: ^[a-zA-Z0-9-_]+$']],
  ],
  [
    'StartFaceDetectionRequest',
    'token with a trailing newline',
    start({ ClientRequestToken: 'run1\n' }),
    [['clientRequestToken', 'pattern', "'run1\n'", 'Member must satisfy regular expression pattern: ^[a-zA-Z0-9-_]+$']],
  ],
  [
    'StartFaceDetectionRequest',
    'tag of 1025',
    start({ JobTag: 't'.repeat(1025) }),
    [['jobTag', 'length', `'${'t'.repeat(MAX_ECHOED_VALUE_LENGTH)}...'`, 'Member must have length less than or equal to 1024']],
  ],
  [
    'StartFaceDetectionRequest',
    'tag with a leading #',
    start({ JobTag: '#lobby' }),
    [['jobTag', 'pattern', "'#lobby'", 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.\\-:+=\\/]+']],
  ],
  [
    'StartFaceDetectionRequest',
    'attributes in lower case',
    start({ FaceAttributes: 'all' }),
    [['faceAttributes', 'enum', "'all'", 'Member must satisfy enum value set: [DEFAULT, ALL]']],
  ],
  [
    'StartFaceDetectionRequest',
    'attributes padded',
    start({ FaceAttributes: ' ALL' }),
    [['faceAttributes', 'enum', "' ALL'", 'Member must satisfy enum value set: [DEFAULT, ALL]']],
  ],
  [
    'StartFaceDetectionRequest',
    'channel without role',
    start({ NotificationChannel: { SNSTopicArn: channel.SNSTopicArn } }),
    [['notificationChannel.roleArn', 'required', 'null', 'Member must not be null']],
  ],
  [
    'StartFaceDetectionRequest',
    'topic ARN with a 11-digit account',
    start({ NotificationChannel: { ...channel, SNSTopicArn: 'arn:aws:sns:us-east-1:12345678901:T' } }),
    [
      [
        'notificationChannel.sNSTopicArn',
        'pattern',
        "'arn:aws:sns:us-east-1:12345678901:T'",
        'Member must satisfy regular expression pattern: (^arn:aws:sns:.*:\\w{12}:.+$)',
      ],
    ],
  ],
  [
    'StartFaceDetectionRequest',
    'role ARN with a suffix',
    start({ NotificationChannel: { ...channel, RoleArn: `${channel.RoleArn} x` } }),
    [
      [
        'notificationChannel.roleArn',
        'pattern',
        `'${channel.RoleArn} x'`,
        'Member must satisfy regular expression pattern: arn:aws:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+',
      ],
    ],
  ],
  [
    'StartFaceDetectionRequest',
    'bucket of 2',
    { Video: { S3Object: { Bucket: 'ab', Name: 'k' } } },
    [['video.s3Object.bucket', 'length', "'ab'", 'Member must have length greater than or equal to 3']],
  ],
  [
    'StartFaceDetectionRequest',
    'bucket with a slash',
    { Video: { S3Object: { Bucket: 'my/videos' } } },
    [['video.s3Object.bucket', 'pattern', "'my/videos'", 'Member must satisfy regular expression pattern: [0-9A-Za-z\\.\\-_]*']],
  ],
  [
    'StartFaceDetectionRequest',
    'empty name and version',
    { Video: { S3Object: { Bucket: 'abc', Name: '', Version: '' } } },
    [
      ['video.s3Object.name', 'length', "''", 'Member must have length greater than or equal to 1'],
      ['video.s3Object.version', 'length', "''", 'Member must have length greater than or equal to 1'],
    ],
  ],
  [
    'StartFaceDetectionRequest',
    'token of the wrong type',
    start({ ClientRequestToken: 5 }),
    [['clientRequestToken', 'type', "'5'", 'Member must be of type string']],
  ],
  ['StartFaceDetectionRequest', 'a body that is an array', [], [['', 'type', "'[]'", 'Member must be of type object']]],
  [
    'StartFaceDetectionResponse',
    'JobId of 65',
    { JobId: 'a'.repeat(65) },
    [['jobId', 'length', `'${'a'.repeat(65)}'`, 'Member must have length less than or equal to 64']],
  ],
  ['GetFaceDetectionRequest', 'JobId missing', { MaxResults: 10 }, [['jobId', 'required', 'null', 'Member must not be null']]],
  [
    'GetFaceDetectionRequest',
    'JobId with a slash',
    { JobId: 'a/b' },
    [['jobId', 'pattern', "'a/b'", 'Member must satisfy regular expression pattern: ^[a-zA-Z0-9-_]+$']],
  ],
  [
    'GetFaceDetectionRequest',
    'MaxResults 0',
    { JobId: jobId, MaxResults: 0 },
    [['maxResults', 'range', "'0'", 'Member must have value greater than or equal to 1']],
  ],
  [
    'GetFaceDetectionRequest',
    'MaxResults past int32',
    { JobId: jobId, MaxResults: 2 ** 31 },
    [['maxResults', 'overflow', "'2147483648'", 'Member must have value less than or equal to 2147483647']],
  ],
  [
    'GetFaceDetectionRequest',
    'MaxResults below int32',
    { JobId: jobId, MaxResults: -(2 ** 31) - 1 },
    [
      ['maxResults', 'range', "'-2147483649'", 'Member must have value greater than or equal to 1'],
      ['maxResults', 'overflow', "'-2147483649'", 'Member must have value greater than or equal to -2147483648'],
    ],
  ],
  [
    'StartFaceDetectionRequest',
    'Video null (a missing member)',
    { Video: null },
    [['video', 'required', 'null', 'Member must not be null']],
  ],
  [
    'StartFaceDetectionRequest',
    'SNSTopicArn null (a missing member)',
    start({ NotificationChannel: { SNSTopicArn: null, RoleArn: channel.RoleArn } }),
    [['notificationChannel.sNSTopicArn', 'required', 'null', 'Member must not be null']],
  ],
  [
    'GetFaceDetectionRequest',
    'JobId null (a missing member)',
    { JobId: null, MaxResults: null },
    [['jobId', 'required', 'null', 'Member must not be null']],
  ],
  [
    'GetFaceDetectionRequest',
    'MaxResults 1.5',
    { JobId: jobId, MaxResults: 1.5 },
    [['maxResults', 'type', "'1.5'", 'Member must be of type integer']],
  ],
  [
    'GetFaceDetectionRequest',
    'NextToken of 256',
    { JobId: jobId, NextToken: 'n'.repeat(256) },
    [['nextToken', 'length', `'${'n'.repeat(MAX_ECHOED_VALUE_LENGTH)}...'`, 'Member must have length less than or equal to 255']],
  ],
  [
    'GetFaceDetectionResponse',
    'confidence over 100 in the second face',
    face({ Confidence: 100.5 }),
    [['faces.2.member.face.confidence', 'range', "'100.5'", 'Member must have value less than or equal to 100']],
  ],
  [
    'GetFaceDetectionResponse',
    'unknown landmark',
    face({ Landmarks: [{ Type: 'eye', X: 0.1, Y: 0.2 }] }),
    [
      [
        'faces.2.member.face.landmarks.1.member.type',
        'enum',
        "'eye'",
        expect.stringMatching(
          /^Member must satisfy enum value set: \[eyeLeft, eyeRight, nose, .*, upperJawlineRight\]$/,
        ) as unknown as string,
      ],
    ],
  ],
  [
    'GetFaceDetectionResponse',
    'pose past 180',
    face({ Pose: { Roll: 0, Yaw: -180.5, Pitch: 0 } }),
    [['faces.2.member.face.pose.yaw', 'range', "'-180.5'", 'Member must have value greater than or equal to -180']],
  ],
  [
    'GetFaceDetectionResponse',
    'occlusion of the wrong kind',
    face({ FaceOccluded: { Value: 'yes' } }),
    [['faces.2.member.face.faceOccluded.value', 'type', "'yes'", 'Member must be of type boolean']],
  ],
  [
    'GetFaceDetectionResponse',
    'status in lower case',
    { JobStatus: 'succeeded' },
    [['jobStatus', 'enum', "'succeeded'", 'Member must satisfy enum value set: [IN_PROGRESS, SUCCEEDED, FAILED]']],
  ],
];

const valid: [Shape, string, unknown][] = [
  ['StartFaceDetectionRequest', 'only the video', { Video: video }],
  ['StartFaceDetectionRequest', 'an empty video (the model requires nothing inside)', { Video: {} }],
  [
    'StartFaceDetectionRequest',
    'every member at its longest',
    start({
      ClientRequestToken: `${'a-_Z9'.repeat(12)}abcd`,
      JobTag: `${'a_.-:+=/9'.repeat(113)}abcdefg`,
      NotificationChannel: channel,
      FaceAttributes: 'DEFAULT',
    }),
  ],
  [
    'StartFaceDetectionRequest',
    'every member at its shortest',
    { Video: { S3Object: { Bucket: 'abc', Name: 'k', Version: 'v' } }, ClientRequestToken: 'a', JobTag: '/' },
  ],
  ['StartFaceDetectionRequest', 'members the service ignores', start({ Unknown: 1 })],
  ['StartFaceDetectionResponse', 'a hex JobId', { JobId: jobId }],
  ['GetFaceDetectionRequest', 'MaxResults far past the cap', { JobId: jobId, MaxResults: 2 ** 31 - 1, NextToken: 'n'.repeat(255) }],
  ['GetFaceDetectionResponse', 'null occlusion and eye direction', face({ FaceOccluded: null, EyeDirection: null })],
  ['GetFaceDetectionResponse', 'an empty answer', {}],
];

function expectViolations(result: ValidationResult, expected: Expected) {
  expect(result.valid).toBe(false);
  expect(result.violations.map((v) => [v.path, v.kind, v.message])).toEqual(
    expected.map(([path, kind, value, constraint]) => [
      path,
      kind,
      typeof constraint === 'string'
        ? `Value ${value}${path ? ` at '${path}'` : ''} failed to satisfy constraint: ${constraint}`
        : expect.stringContaining(`Value ${value} at '${path}' failed to satisfy constraint: Member must satisfy enum value set`),
    ]),
  );
}

describe('validate... and is...', () => {
  it.each(invalid)('%s: %s', (shape, _, value, expected) => {
    const [validate, is] = validators[shape];
    const result = validate(value);
    expectViolations(result, expected);
    expect(is(value)).toBe(false);
  });

  it.each(valid)('%s: %s is valid', (shape, _, value) => {
    const [validate, is] = validators[shape];
    expect(validate(value)).toEqual({ valid: true, violations: [], message: undefined, errorType: undefined });
    expect(is(value)).toBe(true);
  });
});

// A member sent as null is absent (awsJson1_1): validate... reads it so; the guards narrow to types
// without null members and refuse it, until withoutNullMembers has read it as the service does.
const nullMembers: [Shape, string, unknown][] = [
  [
    'StartFaceDetectionRequest',
    'optional members null',
    start({ ClientRequestToken: null, JobTag: null, FaceAttributes: null, NotificationChannel: null }),
  ],
  ['StartFaceDetectionRequest', 'a nested optional member null', { Video: { S3Object: { Bucket: 'abc', Name: 'k', Version: null } } }],
  ['StartFaceDetectionRequest', 'S3Object null (the model requires nothing inside Video)', { Video: { S3Object: null } }],
  ['GetFaceDetectionRequest', 'MaxResults and NextToken null', { JobId: jobId, MaxResults: null, NextToken: null }],
  [
    'GetFaceDetectionResponse',
    'members null at every depth',
    { JobStatus: null, Faces: [{ Timestamp: 0, Face: { Confidence: 99, Smile: null, Emotions: [{ Type: 'HAPPY', Confidence: null }] } }] },
  ],
];

describe('null members, as the protocol reads them', () => {
  it.each(nullMembers)('%s: %s is valid, and a guard takes it once read', (shape, _, value) => {
    const [validate, is] = validators[shape];
    expect(validate(value).valid).toBe(true);
    expect(is(value)).toBe(false);
    const read = withoutNullMembers(value, shape);
    expect(is(read)).toBe(true);
    expect(JSON.stringify(read)).not.toContain('null');
  });

  it('answers the value itself when it has no null member, and never changes the value given', () => {
    const value = start({ JobTag: 'a' });
    expect(withoutNullMembers(value, 'StartFaceDetectionRequest')).toBe(value);
    const given = start({ JobTag: null });
    const copy = structuredClone(given);
    withoutNullMembers(given, 'StartFaceDetectionRequest');
    expect(given).toEqual(copy);
  });

  it('keeps a null item of a list, which the validators refuse', () => {
    const result = validateGetFaceDetectionResponse({ Faces: [null] });
    expect(result.violations.map((v) => [v.path, v.kind])).toEqual([['faces.1.member', 'type']]);
    expect(result.errorType).toBe('SerializationException');
  });

  it('walks only the structures of the contract: unknown members stay as they are, __proto__ stays a member', () => {
    const value = JSON.parse('{"Video":{"S3Object":{"Bucket":"abc","Name":"k"}},"Unknown":{"a":null},"__proto__":null}');
    const read = withoutNullMembers(value, 'StartFaceDetectionRequest') as Record<string, unknown>;
    expect(read.Unknown).toEqual({ a: null });
    expect(Object.hasOwn(read, '__proto__')).toBe(false);
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
  });

  it("names SerializationException for an int32 that overflows, as Smithy's malformed-integer tests do", () => {
    expect(validateGetFaceDetectionRequest({ JobId: jobId, MaxResults: 2 ** 31 }).errorType).toBe('SerializationException');
    expect(validateGetFaceDetectionRequest({ JobId: jobId, MaxResults: 2 ** 31 - 1 }).valid).toBe(true);
  });
});

describe('the answer as the service words it', () => {
  it('summarises one violation in the singular', () => {
    const result = validateGetFaceDetectionRequest({ JobId: jobId, MaxResults: 0 });
    expect(result.message).toBe(
      "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    expect(result.errorType).toBe('ValidationException');
  });

  it('summarises several in the plural, joined by "; "', () => {
    const result = validateStartFaceDetectionRequest({ ClientRequestToken: 'a b', FaceAttributes: 'NONE' });
    expect(result.message).toBe(
      '3 validation errors detected: ' +
        "Value null at 'video' failed to satisfy constraint: Member must not be null; " +
        "Value 'a b' at 'clientRequestToken' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9-_]+$; " +
        "Value 'NONE' at 'faceAttributes' failed to satisfy constraint: Member must satisfy enum value set: [DEFAULT, ALL]",
    );
  });

  it('names SerializationException when a member has the wrong JSON type', () => {
    expect(validateStartFaceDetectionRequest({ Video: 'v' }).errorType).toBe('SerializationException');
    expect(validateGetFaceDetectionRequest({ JobId: 1, MaxResults: 0 }).errorType).toBe('SerializationException');
  });

  it('cuts long echoed values without splitting a character', () => {
    const token = '😀'.repeat(5000);
    const [violation] = validateStartFaceDetectionRequest(start({ JobTag: token })).violations;
    expect(violation?.message).toContain(`Value '${'😀'.repeat(MAX_ECHOED_VALUE_LENGTH)}...' at 'jobTag'`);
    expect(violation?.value).toBe(token); // the violation keeps the whole value for the caller
  });

  it('counts length in code points, as the model does', () => {
    expect(isStartFaceDetectionRequest({ Video: { S3Object: { Bucket: 'abc', Name: '😀'.repeat(1024) } } })).toBe(true);
    expect(validateStartFaceDetectionRequest({ Video: { S3Object: { Bucket: 'abc', Name: '😀'.repeat(1025) } } }).violations[0]?.kind).toBe(
      'length',
    );
  });
});

describe('hostile input', () => {
  const hostile: [string, unknown][] = [
    ['null', null],
    ['a string', 'Video'],
    ['a number', 42],
    ['__proto__ and constructor keys', JSON.parse('{"__proto__":{"Video":1},"constructor":{"prototype":{}},"Video":{}}')],
    ['a null-prototype object', Object.assign(Object.create(null), { Video: {} })],
    ['deep nesting', JSON.parse(`{"Video":${'['.repeat(5000)}${']'.repeat(5000)}}`)],
    [
      'a cycle',
      (() => {
        const v: Record<string, unknown> = {};
        v.S3Object = v;
        return { Video: v };
      })(),
    ],
  ];
  it.each(hostile)('%s gives an answer, not an exception', (_, value) => {
    for (const [validate, is] of Object.values(validators)) {
      expect(() => validate(value)).not.toThrow();
      expect(typeof is(value)).toBe('boolean');
    }
  });
});
