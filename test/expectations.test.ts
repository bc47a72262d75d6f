// What the oracles let a correct endpoint do (src/conformance/expectations.ts): the choices the
// contract leaves it are never findings, and the smallest departure from what it fixes is one, with
// its rule. The self-test's fault modes break the contract; these answers keep to it in ways a
// fault mode cannot show.
import { describe, expect, it } from 'vitest';
import { ContractViolation } from '../src/conformance/ContractViolation.js';
import type { Exchange } from '../src/conformance/Exchange.js';
import { expectErrorContract, expectJobAnswer, expectRefusal, expectSuccess } from '../src/conformance/expectations.js';
import type { FindingRule } from '../src/conformance/findings.js';

const HEADERS = { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'r-1' };
const exchange = (status: number, body: unknown, headers: Record<string, string> = HEADERS): Exchange => ({
  request: { method: 'POST', url: 'http://127.0.0.1/', headers: {}, body: '{}' },
  response: { status, headers, body: typeof body === 'string' ? body : JSON.stringify(body) },
});

/** The rule of the ContractViolation `run` throws, or undefined when it throws none. */
function ruleOf(run: () => unknown): FindingRule | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof ContractViolation) return error.rule;
    throw error;
  }
}

const VIDEO = { S3Object: { Bucket: 'my-videos', Name: 'v.mp4' } };
const JOB = { JobId: 'job-1', request: { Video: VIDEO, JobTag: 'lobby' } };
const ANSWER = { JobStatus: 'SUCCEEDED', JobId: 'job-1', Video: VIDEO, JobTag: 'lobby' };

describe('the oracles leave a correct endpoint its choices', () => {
  it.each([
    [
      'Content-Type with a parameter',
      exchange(200, { JobId: 'job-1' }, { ...HEADERS, 'content-type': 'application/x-amz-json-1.1; charset=utf-8' }),
    ],
    [
      'Content-Type with spaces around it',
      exchange(200, { JobId: 'job-1' }, { ...HEADERS, 'content-type': ' application/x-amz-json-1.1 ; q=1' }),
    ],
    ['a member sent as null (read as absent)', exchange(200, { JobId: 'job-1', Unknown: null })],
  ])('a 200 answer: %s', (_, answer) => {
    expect(ruleOf(() => expectSuccess('StartFaceDetection', answer))).toBeUndefined();
  });

  it.each([
    [
      'members in another order',
      { JobTag: 'lobby', Video: { S3Object: { Name: 'v.mp4', Bucket: 'my-videos' } }, JobId: 'job-1', JobStatus: 'SUCCEEDED' },
    ],
    [
      'a member the start left out sent as null',
      { ...ANSWER, Video: { S3Object: { ...VIDEO.S3Object, Version: null } }, StatusMessage: null },
    ],
    ['an array of faces', { ...ANSWER, Faces: [{ Timestamp: 0, Face: { Confidence: 99 } }] }],
  ])('a GetFaceDetection answer that echoes its start: %s', (_, body) => {
    expect(ruleOf(() => expectJobAnswer(exchange(200, body), { JobId: 'job-1' }, JOB))).toBeUndefined();
  });

  it('an error of no operation (an unknown X-Amz-Target): any error the contract names, with its status', () => {
    const answer = exchange(400, { __type: 'UnknownOperationException', message: 'no such operation' });
    expect(expectErrorContract(undefined, answer)).toBe('UnknownOperationException');
    expect(expectRefusal(undefined, answer, ['UnknownOperationException'])).toBe('UnknownOperationException');
  });
});

describe('the oracles find the smallest departure, by its rule', () => {
  it.each<[string, () => unknown, FindingRule]>([
    [
      'a 200 without x-amzn-RequestId',
      () => expectSuccess('StartFaceDetection', exchange(200, {}, { 'content-type': HEADERS['content-type'] })),
      'request-id',
    ],
    [
      'a refusal that names no error',
      () => expectErrorContract('StartFaceDetection', exchange(400, { message: 'bad' })),
      'error-code-missing',
    ],
    [
      'an error of no operation the contract does not name',
      () => expectErrorContract(undefined, exchange(400, { __type: 'NoSuchThing' })),
      'error-undeclared',
    ],
    [
      'a refusal whose body is not JSON (its code in x-amzn-ErrorType)',
      () =>
        expectRefusal('StartFaceDetection', exchange(400, 'Bad Request', { ...HEADERS, 'x-amzn-errortype': 'ValidationException' }), [
          'ValidationException',
        ]),
      'error-body-schema',
    ],
    [
      'a refusal with a JobId',
      () => expectRefusal('StartFaceDetection', exchange(400, { __type: 'ValidationException', JobId: 'x' }), ['ValidationException']),
      'refusal-job-id',
    ],
    [
      'a refusal with another code',
      () => expectRefusal('GetFaceDetection', exchange(400, { __type: 'ValidationException' }), ['ResourceNotFoundException']),
      'refusal-code',
    ],
    [
      'an invalid request answered 200',
      () => expectRefusal('GetFaceDetection', exchange(200, {}), ['ValidationException']),
      'invalid-accepted',
    ],
    [
      'JobStatus sent as null',
      () => expectJobAnswer(exchange(200, { ...ANSWER, JobStatus: null }), { JobId: 'job-1' }, JOB),
      'always-present',
    ],
    ['another JobTag', () => expectJobAnswer(exchange(200, { ...ANSWER, JobTag: 'hall' }), { JobId: 'job-1' }, JOB), 'echo'],
    [
      'a JobTag the start did not give',
      () => expectJobAnswer(exchange(200, ANSWER), { JobId: 'job-1' }, { ...JOB, request: { Video: VIDEO } }),
      'echo',
    ],
    [
      'another member of the Video',
      () =>
        expectJobAnswer(exchange(200, { ...ANSWER, Video: { S3Object: { ...VIDEO.S3Object, Version: '2' } } }), { JobId: 'job-1' }, JOB),
      'echo',
    ],
    ['a JobId not asked for', () => expectJobAnswer(exchange(200, { ...ANSWER, JobId: 'job-2' }), { JobId: 'job-1' }, JOB), 'echo'],
  ])('%s', (_, run, rule) => {
    expect(ruleOf(run)).toBe(rule);
  });

  it('says which member and which source an echo differs from', () => {
    expect(() => expectJobAnswer(exchange(200, { ...ANSWER, JobTag: 'hall' }), { JobId: 'job-1' }, JOB)).toThrow(
      'answered JobTag "hall", where its StartFaceDetection gave "lobby"',
    );
    expect(() => expectJobAnswer(exchange(200, { ...ANSWER, JobId: 'job-2' }), { JobId: 'job-1' }, JOB)).toThrow(
      'answered JobId "job-2", where the request gave "job-1"',
    );
    expect(() => expectJobAnswer(exchange(200, ANSWER), { JobId: 'job-1' }, { ...JOB, request: { Video: VIDEO } })).toThrow(
      'answered JobTag "lobby", which its StartFaceDetection did not give',
    );
  });
});
