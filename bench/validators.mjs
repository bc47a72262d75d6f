// The guards and validators against an expert's hand-written checker of the same rules, on two
// fixed corpora of StartFaceDetection requests, one in four invalid:
//   realistic   what callers send: short ASCII bucket and key names, one key in ten with characters
//               outside the BMP, tokens and tags of a few dozen characters
//   fast-check  a seeded sample of the package's arbitraries: long strings near every bound
import fc from 'fast-check';
import { invalidStartFaceDetectionRequest, startFaceDetectionRequest } from '../dist/arbitraries/index.js';
import { isStartFaceDetectionRequest, validateStartFaceDetectionRequest } from '../dist/index.js';
import { alternate, ratio } from './common.mjs';

const CORPUS_SIZE = 10_000;
const SEED = 20261125;

/** Every fourth item of `invalid`, the rest of `valid`: the same requests in every run. */
function interleave(valid, invalid) {
  const all = [];
  for (let i = 0, v = 0, b = 0; i < CORPUS_SIZE; i++) all.push(i % 4 === 3 ? invalid[b++] : valid[v++]);
  return all;
}

/** The arbitraries' corpus: long strings near every bound. */
export function fastCheckCorpus() {
  const invalid = fc.sample(invalidStartFaceDetectionRequest(), { numRuns: CORPUS_SIZE / 4, seed: SEED }).map((c) => c.request);
  const valid = fc.sample(startFaceDetectionRequest(), { numRuns: CORPUS_SIZE - invalid.length, seed: SEED + 1 });
  return { all: interleave(valid, invalid), invalid };
}

const word = fc.stringMatching(/^[a-z][a-z0-9]{2,9}$/);
const bucket = fc.tuple(word, fc.constantFrom('-', '.', ''), word).map(([a, sep, b]) => `${a}${sep}${b}`);
const OUTSIDE_BMP = ['🎥', '📹', '😀', '𝒱', '𠀋'];
const key = fc
  .tuple(
    fc.array(word, { minLength: 1, maxLength: 3 }),
    fc.integer({ min: 0, max: 9 }),
    fc.constantFrom(...OUTSIDE_BMP),
    fc.constantFrom('mp4', 'mov'),
  )
  .map(([parts, tenth, emoji, ext]) => `${parts.join('/')}${tenth === 0 ? emoji : ''}.${ext}`);
const token = fc.stringMatching(/^[a-zA-Z0-9-_]{8,40}$/);
const tag = fc.stringMatching(/^[a-zA-Z0-9_.:=-]{4,30}$/);
const channel = fc.record({
  SNSTopicArn: word.map((w) => `arn:aws:sns:us-east-1:123456789012:AmazonRekognition-${w}`),
  RoleArn: word.map((w) => `arn:aws:iam::123456789012:role/${w}`),
});
const realisticRequest = fc.record(
  {
    Video: fc.record({ S3Object: fc.record({ Bucket: bucket, Name: key }) }),
    ClientRequestToken: token,
    NotificationChannel: channel,
    FaceAttributes: fc.constantFrom('DEFAULT', 'ALL'),
    JobTag: tag,
  },
  { requiredKeys: ['Video'] },
);
/** One realistic mistake in an otherwise realistic request. */
const BREAKS = [
  (r) => ({ ...r, Video: { S3Object: { ...r.Video.S3Object, Bucket: 'ab' } } }),
  (r) => ({ ...r, Video: { S3Object: { ...r.Video.S3Object, Bucket: 'my videos' } } }),
  (r) => ({ ...r, Video: { S3Object: { ...r.Video.S3Object, Name: '' } } }),
  (r) => ({ ...r, Video: `s3://${r.Video.S3Object.Bucket}/${r.Video.S3Object.Name}` }),
  (r) => ({ ...r, ClientRequestToken: `${r.ClientRequestToken ?? 'run'}.1` }),
  (r) => ({ ...r, ClientRequestToken: 'x'.repeat(65) }),
  (r) => ({ ...r, FaceAttributes: 'NONE' }),
  (r) => ({ ...r, JobTag: 'lobby camera' }),
  (r) => ({ ...r, NotificationChannel: { SNSTopicArn: 'AmazonRekognitionTopic', RoleArn: 'arn:aws:iam::123456789012:role/x' } }),
  ({ Video: _, ...r }) => r,
];
const brokenRequest = fc.tuple(realisticRequest, fc.integer({ min: 0, max: BREAKS.length - 1 })).map(([r, i]) => BREAKS[i](r));

