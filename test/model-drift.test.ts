import { describe, expect, it } from 'vitest';
import { awsMeaning, driftBetween, errorBodyDrift, patternDrift, probeStrings, reachableShapes } from './model-drift.js';
import { loadSpec, model } from './spec.js';

describe('spec/openapi.yaml against the official model', () => {
  it('the fixture is the model botocore ships', () => {
    expect(model.source).toMatch(/^boto\/botocore@[0-9a-f]{40} botocore\/data\/rekognition\/2016-06-27\/service-2\.json/);
    expect(loadSpec().info['x-aws-source'].model).toBe(model.source.split(' (')[0]);
  });

  it('covers every shape the two operations reach', () => {
    const reached = reachableShapes(model);
    expect(reached.size).toBe(54);
    const schemas = loadSpec().components.schemas;
    for (const name of reached) expect(schemas, name).toHaveProperty(name);
  });

  it('has no drift: members, types, required, lengths, ranges, enums, patterns, errors, statuses', () => {
    expect(driftBetween(loadSpec(), model)).toEqual([]);
  });

  it('gives every modelled error the members the SDK reads', () => {
    expect(errorBodyDrift(loadSpec(), model)).toEqual([]);
  });
});

// Each row breaks the spec in one way; the drift check must name it. This is what keeps the
// check above from passing by accident.
const s = (spec: any) => spec.components.schemas;
const start = (spec: any) => spec.paths['/#X-Amz-Target=RekognitionService.StartFaceDetection'].post;
const get = (spec: any) => spec.paths['/#X-Amz-Target=RekognitionService.GetFaceDetection'].post;
const mutations: [string, (spec: any) => void, RegExp][] = [
  ['maxLength one over', (x) => (s(x).ClientRequestToken.maxLength = 65), /ClientRequestToken: maxLength 65, model max 64/],
  ['maxLength one under', (x) => (s(x).JobTag.maxLength = 1023), /JobTag: maxLength 1023/],
  ['minLength dropped', (x) => delete s(x).S3Bucket.minLength, /S3Bucket: minLength undefined, model min 3/],
  ['maxLength added', (x) => (s(x).SNSTopicArn.maxLength = 2048), /SNSTopicArn: maxLength 2048, model max undefined/],
  ['minimum changed', (x) => (s(x).MaxResults.minimum = 0), /MaxResults: minimum 0, model min 1/],
  ['maximum dropped', (x) => delete s(x).Percent.maximum, /Percent: maximum undefined, model max 100/],
  ['exclusiveMinimum added', (x) => (s(x).Degree.exclusiveMinimum = -181), /Degree: exclusiveMinimum -181 is not in the model/],
  ['enum value missing', (x) => s(x).VideoJobStatus.enum.pop(), /VideoJobStatus: enum/],
  ['enum value recased', (x) => (s(x).FaceAttributes.enum[0] = 'default'), /FaceAttributes: enum/],
  ['type changed', (x) => (s(x).Timestamp.type = 'number'), /Timestamp: type number, model says long/],
  ['int format changed', (x) => (s(x).UInteger.format = 'int64'), /UInteger: format int64/],
  [
    'member added',
    (x) => (s(x).Video.properties.Bytes = { $ref: '#/components/schemas/String', description: 'x' }),
    /Video: members \[Bytes,S3Object\]/,
  ],
  ['member removed', (x) => delete s(x).FaceDetail.properties.Smile, /FaceDetail: members/],
  [
    'member retargeted',
    (x) => (s(x).FaceDetail.properties.Confidence.$ref = '#/components/schemas/Float'),
    /FaceDetail.Confidence: refers to Float, model says Percent/,
  ],
  ['required dropped', (x) => (s(x).NotificationChannel.required = ['SNSTopicArn']), /NotificationChannel: required \[SNSTopicArn\]/],
  ['required added', (x) => (s(x).S3Object.required = ['Bucket']), /S3Object: required \[Bucket\]/],
  ['description missing', (x) => delete s(x).Landmark.properties.X.description, /Landmark.X: no description/],
  [
    'null allowed elsewhere',
    (x) =>
      (s(x).FaceDetail.properties.Pose = {
        description: 'p',
        'x-aws-nullable': true,
        anyOf: [{ $ref: '#/components/schemas/Pose' }, { type: 'null' }],
      }),
    /FaceDetail.Pose: anyOf is allowed only/,
  ],
  ['pattern unanchored at the end', (x) => (s(x).ClientRequestToken.pattern = '^[a-zA-Z0-9-_]+'), /ClientRequestToken: pattern .* accepts/],
  ['pattern unanchored at the start', (x) => (s(x).JobTag.pattern = '[a-zA-Z0-9_.\\-:+=\\/]+$'), /JobTag: pattern .* accepts/],
  [
    'pattern unanchored',
    (x) => (s(x).RoleArn.pattern = 'arn:aws:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+'),
    /RoleArn: pattern .* accepts/,
  ],
  ['pattern too strict', (x) => (s(x).S3Bucket.pattern = '^[0-9a-z\\.\\-_]*$'), /S3Bucket: pattern .* rejects/],
  ['pattern with JS dot', (x) => (s(x).SNSTopicArn.pattern = '^arn:aws:sns:.*:\\w{12}:.+$'), /SNSTopicArn: pattern .* accepts .*\\u\{85\}/],
  ['x-aws-pattern edited', (x) => (s(x).JobId['x-aws-pattern'] = '^[a-z0-9]+$'), /JobId: x-aws-pattern/],
  ['pattern added', (x) => (s(x).S3ObjectName.pattern = '^.+$'), /S3ObjectName: pattern \^\.\+\$ is not in the model/],
  [
    'error missing',
    (x) => (start(x).responses['400'] = { $ref: '#/components/responses/GetFaceDetectionClientError' }),
    /StartFaceDetection: does not answer IdempotentParameterMismatchException/,
  ],
  [
    'error of another operation',
    (x) => (start(x).responses['400'] = { $ref: '#/components/responses/GetFaceDetectionClientError' }),
    /StartFaceDetection: answers ResourceNotFoundException, which the model does not declare/,
  ],
  [
    'error status wrong',
    (x) => {
      get(x).responses['500'] = { $ref: '#/components/responses/ServerError' };
      x.components.responses.ServerError.content['application/x-amz-json-1.1'].schema.oneOf.pop();
      get(x).responses['400'] = structuredClone(x.components.responses.GetFaceDetectionClientError);
      get(x).responses['400'].content['application/x-amz-json-1.1'].schema.oneOf.push({ $ref: '#/components/schemas/ThrottlingException' });
      get(x).responses['400'].content['application/x-amz-json-1.1'].examples.ThrottlingException = {};
    },
    /GetFaceDetection: answers ThrottlingException with 400, the API reference says 500/,
  ],
  [
    'error fault wrong',
    (x) => (s(x).ThrottlingException['x-aws-error'].fault = 'client'),
    /ThrottlingException: x-aws-error.fault is client/,
  ],
  [
    'error example missing',
    (x) => delete x.components.responses.ServerError.content['application/x-amz-json-1.1'].examples.InternalServerError,
    /no example for InternalServerError/,
  ],
  ['target wrong', (x) => (get(x)['x-amz-target'] = 'RekognitionService.GetFaces'), /GetFaceDetection: x-amz-target/],
  ['target header loose', (x) => delete start(x).parameters[0].schema.const, /StartFaceDetection: the X-Amz-Target header/],
  ['api version wrong', (x) => (x.info.version = '2017-01-01'), /info.version/],
  ['extra shape', (x) => (s(x).Foo = { type: 'string', 'x-aws-shape': 'Foo', description: 'f' }), /Foo: claims to be a model shape/],
];

