// Valid and invalid requests of both operations. Invalid ones break exactly one rule of one member
// (or leave out one required member), and say which: every parent of the member is there, with its
// required members valid. Each case also lists its boundary requests (`coverage`): each of the
// rule's boundary values planted in one fixed valid request.
import fc from 'fast-check';
import type { GetFaceDetectionRequest, S3Object, StartFaceDetectionRequest } from '../../generated/types.js';
import { memberPath } from '../contract/violation.js';
import type { ViolationKind } from '../contract/violation.js';
import type { RuleKeyword } from '../contract/facts.js';
import { membersOf, schemaAt } from '../contract/specSchema.js';
import { invalidValuesOfSchema, WRONG_TYPE_RULE, type InvalidValue } from './invalidValueOf.js';
import { boundaryValuesOf, canonicalValueOf, schemaOf, valueOf, valueOfSchema, type ValueConstraints } from './valueOf.js';

export interface StartFaceDetectionRequestConstraints extends ValueConstraints {
  /** Pin the video (to one your account can read, against real AWS). */
  video?: S3Object;
  /** Always send a ClientRequestToken (true), never (false), or either (default). */
  withToken?: boolean;
}

/** Valid StartFaceDetection requests: every member at its bounds, optional members present and absent. */
export function startFaceDetectionRequest(constraints: StartFaceDetectionRequestConstraints = {}): fc.Arbitrary<StartFaceDetectionRequest> {
  return valueOf('StartFaceDetectionRequest', constraints).chain((request) => {
    const pinned = constraints.video ? { ...request, Video: { S3Object: constraints.video } } : request;
    if (constraints.withToken === false) {
      const { ClientRequestToken: _, ...rest } = pinned;
      return fc.constant(rest);
    }
    if (constraints.withToken && pinned.ClientRequestToken === undefined) {
      return valueOf('ClientRequestToken').map((ClientRequestToken) => ({ ...pinned, ClientRequestToken }));
    }
    return fc.constant(pinned);
  });
}

export interface GetFaceDetectionRequestConstraints extends ValueConstraints {
  /** Pin the JobId (a job you started). */
  jobId?: string;
}

/** Valid GetFaceDetection requests. */
export function getFaceDetectionRequest(constraints: GetFaceDetectionRequestConstraints = {}): fc.Arbitrary<GetFaceDetectionRequest> {
  const requests = valueOf('GetFaceDetectionRequest', constraints);
  return constraints.jobId === undefined ? requests : requests.map((r) => ({ ...r, JobId: constraints.jobId! }));
}

/** A request that breaks one rule, labelled with the member and the rule. */
export interface InvalidRequest<T = Record<string, unknown>> {
  request: T;
  /** The member in the request's own names: `NotificationChannel.RoleArn`. */
  member: string;
  /** The member path as AWS's messages write it: `notificationChannel.roleArn`. */
  path: string;
  kind: ViolationKind;
  rule: string;
}

/** One member and rule of an input schema, labelled beside the requests that break it. */
export interface InvalidRequestCase<T = Record<string, unknown>> {
  member: string;
  path: string;
  /** The kind every request of the case carries. */
  kind: ViolationKind;
  /** The schema keyword whose rule the case breaks (see InvalidValueCase.keyword). */
  keyword: RuleKeyword;
  /** The case's rule: each request's own, but for wrong JSON types, whose requests say which type (`wrong JSON type (array)`). */
  rule: string;
  arbitrary: fc.Arbitrary<InvalidRequest<T>>;
  /** Each of the rule's boundary values in the case's fixed request, in an order no seed changes (see InvalidValueCase.coverage). */
  coverage: InvalidRequest<T>[];
}

/** The rule of a required member sent as null: a missing member, as the protocol reads it. */
export const NULL_RULE = 'required member null';