/** What callers send, one in four with one realistic mistake. */
export function realisticCorpus() {
  const invalid = fc.sample(brokenRequest, { numRuns: CORPUS_SIZE / 4, seed: SEED });
  const valid = fc.sample(realisticRequest, { numRuns: CORPUS_SIZE - invalid.length, seed: SEED + 1 });
  return { all: interleave(valid, invalid), invalid };
}

// The baseline: the spec's rules as an expert writes them by hand, apart from the generated code
// it is measured against (so it repeats the code-point count). Anchored regexes compiled once;
// an exit at the first violation; code points counted only when the UTF-16 length cannot decide:
// a string of n units holds between ceil(n/2) and n code points.
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
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
function lengthWithin(s, min, max) {
  const n = s.length;
  const least = (n + 1) >> 1;
  if (n < min || least > max) return false;
  if (n <= max && least >= min) return true;
  const count = codePoints(s);
  return count >= min && count <= max;
}
const BUCKET = /^[0-9A-Za-z.\-_]*$/u;
const TOKEN = /^[a-zA-Z0-9-_]+$/u;
const TOPIC = /^arn:aws:sns:[^\n\r\u0085\u2028\u2029]*:\w{12}:[^\n\r\u0085\u2028\u2029]+$/u;
const ROLE = /^arn:aws:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/u;
const TAG = /^[a-zA-Z0-9_.\-:+=/]+$/u;
const text = (v, min, max, pattern) => typeof v === 'string' && lengthWithin(v, min, max) && (pattern === undefined || pattern.test(v));

export function expertChecker(r) {
  if (!isObject(r)) return false;
  const video = r.Video;
  if (!isObject(video)) return false;
  const s3 = video.S3Object;
  if (s3 !== undefined) {
    if (!isObject(s3)) return false;
    if (s3.Bucket !== undefined && !text(s3.Bucket, 3, 255, BUCKET)) return false;
    if (s3.Name !== undefined && !text(s3.Name, 1, 1024)) return false;
    if (s3.Version !== undefined && !text(s3.Version, 1, 1024)) return false;
  }
  if (r.ClientRequestToken !== undefined && !text(r.ClientRequestToken, 1, 64, TOKEN)) return false;
  const channel = r.NotificationChannel;
  if (channel !== undefined) {
    if (!isObject(channel)) return false;
    const { SNSTopicArn: topic, RoleArn: role } = channel;
    if (typeof topic !== 'string' || !TOPIC.test(topic) || typeof role !== 'string' || !ROLE.test(role)) return false;
  }
  const attributes = r.FaceAttributes;
  if (attributes !== undefined && attributes !== 'DEFAULT' && attributes !== 'ALL') return false;
  if (r.JobTag !== undefined && !text(r.JobTag, 1, 1024, TAG)) return false;
  return true;
}

// The same expert asked what a validator is asked: how many rules the request breaks. AWS's message
// lists every violation ("2 validation errors detected: ..."), so this is the least any validator
// does on an invalid request: every rule, no early exit. Null members are absent, as the service
// reads them.
const brokenRules = (v, min, max, pattern) =>
  typeof v !== 'string' ? 1 : (lengthWithin(v, min, max) ? 0 : 1) + (pattern === undefined || pattern.test(v) ? 0 : 1);

