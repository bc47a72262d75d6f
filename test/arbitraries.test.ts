// The arbitraries against the validators: every valid value is valid, every invalid request is
// refused for exactly the member and kind it is labelled with. Both derive from the spec, by
// different roads (fast-check from the constraints, ajv from the schemas).
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  getFaceDetectionRequest,
  invalidClientRequestToken,
  invalidFaceAttributes,
  invalidGetFaceDetectionRequest,
  invalidJobTag,
  invalidStartFaceDetectionRequest,
  startFaceDetectionRequest,
  valueOf,
  type InvalidRequest,
} from '../src/arbitraries/index.js';
import { validateGetFaceDetectionRequest, validateGetFaceDetectionResponse, validateStartFaceDetectionRequest } from '../src/index.js';
import { nullMemberRequestCasesOf } from '../src/arbitraries/requests.js';
import { schemas } from '../generated/schemas.js';
import type { FaceDetail, GetFaceDetectionRequest, StartFaceDetectionRequest } from '../generated/types.js';

const runs = { numRuns: 300, seed: 42 };

describe('valid arbitraries', () => {
  it('startFaceDetectionRequest() is always valid', () => {
    fc.assert(
      fc.property(startFaceDetectionRequest(), (r) => validateStartFaceDetectionRequest(r).valid),
      runs,
    );
  });
  it('getFaceDetectionRequest() is always valid', () => {
    fc.assert(
      fc.property(getFaceDetectionRequest(), (r) => validateGetFaceDetectionRequest(r).valid),
      runs,
    );
  });
  it('valueOf(GetFaceDetectionResponse) is always valid, FaceDetail and all', () => {
    fc.assert(
      fc.property(valueOf('GetFaceDetectionResponse'), (r) => validateGetFaceDetectionResponse(r).valid),
      { ...runs, numRuns: 100 },
    );
  });

  it('reach both length bounds, every enum value, optional members present and absent', () => {
    const sample = fc.sample(startFaceDetectionRequest(), { numRuns: 2000, seed: 7 });
    const tokens = sample.map((r) => r.ClientRequestToken).filter((t): t is string => t !== undefined);
    expect(tokens.some((t) => t.length === 1)).toBe(true);
    expect(tokens.some((t) => t.length === schemas.ClientRequestToken!.maxLength)).toBe(true);
    expect(sample.some((r) => r.JobTag?.length === 1024)).toBe(true);
    expect(new Set(sample.map((r) => r.FaceAttributes))).toEqual(new Set([undefined, 'DEFAULT', 'ALL']));
    expect(sample.some((r) => r.NotificationChannel !== undefined)).toBe(true);
    for (const c of ['a', 'Z', '0', '-', '_'])
      expect(
        tokens.some((t) => t.includes(c)),
        c,
      ).toBe(true);
  });

  it('valueOf is typed by the schema it is named after', () => {
    expectTypeOf(valueOf('JobTag')).toEqualTypeOf<fc.Arbitrary<string>>();
    expectTypeOf(valueOf('MaxResults')).toEqualTypeOf<fc.Arbitrary<number>>();
    expectTypeOf(valueOf('StartFaceDetectionRequest')).toEqualTypeOf<fc.Arbitrary<StartFaceDetectionRequest>>();
    expectTypeOf(valueOf('GetFaceDetectionRequest', { maxItems: 1 })).toEqualTypeOf<fc.Arbitrary<GetFaceDetectionRequest>>();
    expectTypeOf(valueOf('FaceDetail')).toEqualTypeOf<fc.Arbitrary<FaceDetail>>();
    // @ts-expect-error: no schema of the spec has this name
    expect(() => valueOf('NoSuchSchema')).toThrow();
  });

  it('pins the video and the token when asked', () => {
    const video = { Bucket: 'my-videos', Name: 'v.mp4' };
    for (const r of fc.sample(startFaceDetectionRequest({ video, withToken: true }), 50)) {
      expect(r.Video).toEqual({ S3Object: video });
      expect(r.ClientRequestToken).toBeDefined();
    }
  });
});

function refusedAsLabelled(validate: typeof validateStartFaceDetectionRequest) {
  return (invalid: InvalidRequest) => {
    const result = validate(invalid.request);
    expect(result.valid, JSON.stringify(invalid)).toBe(false);
    const violation = result.violations.find((v) => v.path === invalid.path);
    expect(violation, `${invalid.member} ${invalid.rule}: ${result.message}`).toBeDefined();
    // A wrong type or null is also reported as `type`; everything else under its own kind.
    expect(result.violations.some((v) => v.path === invalid.path && v.kind === invalid.kind)).toBe(true);
  };
}

