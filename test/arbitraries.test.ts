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
import { CANDIDATE_CHARACTERS, forbiddenCharactersOf, invalidValuesOfSchema, WRONG_TYPE_RULE } from '../src/arbitraries/invalidValueOf.js';
import { boundaryRequestsOf, invalidRequestCasesOf, nullMemberRequestCasesOf } from '../src/arbitraries/requests.js';
import { allowedChar, canonicalValueOf, singleClassOf } from '../src/arbitraries/valueOf.js';
import { schemaAt } from '../src/contract/specSchema.js';
import type { CheckContext } from '../src/conformance/Check.js';
import { invalidRequestCases, nullMemberCases, uniqueTokens } from '../src/conformance/checks/requests.js';
import { embeddedTarget, runConformance } from '../src/conformance/index.js';
import { schemas } from '../generated/schemas.js';
import type { FaceDetail, GetFaceDetectionRequest, StartFaceDetectionRequest } from '../generated/types.js';

const runs = { numRuns: 300, seed: 42 };

/** Whether a value is valid against the named scalar schema, as the member of a request the validators read. */
function validateAs(name: string, value: unknown): boolean {
  const where: Record<string, (v: unknown) => unknown> = {
    ClientRequestToken: (v) => ({ Video: {}, ClientRequestToken: v }),
    JobTag: (v) => ({ Video: {}, JobTag: v }),
    FaceAttributes: (v) => ({ Video: {}, FaceAttributes: v }),
    S3Bucket: (v) => ({ Video: { S3Object: { Bucket: v } } }),
    S3ObjectName: (v) => ({ Video: { S3Object: { Name: v } } }),
    S3ObjectVersion: (v) => ({ Video: { S3Object: { Version: v } } }),
    SNSTopicArn: (v) => ({ Video: {}, NotificationChannel: { SNSTopicArn: v, RoleArn: 'arn:aws:iam::123456789012:role/r' } }),
    RoleArn: (v) => ({ Video: {}, NotificationChannel: { SNSTopicArn: 'arn:aws:sns:us-east-1:123456789012:t', RoleArn: v } }),
  };
  const gets: Record<string, (v: unknown) => unknown> = {
    JobId: (v) => ({ JobId: v }),
    MaxResults: (v) => ({ JobId: 'a', MaxResults: v }),
    PaginationToken: (v) => ({ JobId: 'a', NextToken: v }),
  };
  if (where[name]) return validateStartFaceDetectionRequest(where[name](value)).valid;
  if (gets[name]) return validateGetFaceDetectionRequest(gets[name](value)).valid;
  throw new TypeError(`no request holds ${name}`);
}

/** The member at a dotted path of a request. */
const memberOf = (request: unknown, member: string): unknown =>
  member.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], request);

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
    expect(cases.length, `${shape} has invalid-request cases`).toBeGreaterThan(0);
    expect(new Set(cases.map((c) => `${c.member}: ${c.rule}`)).size).toBe(cases.length);
    for (const c of cases) {
      for (const r of fc.sample(c.arbitrary, { numRuns: 20, seed: 2 })) {
        expect([r.member, r.path, r.kind, caseRuleOf(r.rule)]).toEqual([c.member, c.path, c.kind, c.rule]);
      }
    }
    const nullCases = nullMemberRequestCasesOf(shape, valid as fc.Arbitrary<Record<string, unknown>>);
    expect(nullCases.length, `${shape} has null-member cases`).toBeGreaterThan(0);
    for (const c of nullCases) {
      for (const r of fc.sample(c.arbitrary, { numRuns: 20, seed: 2 })) {
        expect([r.member, r.path, r.required]).toEqual([c.member, c.path, c.required]);
      }
    }
  });

  // The fields of a run's context the request cases read.
  const contextOf = (jobsCost: boolean) =>
    ({
      jobsCost,
      probeVideo: { Bucket: 'b-of-no-one', Name: 'probe.mp4' },
      uniqueToken: uniqueTokens(),
    }) as Partial<CheckContext> as CheckContext;

  it.each([false, true])('the suite names each case by the labels its requests carry (jobsCost: %s)', (jobsCost) => {
    const context = contextOf(jobsCost);
    const invalid = invalidRequestCases(context);
    const nulls = nullMemberCases(context);
    expect(invalid.length, 'the suite has invalid-request cases').toBeGreaterThan(0);
    expect(nulls.length, 'the suite has null-member cases').toBeGreaterThan(0);
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

  /** `request` with the member at `keys` set to `value`; parents as they are (the case made them). */
  const restored = (request: unknown, keys: string[], value: unknown): unknown => {
    const [key, ...rest] = keys as [string, ...string[]];
    const copy = { ...(request as Record<string, unknown>) };
    copy[key] = rest.length === 0 ? value : restored(copy[key], rest, value);
    return copy;
  };
  const validatorOf = { StartFaceDetection: validateStartFaceDetectionRequest, GetFaceDetection: validateGetFaceDetectionRequest } as const;

  it.each([false, true])(
    'every invalid request breaks its case rule and no other: restoring the member leaves a valid request (jobsCost: %s)',
    (jobsCost) => {
      const cases = invalidRequestCases(contextOf(jobsCost));
      expect(cases.length, 'the suite has invalid-request cases').toBeGreaterThan(0);
      for (const c of cases) {
        const validate = validatorOf[c.operation];
        const keys = c.member.split('.');
        const schema = schemaAt(`${c.operation}Request`, keys);
        const check = (r: (typeof c.coverage)[number], where: string) => {
          const result = validate(r.request);
          const label = `${c.name} (${where}): ${JSON.stringify(r.request).slice(0, 300)}`;
          expect(result.valid, label).toBe(false);
          // Every violation is the member's own (a wrong type may also miss its enum); none of a parent or sibling.
          expect(
            result.violations.filter((v) => v.path !== c.path),
            label,
          ).toEqual([]);
          expect(
            result.violations.some((v) => v.kind === c.kind),
            label,
          ).toBe(true);
          expect(validate(restored(r.request, keys, canonicalValueOf(schema))).message, label).toBeUndefined();
        };
        for (const [i, r] of c.coverage.entries()) check(r, `coverage ${i}`);
        for (const [i, r] of fc.sample(c.arbitrary, { numRuns: 60, seed: 23 }).entries()) check(r, `draw ${i}`);
      }
    },
  );

  it('makes the invalid cases once per run', () => {
    const context = contextOf(false);
    expect(invalidRequestCases(context)).toBe(invalidRequestCases(context));
    expect(invalidRequestCases(contextOf(false))).not.toBe(invalidRequestCases(context));
  });
});

