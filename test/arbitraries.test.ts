// The arbitraries against the validators: every valid value is valid, every invalid request is
// refused for exactly the member and kind it is labelled with. Both derive from the spec, by
// different roads (fast-check from the constraints, the compiled checks from the schemas).
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
import { invalidValuesOfSchema, WRONG_TYPE_RULE } from '../src/arbitraries/invalidValueOf.js';
import { invalidRequestCasesOf, nullMemberRequestCasesOf } from '../src/arbitraries/requests.js';
import { allowedChar } from '../src/arbitraries/valueOf.js';
import type { CheckContext } from '../src/conformance/Check.js';
import { invalidRequestCases, nullMemberCases, uniqueTokens } from '../src/conformance/checks/requests.js';
import { embeddedTarget, runConformance } from '../src/conformance/index.js';
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
      for (const { arbitrary } of cases) {
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

/** The rule a case is named by, from the rule a value carries: every wrong JSON type is one case. */
const caseRuleOf = (rule: string) => (rule.startsWith(`${WRONG_TYPE_RULE} (`) ? WRONG_TYPE_RULE : rule);

describe('labelled cases', () => {
  it.each(Object.keys(schemas).filter((name) => ['string', 'integer', 'number'].includes(schemas[name]!.type)))(
    'invalidValuesOfSchema(%s): each case carries its kind and rule on every value',
    (name) => {
      const cases = invalidValuesOfSchema(schemas[name]!);
      expect(cases.map((c) => c.rule)).toContain(WRONG_TYPE_RULE);
      for (const c of cases) {
        for (const value of fc.sample(c.arbitrary, { numRuns: 30, seed: 1 })) {
          expect([value.kind, caseRuleOf(value.rule)], `${name} ${c.rule}`).toEqual([c.kind, c.rule]);
        }
      }
    },
  );

  it.each([
    ['StartFaceDetectionRequest', startFaceDetectionRequest()],
    ['GetFaceDetectionRequest', getFaceDetectionRequest()],
  ] as const)('invalidRequestCasesOf(%s): each case carries its member, path, kind and rule on every request', (shape, valid) => {
    const cases = invalidRequestCasesOf(shape, valid as fc.Arbitrary<Record<string, unknown>>);
    expect(new Set(cases.map((c) => `${c.member}: ${c.rule}`)).size).toBe(cases.length);
    for (const c of cases) {
      for (const r of fc.sample(c.arbitrary, { numRuns: 20, seed: 2 })) {
        expect([r.member, r.path, r.kind, caseRuleOf(r.rule)]).toEqual([c.member, c.path, c.kind, c.rule]);
      }
    }
    for (const c of nullMemberRequestCasesOf(shape, valid as fc.Arbitrary<Record<string, unknown>>)) {
      for (const r of fc.sample(c.arbitrary, { numRuns: 20, seed: 2 })) {
        expect([r.member, r.path, r.required]).toEqual([c.member, c.path, c.required]);
      }
    }
  });

  // The fields of a run's context the request cases read.
  const contextOf = (economical: boolean) =>
    ({
      economical,
      probeVideo: { Bucket: 'b-of-no-one', Name: 'probe.mp4' },
      uniqueToken: uniqueTokens(),
    }) as Partial<CheckContext> as CheckContext;

  it.each([false, true])('the suite names each case by the labels its requests carry (economical: %s)', (economical) => {
    const context = contextOf(economical);
    const invalid = invalidRequestCases(context);
    const nulls = nullMemberCases(context);
    expect(new Set(invalid.map((c) => c.name)).size).toBe(invalid.length);
    expect(new Set(nulls.map((c) => c.name)).size).toBe(nulls.length);
    for (const c of invalid) {
      expect(c.name).toBe(`${c.operation} ${c.member}: ${c.rule}`);
      for (const r of fc.sample(c.arbitrary, { numRuns: 10, seed: 3 })) {
        expect(`${r.operation} ${r.member}: ${caseRuleOf(r.rule)}`).toBe(c.name);
        expect(r.kind).toBe(c.kind);
      }
    }
    for (const c of nulls) {
      for (const r of fc.sample(c.arbitrary, { numRuns: 10, seed: 3 })) expect(`${r.operation} ${r.member}: null`).toBe(c.name);
    }
  });

  it('makes the invalid cases once per run', () => {
    const context = contextOf(false);
    expect(invalidRequestCases(context)).toBe(invalidRequestCases(context));
    expect(invalidRequestCases(contextOf(false))).not.toBe(invalidRequestCases(context));
  });
});

describe('shrinking', () => {
  /** The value a case's counterexample shrinks to, for a property that fails on the values `fails` picks. */
  const shrunk = (name: string, rule: string, fails: (value: string) => boolean = () => true): string => {
    const c = invalidValuesOfSchema(schemas[name]!).find((k) => k.rule === rule)!;
    const details = fc.check(
      fc.property(c.arbitrary, ({ value }) => !fails(value as string)),
      { seed: 5 },
    );
    return (details.counterexample![0] as { value: string }).value;
  };

  it('shrinks a string far beyond maxLength to the shortest that still fails, all else its first character', () => {
    const value = shrunk('ClientRequestToken', 'far beyond maxLength', (v) => v.includes('Z'));
    expect(value.length).toBe(schemas.ClientRequestToken!.maxLength + 2);
    expect(value.replace('Z', '')).toMatch(/^(.)\1*$/);
  });

  it('shrinks a padded enum value to the first value and pad', () => {
    expect(shrunk('FaceAttributes', 'enum padded')).toBe('DEFAULT ');
    expect(shrunk('FaceAttributes', 'enum padded', (v) => v.endsWith('ALL\n'))).toBe('ALL\n');
    expect(shrunk('FaceAttributes', 'enum other case')).toBe('default');
  });

  it("draws and shrinks any character as fast-check's binary unit does (a member without a pattern)", () => {
    const ours = fc.string({ unit: allowedChar({ type: 'string' }), maxLength: 8 });
    const binary = fc.string({ unit: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), maxLength: 8 });
    expect(fc.sample(ours, { seed: 11, numRuns: 300 })).toEqual(fc.sample(binary, { seed: 11, numRuns: 300 }));
    const fails = (value: string) => [...value].some((c) => c.codePointAt(0)! > 0xffff);
    const shrunkOf = (a: fc.Arbitrary<string>) =>
      fc.check(
        fc.property(a, (v) => !fails(v)),
        { seed: 3 },
      ).counterexample;
    expect(shrunkOf(ours)).toEqual(shrunkOf(binary));
    expect(shrunkOf(ours)).toEqual(['\u{10000}']);
  });
});