describe('invalid arbitraries', () => {
  it('invalidStartFaceDetectionRequest() is refused for its labelled member and kind', () => {
    fc.assert(fc.property(invalidStartFaceDetectionRequest(), refusedAsLabelled(validateStartFaceDetectionRequest)), runs);
  });
  it('invalidGetFaceDetectionRequest() is refused for its labelled member and kind', () => {
    fc.assert(fc.property(invalidGetFaceDetectionRequest(), refusedAsLabelled(validateGetFaceDetectionRequest)), runs);
  });

  it('cover every member and rule of StartFaceDetection', () => {
    const sample = fc.sample(invalidStartFaceDetectionRequest(), { numRuns: 4000, seed: 3 });
    const members = new Set(sample.map((s) => s.member));
    expect([...members].sort()).toEqual(
      [
        'ClientRequestToken',
        'FaceAttributes',
        'JobTag',
        'NotificationChannel',
        'NotificationChannel.RoleArn',
        'NotificationChannel.SNSTopicArn',
        'Video',
        'Video.S3Object',
        'Video.S3Object.Bucket',
        'Video.S3Object.Name',
        'Video.S3Object.Version',
      ].sort(),
    );
    const rules = new Set(sample.map((s) => `${s.member}: ${s.rule}`));
    for (const rule of [
      'ClientRequestToken: maxLength+1',
      'ClientRequestToken: minLength-1',
      'ClientRequestToken: far beyond maxLength',
      'ClientRequestToken: forbidden character at the start',
      'ClientRequestToken: forbidden character at the middle',
      'ClientRequestToken: forbidden character at the end',
      'JobTag: forbidden character at the end',
      'Video.S3Object.Bucket: minLength-1',
      'FaceAttributes: enum other case',
      'FaceAttributes: enum padded',
      'FaceAttributes: enum empty',
      'FaceAttributes: enum other word',
      'NotificationChannel.RoleArn: required member missing',
      'NotificationChannel.SNSTopicArn: forbidden character at the end',
      'Video: required member missing',
      'Video: required member null',
      'NotificationChannel.SNSTopicArn: required member null',
    ])
      expect(rules, rule).toContain(rule);
    // null is no wrong type: an optional member sent as null is absent, so a valid request.
    expect(sample.filter((s) => s.rule.startsWith('wrong JSON type') && JSON.stringify(s.request).includes('null'))).toEqual([]);
  });

  it.each([
    ['StartFaceDetectionRequest', startFaceDetectionRequest(), validateStartFaceDetectionRequest],
    ['GetFaceDetectionRequest', getFaceDetectionRequest(), validateGetFaceDetectionRequest],
  ] as const)(
    'nullMemberRequestCasesOf(%s): a null optional member leaves a valid request, a null required one a missing member',
    (shape, valid, validate) => {
      const cases = nullMemberRequestCasesOf(shape, valid as fc.Arbitrary<Record<string, unknown>>);
      expect(cases.length).toBeGreaterThan(0);
      for (const arbitrary of cases) {
        fc.assert(
          fc.property(arbitrary, ({ request, path, required }) => {
            const result = validate(request);
            if (!required) expect(result.valid, JSON.stringify(request)).toBe(true);
            else expect(result.violations.map((v) => [v.path, v.kind])).toEqual([[path, 'required']]);
          }),
          { numRuns: 20 },
        );
      }
    },
  );

  it.each([
    [
      'invalidClientRequestToken',
      invalidClientRequestToken,
      validateStartFaceDetectionRequest,
      (v: unknown) => ({ Video: {}, ClientRequestToken: v }),
    ],
    ['invalidJobTag', invalidJobTag, validateStartFaceDetectionRequest, (v: unknown) => ({ Video: {}, JobTag: v })],
    ['invalidFaceAttributes', invalidFaceAttributes, validateStartFaceDetectionRequest, (v: unknown) => ({ Video: {}, FaceAttributes: v })],
  ] as const)('%s() values are refused', (_, arbitrary, validate, wrap) => {
    fc.assert(
      fc.property(arbitrary(), (bad) => !validate(wrap(bad.value)).valid),
      runs,
    );
  });
});