/** Valid requests in which the parents of the member at `keys` are present. */
function withParents(
  inputSchema: string,
  valid: fc.Arbitrary<Record<string, unknown>>,
  keys: string[],
): fc.Arbitrary<Record<string, unknown>> {
  const parents = keys.slice(0, -1);
  if (parents.length === 0) return valid;
  return fc.tuple(valid, valueOfSchema(schemaAt(inputSchema, parents))).map(([request, parent]) => {
    const present = parents.reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], request);
    return present === undefined ? withMember(request, parents, parent) : request;
  });
}

/** `request` with every parent of the member at `keys` present: those it lacks, canonical (see canonicalValueOf). */
function withCanonicalParents(inputSchema: string, request: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  let out = request;
  for (let depth = 1; depth < keys.length; depth++) {
    const parents = keys.slice(0, depth);
    const present = parents.reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], out);
    if (present === undefined) out = withMember(out, parents, canonicalValueOf(schemaAt(inputSchema, parents)));
  }
  return out;
}

/** A request with one member sent as `null`, labelled with the member and whether it is required. */
export interface NullMemberRequest<T = Record<string, unknown>> {
  request: T;
  member: string;
  path: string;
  /** A required member sent as null is a missing one; an optional one is simply absent. */
  required: boolean;
}

/** One member of an input schema, labelled beside the requests that send it as null. */
export interface NullMemberRequestCase<T = Record<string, unknown>> {
  member: string;
  path: string;
  required: boolean;
  arbitrary: fc.Arbitrary<NullMemberRequest<T>>;
  /** The member sent as null in the fixed request. */
  coverage: NullMemberRequest<T>[];
}

/**
 * One arbitrary per member of the named input schema: valid requests with that member sent as
 * `null`. The service reads them as if the member were absent (awsJson1_1): for an optional member,
 * a valid request; for a required one, a missing member.
 */
export function nullMemberRequestCasesOf(
  inputSchema: string,
  valid: fc.Arbitrary<Record<string, unknown>>,
  fixed = canonicalValueOf(schemaOf(inputSchema)) as Record<string, unknown>,
): NullMemberRequestCase[] {
  return membersOf(inputSchema).map((member) => {
    const label = { member: member.keys.join('.'), path: memberPath(`/${member.keys.join('/')}`), required: member.required };
    return {
      ...label,
      arbitrary: withParents(inputSchema, valid, member.keys).map((request) => ({
        request: withMember(request, member.keys, null),
        ...label,
      })),
      coverage: [{ request: withMember(withCanonicalParents(inputSchema, fixed, member.keys), member.keys, null), ...label }],
    };
  });
}

/** A copy of `value` with the member at `keys` set (or deleted, for undefined); parents created as needed. */
function withMember(value: Record<string, unknown>, keys: string[], member: unknown): Record<string, unknown> {
  const [key, ...rest] = keys as [string, ...string[]];
  const copy = { ...value };
  if (rest.length === 0) {
    if (member === undefined) delete copy[key];
    else copy[key] = member;
    return copy;
  }
  const child = copy[key];
  copy[key] = withMember(
    child && typeof child === 'object' && !Array.isArray(child) ? (child as Record<string, unknown>) : {},
    rest,
    member,
  );
  return copy;
}