describe('unique tokens', () => {
  it('each maker counts from its own start under its own nonce', () => {
    const [one, two] = [uniqueTokens(), uniqueTokens()];
    const ones = ['a', 'a', 'b'].map(one);
    const twos = ['a', 'a', 'b'].map((t) => two(t));
    expect(new Set([...ones, ...twos]).size).toBe(6);
    expect(ones.map((t) => t.slice(-1))).toEqual(['0', '1', '2']);
    expect(twos.map((t) => t.slice(-1))).toEqual(['0', '1', '2']);
    expect(one('x'.repeat(64))).toHaveLength(64);
  });

  it('two runs in one process send tokens of their own, each run counting from zero', async () => {
    // The tokens negative-rejection made unique: its cases of other members send them.
    const unique = /-([0-9a-f]{12})([0-9a-z]+)$/;
    const runOnce = async () => {
      const target = embeddedTarget();
      const sends: RegExpExecArray[] = [];
      const send = target.send.bind(target);
      target.send = (request) => {
        const token = request.operation === 'StartFaceDetection' ? JSON.parse(request.body)?.ClientRequestToken : undefined;
        const match = typeof token === 'string' ? unique.exec(token) : null;
        if (match) sends.push(match);
        return send(request);
      };
      await runConformance({ target, seed: 9, runs: 100, checks: ['negative-rejection'] });
      return { nonces: new Set(sends.map((m) => m[1])), counts: sends.map((m) => m[2]), tokens: sends.map((m) => m.input) };
    };
    const first = await runOnce();
    const second = await runOnce();
    expect(first.nonces.size).toBe(1);
    expect(second.nonces.size).toBe(1);
    expect([...first.nonces]).not.toEqual([...second.nonces]);
    expect(first.tokens.filter((t) => second.tokens.includes(t))).toEqual([]);
    // The same seed sends as many tokens, and each run counts its own from zero.
    expect(first.counts.length).toBeGreaterThan(10);
    expect(second.counts).toEqual(first.counts);
    expect(first.counts[0]).toBe('0');
  });
});