describe('coverage: every boundary of every rule, in a fixed order', () => {
  const scalarSchemas = Object.keys(schemas).filter((name) => ['string', 'integer', 'number'].includes(schemas[name]!.type));

  // The scalars requests hold (the answers' are validated, never refused).
  const requestScalars = [
    'ClientRequestToken',
    'JobTag',
    'FaceAttributes',
    'S3Bucket',
    'S3ObjectName',
    'S3ObjectVersion',
    'SNSTopicArn',
    'RoleArn',
    'JobId',
    'MaxResults',
    'PaginationToken',
  ];
  it('names every scalar a request holds', () => {
    const held = new Set(
      boundaryRequestsOf('StartFaceDetectionRequest')
        .concat(boundaryRequestsOf('GetFaceDetectionRequest'))
        .map((r) => r.member),
    );
    expect(held.size).toBe(requestScalars.length);
    expect(scalarSchemas).toEqual(expect.arrayContaining(requestScalars));
  });

  it.each(requestScalars)(
    'invalidValuesOfSchema(%s): every case lists its boundary values, each invalid, labelled with its case',
    (name) => {
      const cases = invalidValuesOfSchema(schemas[name]!);
      expect(cases.length, `${name} has invalid-value cases`).toBeGreaterThan(0);
      for (const c of cases) {
        expect(c.coverage.length, `${name} ${c.rule}`).toBeGreaterThan(0);
        for (const value of c.coverage) {
          expect([value.kind, caseRuleOf(value.rule)], `${name} ${c.rule}`).toEqual([c.kind, c.rule]);
          expect(validateAs(name, value.value), `${name} ${c.rule}: ${JSON.stringify(value.value)}`).toBe(false);
        }
        // The same list every time: nothing in it is drawn.
        expect(invalidValuesOfSchema(schemas[name]!).find((k) => k.rule === c.rule)!.coverage).toEqual(c.coverage);
      }
    },
  );

  it.each(['ClientRequestToken', 'JobTag', 'S3Bucket', 'JobId', 'SNSTopicArn', 'RoleArn'])(
    '%s: each forbidden candidate character is planted once at the start, once in the middle and once at the end',
    (name) => {
      const schema = schemas[name]!;
      const forbidden = forbiddenCharactersOf(schema);
      expect(forbidden.length).toBeGreaterThan(0);
      for (const c of forbidden) expect(new RegExp(schema.pattern, 'u').test(`a${c}a`) && singleClassOf(schema) !== undefined).toBe(false);
      const cases = invalidValuesOfSchema(schema).filter((c) => c.rule.startsWith('forbidden character'));
      expect(cases.map((c) => c.rule)).toEqual([
        'forbidden character at the start',
        'forbidden character at the middle',
        'forbidden character at the end',
      ]);
      for (const c of cases) {
        const values = c.coverage.map((v) => v.value as string);
        expect(values).toHaveLength(forbidden.length);
        const at = c.rule.split(' ').pop();
        forbidden.forEach((ch, i) => {
          const chars = [...values[i]!];
          const index = at === 'start' ? 0 : at === 'end' ? chars.length - 1 : chars.indexOf(ch);
          expect(chars[index], `${name} ${c.rule} ${JSON.stringify(ch)}`).toBe(ch);
          if (at === 'middle') expect(index > 0 && index < chars.length - 1).toBe(true);
        });
      }
    },
  );

  it('tries every printable ASCII character, and the line terminators and look-alikes regex dialects disagree on', () => {
    for (let code = 0x20; code < 0x7f; code++) expect(CANDIDATE_CHARACTERS).toContain(String.fromCharCode(code));
    for (const c of ['\n', '\r', '\u0085', '\u2028', '\u2029', '\u212a', '\u017f', '\uff41', '\u0661', '😀'])
      expect(CANDIDATE_CHARACTERS).toContain(c);
    // The ClientRequestToken an endpoint of the issue admitted one punctuation character into: all of it is tried.
    const token = forbiddenCharactersOf(schemas.ClientRequestToken!);
    for (const c of '!"#$%&\'()*+,./:;<=>?@[\\]^`{|}~ ') expect(token).toContain(c);
    // An ARN's pattern forbids what no place in it takes: line terminators for a topic (its region and name are `.*`).
    expect(forbiddenCharactersOf(schemas.SNSTopicArn!)).toEqual(['\n', '\r', '\u0085', '\u2028', '\u2029']);
  });

  it('lists each length bound ±1 in code points, each integer bound, each overflow that breaks nothing else', () => {
    const coverage = (name: string, rule: string) =>
      invalidValuesOfSchema(schemas[name]!)
        .find((c) => c.rule === rule)!
        .coverage.map((v) => v.value);
    expect(coverage('ClientRequestToken', 'maxLength+1').map((v) => [...(v as string)].length)).toEqual([65]);
    expect(coverage('S3Bucket', 'minLength-1').map((v) => [...(v as string)].length)).toEqual([2]);
    expect(coverage('JobTag', 'far beyond maxLength').map((v) => [...(v as string)].length)).toEqual([1024 * 4 + 2]);
    expect(coverage('MaxResults', 'minimum-1')).toEqual([0]);
    expect(coverage('MaxResults', 'far below minimum')).toEqual([-1, -(2 ** 31)]);
    // Below int32 is below the minimum too: two rules, so not sent.
    expect(coverage('MaxResults', 'past int32')).toEqual([2 ** 31, 2 ** 53, 1e300]);
    expect(coverage('MaxResults', 'wrong JSON type')).toEqual([{}, [], '1', true]);
    expect(coverage('FaceAttributes', 'enum other case')).toEqual(['default', 'all']);
    expect(coverage('FaceAttributes', 'enum truncated')).toEqual(['DEFAUL', 'AL']);
  });

  it('boundaryRequestsOf: every request valid, each member at each length bound (astral too), every allowed character, every enum value', () => {
    for (const [shape, validate] of [
      ['StartFaceDetectionRequest', validateStartFaceDetectionRequest],
      ['GetFaceDetectionRequest', validateGetFaceDetectionRequest],
    ] as const) {
      const requests = boundaryRequestsOf(shape);
      for (const r of requests) expect(validate(r.request).message, `${r.member} ${r.rule}`).toBeUndefined();
      expect(requests.length).toBeGreaterThan(5);
    }
    const starts = boundaryRequestsOf('StartFaceDetectionRequest');
    const of = (member: string, rule: string) =>
      starts.filter((r) => r.member === member && r.rule === rule).map((r) => memberOf(r.request, member));
    expect(of('Video.S3Object.Name', 'at maxLength in astral code points')).toEqual(['😀'.repeat(1024)]);
    expect(of('ClientRequestToken', 'every allowed character').join('').split('').sort().join('')).toBe(
      [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_'].sort().join(''),
    );
    expect(of('JobTag', 'every allowed character').join('')).toContain(':');
    expect(starts.filter((r) => r.member === 'FaceAttributes').map((r) => r.rule)).toEqual(['enum value DEFAULT', 'enum value ALL']);
    const gets = boundaryRequestsOf('GetFaceDetectionRequest');
    expect(gets.filter((r) => r.member === 'MaxResults').map((r) => r.request.MaxResults)).toEqual([1, 2 ** 31 - 1, 100]);
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