export function expertViolations(r) {
  if (!isObject(r)) return 1;
  let n = 0;
  const video = r.Video;
  if (video == null || !isObject(video)) n++;
  else if (video.S3Object != null) {
    const s3 = video.S3Object;
    if (!isObject(s3)) n++;
    else {
      if (s3.Bucket != null) n += brokenRules(s3.Bucket, 3, 255, BUCKET);
      if (s3.Name != null) n += brokenRules(s3.Name, 1, 1024);
      if (s3.Version != null) n += brokenRules(s3.Version, 1, 1024);
    }
  }
  if (r.ClientRequestToken != null) n += brokenRules(r.ClientRequestToken, 1, 64, TOKEN);
  const channel = r.NotificationChannel;
  if (channel != null) {
    if (!isObject(channel)) n++;
    else {
      n += channel.SNSTopicArn == null ? 1 : brokenRules(channel.SNSTopicArn, 0, Number.POSITIVE_INFINITY, TOPIC);
      n += channel.RoleArn == null ? 1 : brokenRules(channel.RoleArn, 0, Number.POSITIVE_INFINITY, ROLE);
    }
  }
  const attributes = r.FaceAttributes;
  // A value of another type breaks the enum and the type both.
  if (attributes != null && attributes !== 'DEFAULT' && attributes !== 'ALL') n += typeof attributes === 'string' ? 1 : 2;
  if (r.JobTag != null) n += brokenRules(r.JobTag, 1, 1024, TAG);
  return n;
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

/** The baseline must answer what the validator answers on every item, or the comparison means nothing. */
export function agreeing(name, all) {
  for (const [i, r] of all.entries()) {
    const expected = i % 4 !== 3;
    const found = validateStartFaceDetectionRequest(r).violations.length;
    const verdicts = [isStartFaceDetectionRequest(r), found === 0, expertChecker(r), expertViolations(r) === 0];
    if (verdicts.some((v) => v !== expected) || expertViolations(r) !== found)
      throw new Error(
        `${name} corpus item ${i}: guard, validator, expert, every-rule expert ${verdicts.join(', ')}; expected ${expected}; ` +
          `violations: validator ${found}, every-rule expert ${expertViolations(r)}: ${JSON.stringify(r).slice(0, 300)}`,
      );
  }
}

const perSecond = (ms, n) => `${Math.round((n * 1000) / ms / 1e3)} k/s`;
// A validator's answer is read whole: its verdict and the message the service would send.
const validate = (r) => {
  const result = validateStartFaceDetectionRequest(r);
  return result.valid || result.message.length > 0;
};

const everyRule = (r) => expertViolations(r) > 0;

export async function validatorRows(row) {
  const corpora = [
    ['realistic', realisticCorpus(), 0.8],
    ['fast-check', fastCheckCorpus(), 0.9],
  ];
  for (const [name, { all }] of corpora) agreeing(name, all);
  for (const [, { all, invalid }] of corpora)
    for (let w = 0; w < 3; w++) {
      timed(isStartFaceDetectionRequest, all, 1);
      timed(expertChecker, all, 1);
      timed(validate, invalid, 1);
      timed(everyRule, invalid, 1);
    }

  const passes = 5;
  /** One row: `check` and `baseline` timed alternately over `items`, as requests a second and their ratio. */
  const compared = async (figure, check, baseline, baselineName, items, times, target) => {
    const { value, base } = await alternate(
      () => timed(check, items, times),
      () => timed(baseline, items, times),
    );
    const n = items.length * times;
    row(
      figure,
      `${perSecond(value, n)}${target === undefined ? '' : ` (target >= ${target}x)`}`,
      `${baselineName}, ${perSecond(base, n)}`,
      ratio(base, value),
    );
  };
  for (const [name, { all, invalid }, target] of corpora) {
    await compared(
      `isStartFaceDetectionRequest, ${name} corpus (${all.length}, 1 in 4 invalid)`,
      isStartFaceDetectionRequest,
      expertChecker,
      'expert checker',
      all,
      passes,
      target,
    );
    // On invalid requests a validator does what the expert does when asked for every violation, as
    // AWS's message lists them: every rule, then the message.
    await compared(
      `validateStartFaceDetectionRequest with its message, ${name} corpus's ${invalid.length} invalid`,
      validate,
      everyRule,
      'expert checker, every rule',
      invalid,
      passes * 2,
      0.5,
    );
    await compared(
      '  the same beside the expert that stops at the first violation',
      validate,
      expertChecker,
      'expert checker',
      invalid,
      passes * 2,
    );
    // The most any validator that lists every violation can reach in the row above.
    await compared('  its ceiling: the expert asked for every violation', everyRule, expertChecker, 'expert checker', invalid, passes * 2);
  }
}