describe('the drift check catches', () => {
  it.each(mutations)('%s', (_, mutate, expected) => {
    const spec = loadSpec();
    mutate(spec);
    const drift = driftBetween(spec, model);
    expect(
      drift.some((d) => expected.test(d)),
      drift.join('\n'),
    ).toBe(true);
  });

  it('a missing error body member', () => {
    const spec = loadSpec();
    delete spec.components.schemas.RekognitionError.properties.Logref;
    expect(errorBodyDrift(spec, model)).toEqual(['RekognitionError: no string member Logref']);
  });
});

describe('pattern probing', () => {
  it('reads model patterns as Java applies them: whole value, Java dot', () => {
    const arn = awsMeaning('(^arn:aws:sns:.*:\\w{12}:.+$)');
    expect(arn.test('arn:aws:sns:us-east-1:123456789012:topic')).toBe(true);
    expect(arn.test('arn:aws:sns:us-east-1:123456789012:to\u0085pic')).toBe(false);
    expect(awsMeaning('[a-z]+').test('ab1')).toBe(false);
    expect(awsMeaning('[.]+').test('..')).toBe(true); // a dot inside a class stays a dot
    expect(awsMeaning('[.]+').test('ab')).toBe(false);
  });

  it('probes values valid only as a prefix, a suffix or a middle part', () => {
    const probes = probeStrings(['abc']);
    expect(probes).toEqual(expect.arrayContaining(['abc', 'abc!', '!abc', 'a!bc', '!abc!', '', 'abc\nabc']));
  });

  it('accepts a pattern equal in meaning though written otherwise', () => {
    expect(patternDrift('T', '^[0-9a-zA-Z\\-\\._]*$', '[0-9A-Za-z\\.\\-_]*', ['my-bucket'])).toEqual([]);
  });

  it('names a pattern that does not compile as ajv compiles it', () => {
    expect(patternDrift('T', '^[a-z]+(?<x$', '[a-z]+', ['abc'])[0]).toMatch(/does not compile/);
  });
});