/** Requests of the named input schema that each break one rule of one member. */
function invalidRequestOf(inputSchema: string, valid: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<InvalidRequest> {
  return fc.oneof(...invalidRequestCasesOf(inputSchema, valid).map((c) => c.arbitrary));
}

/**
 * One labelled case per member and rule, for suites that must try every case in every run: random
 * requests from `valid`, and the rule's boundary values planted in `fixed` (by default the
 * canonical request: its required members only). Every request has the member's parents, and
 * their required members valid, so that it breaks the case's rule and no other.
 */
export function invalidRequestCasesOf(
  inputSchema: string,
  valid: fc.Arbitrary<Record<string, unknown>>,
  fixed = canonicalValueOf(schemaOf(inputSchema)) as Record<string, unknown>,
): InvalidRequestCase[] {
  const cases: InvalidRequestCase[] = [];
  for (const member of membersOf(inputSchema)) {
    const label = { member: member.keys.join('.'), path: memberPath(`/${member.keys.join('/')}`) };
    const target = member.schema;
    const parented = withParents(inputSchema, valid, member.keys);
    const fixedParented = withCanonicalParents(inputSchema, fixed, member.keys);
    /** The case of `rule`: its random requests from `values`, its coverage from `boundaries`. */
    const add = (
      kind: ViolationKind,
      keyword: RuleKeyword,
      rule: string,
      values: fc.Arbitrary<InvalidValue>,
      boundaries: readonly InvalidValue[],
    ) =>
      cases.push({
        ...label,
        kind,
        keyword,
        rule,
        arbitrary: fc
          .tuple(parented, values)
          .map(([request, bad]) => ({ request: withMember(request, member.keys, bad.value), ...label, kind: bad.kind, rule: bad.rule })),
        coverage: boundaries.map((bad) => ({
          request: withMember(fixedParented, member.keys, bad.value),
          ...label,
          kind: bad.kind,
          rule: bad.rule,
        })),
      });
    if (member.required) {
      // Missing, or null (which reads as missing); the parent must be there for either.
      add('required', 'required', 'required member missing', fc.constant(missing), [missing]);
      add('required', 'required', NULL_RULE, fc.constant(nullValue), [nullValue]);
    }
    if (target.type === 'object') {
      const wrong = ['video', 1, true, []].map((value): InvalidValue => ({ value, kind: 'type', rule: WRONG_TYPE_RULE }));
      add('type', 'type', WRONG_TYPE_RULE, fc.constantFrom(...wrong), wrong);
      continue;
    }
    for (const { kind, keyword, rule, arbitrary, coverage } of invalidValuesOfSchema(member.schema))
      add(kind, keyword, rule, arbitrary, coverage);
  }
  return cases;
}

/** A valid request with one member at one of its boundaries, labelled. */
export interface BoundaryRequest<T = Record<string, unknown>> {
  request: T;
  /** The member in the request's own names: `Video.S3Object.Name`. */
  member: string;
  /** Which boundary: `at maxLength in astral code points`, `every allowed character`, `enum value ALL`, ... */
  rule: string;
}

/**
 * For each scalar member of the named input schema, `fixed` (by default the canonical request)
 * with that member at each of its boundaries (see boundaryValuesOf): valid requests, in a fixed
 * order, that a correct endpoint never refuses as invalid. `skip` leaves members out (by name).
 */
export function boundaryRequestsOf(
  inputSchema: string,
  fixed = canonicalValueOf(schemaOf(inputSchema)) as Record<string, unknown>,
  skip: (member: string) => boolean = () => false,
): BoundaryRequest[] {
  return membersOf(inputSchema)
    .filter((m) => m.schema.type !== 'object' && !skip(m.keys.join('.')))
    .flatMap((m) =>
      boundaryValuesOf(m.schema).map(({ value, rule }) => ({
        request: withMember(withCanonicalParents(inputSchema, fixed, m.keys), m.keys, value),
        member: m.keys.join('.'),
        rule,
      })),
    );
}

const missing: InvalidValue = { value: undefined, kind: 'required', rule: 'required member missing' };
const nullValue: InvalidValue = { value: null, kind: 'required', rule: NULL_RULE };

/** StartFaceDetection requests that each break one rule, labelled: `invalidStartFaceDetectionRequest()`. */
export function invalidStartFaceDetectionRequest(constraints: StartFaceDetectionRequestConstraints = {}): fc.Arbitrary<InvalidRequest> {
  return invalidRequestOf('StartFaceDetectionRequest', startFaceDetectionRequest(constraints) as fc.Arbitrary<Record<string, unknown>>);
}

/** GetFaceDetection requests that each break one rule, labelled. */
export function invalidGetFaceDetectionRequest(constraints: GetFaceDetectionRequestConstraints = {}): fc.Arbitrary<InvalidRequest> {
  return invalidRequestOf(
    'GetFaceDetectionRequest',
    getFaceDetectionRequest(constraints) as unknown as fc.Arbitrary<Record<string, unknown>>,
  );
}
