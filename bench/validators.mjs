// The validators' speed against a plain hand-written checker of the same rules, on a fixed corpus:
// 10,000 StartFaceDetection requests from a seeded fast-check sample, one in four invalid.
import fc from 'fast-check';
import { startFaceDetectionRequest, invalidStartFaceDetectionRequest } from '../dist/arbitraries/index.js';
import { isStartFaceDetectionRequest, validateStartFaceDetectionRequest } from '../dist/index.js';
import { alternate, ratio } from './common.mjs';

const CORPUS_SIZE = 10_000;
const SEED = 20261125;

/** The corpus: the same 10,000 requests in every run; every fourth one breaks one rule. */
export function corpus() {
  const invalid = fc.sample(invalidStartFaceDetectionRequest(), { numRuns: CORPUS_SIZE / 4, seed: SEED }).map((c) => c.request);
  const valid = fc.sample(startFaceDetectionRequest(), { numRuns: CORPUS_SIZE - invalid.length, seed: SEED + 1 });
  const all = [];
  for (let i = 0, v = 0, b = 0; i < CORPUS_SIZE; i++) all.push(i % 4 === 3 ? invalid[b++] : valid[v++]);
  return { all, invalid };
}

// The baseline: the rules of the spec written out by hand, as one would without a schema.
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Length in code points, as the service (and ajv's ucs2length) counts. */
function codePoints(s) {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n--;
      i++;
    }
  }
  return n;
}
const BUCKET = /^[0-9A-Za-z.\-_]*$/u;
const TOKEN = /^[a-zA-Z0-9-_]+$/u;
const TOPIC = /^arn:aws:sns:[^\n\r\u0085\u2028\u2029]*:\w{12}:[^\n\r\u0085\u2028\u2029]+$/u;
const ROLE = /^arn:aws:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/u;
const TAG = /^[a-zA-Z0-9_.\-:+=/]+$/u;
const text = (v, min, max, pattern) =>
  typeof v === 'string' &&
  (min === undefined || (v.length >= min && codePoints(v) >= min)) &&
  (max === undefined || v.length <= max || codePoints(v) <= max) &&
  (pattern === undefined || pattern.test(v));

export function handWritten(r) {
  if (!isObject(r) || !isObject(r.Video)) return false;
  const s3 = r.Video.S3Object;
  if (s3 !== undefined) {
    if (!isObject(s3)) return false;
    if (s3.Bucket !== undefined && !text(s3.Bucket, 3, 255, BUCKET)) return false;
    if (s3.Name !== undefined && !text(s3.Name, 1, 1024)) return false;
    if (s3.Version !== undefined && !text(s3.Version, 1, 1024)) return false;
  }
  if (r.ClientRequestToken !== undefined && !text(r.ClientRequestToken, 1, 64, TOKEN)) return false;
  const channel = r.NotificationChannel;
  if (
    channel !== undefined &&
    !(isObject(channel) && text(channel.SNSTopicArn, undefined, undefined, TOPIC) && text(channel.RoleArn, undefined, undefined, ROLE))
  )
    return false;
  if (r.FaceAttributes !== undefined && r.FaceAttributes !== 'DEFAULT' && r.FaceAttributes !== 'ALL') return false;
  if (r.JobTag !== undefined && !text(r.JobTag, 1, 1024, TAG)) return false;
  return true;
}

/** Milliseconds for `passes` passes of `check` over `items`; the count of yeses keeps the work alive. */
function timed(check, items, passes) {
  let yes = 0;
  const started = performance.now();
  for (let p = 0; p < passes; p++) for (let i = 0; i < items.length; i++) if (check(items[i])) yes++;
  const ms = performance.now() - started;
  if (yes < 0) throw new Error('unreachable');
  return ms;
}

export async function validatorRows(row) {
  const { all, invalid } = corpus();
  // The baseline must answer what the validator answers, or the comparison means nothing.
  for (const [i, r] of all.entries()) {
    const expected = i % 4 !== 3;
    if (isStartFaceDetectionRequest(r) !== expected || handWritten(r) !== expected)
      throw new Error(
        `corpus item ${i}: validator ${isStartFaceDetectionRequest(r)}, hand-written ${handWritten(r)}, expected ${expected}: ${JSON.stringify(r).slice(0, 300)}`,
      );
  }
  for (let w = 0; w < 3; w++) {
    timed(isStartFaceDetectionRequest, all, 1);
    timed(handWritten, all, 1);
    timed((r) => validateStartFaceDetectionRequest(r).valid, invalid, 1);
  }

  const passes = 5;
  const is = await alternate(
    () => timed(isStartFaceDetectionRequest, all, passes),
    () => timed(handWritten, all, passes),
  );
  const perSecond = (ms, n) => `${Math.round((n * 1000) / ms / 1e3)} k/s`;
  row(
    `isStartFaceDetectionRequest, ${all.length} requests (1 in 4 invalid)`,
    `${perSecond(is.value, all.length * passes)} (target >= 0.5x)`,
    `hand-written checker, ${perSecond(is.base, all.length * passes)}`,
    ratio(is.base, is.value),
  );

  const full = await alternate(
    () => timed((r) => validateStartFaceDetectionRequest(r).valid, invalid, 2),
    () => timed(handWritten, invalid, 2),
  );
  row(
    `validateStartFaceDetectionRequest, the ${invalid.length} invalid`,
    perSecond(full.value, invalid.length * 2),
    `hand-written checker, ${perSecond(full.base, invalid.length * 2)}`,
    ratio(full.base, full.value),
  );
}
