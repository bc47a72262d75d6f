import fc from 'fast-check';
import { isGetFaceDetectionRequest } from '../../../generated/checks.js';
import type { Check, CheckContext } from '../Check.js';
import { CheckSkipped } from '../CheckSkipped.js';
import { expectRefusal, fail, type StartedJob } from '../expectations.js';
import { getPage, pageThrough, expectTimestampOrder, type Paged } from './jobs.js';
import { plural } from '../plural.js';
import { MAX_RESULTS_CAP } from '../../contract/limits.js';

/** Most pages one run reads where requests count against a quota. */
const PAGES_WHERE_JOBS_COST = 100;
/** Pages of the whole job read at the cap before its NextToken counts as endless. */
const MAX_PAGES = 10_000;
/** Characters a tampered NextToken gets: letters and digits, within what any token may hold. */
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Page sizes from 1 to the cap, small ones likely: small pages make many page boundaries. */
const maxResults = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 10 }), weight: 4 },
  { arbitrary: fc.integer({ min: 11, max: 100 }), weight: 2 },
  { arbitrary: fc.integer({ min: 101, max: MAX_RESULTS_CAP }), weight: 1 },
);

/** A change of one character of a token (never its last data character, whose low bits base64 may ignore). */
const tampering = fc.record({ at: fc.nat(), to: fc.constantFrom(...ALPHANUMERIC) });

function tampered(token: string, { at, to }: { at: number; to: string }): string {
  // Not the last character before any `=` padding either: base64 may ignore its low bits.
  const i = at % Math.max(1, token.replace(/=+$/, '').length - 1);
  const replacement = to === token[i] ? ALPHANUMERIC[(ALPHANUMERIC.indexOf(to) + 1) % ALPHANUMERIC.length]! : to;
  return token.slice(0, i) + replacement + token.slice(i + 1);
}

/** The run's shared job, finished, and its faces read at the cap (one call for at most 1000 faces); CheckSkipped when there is nothing to page. */
async function pageableJob(context: CheckContext): Promise<{ job: StartedJob; whole: Paged }> {
  const job = await context.sharedJob();
  const { JobId } = job;
  const finished = await context.finishedSharedJob();
  if (finished.body.JobStatus !== 'SUCCEEDED') {
    throw new CheckSkipped(
      `the shared job ${JobId} ended ${finished.body.JobStatus} (${finished.body.StatusMessage ?? 'no StatusMessage'}): nothing to page`,
      PAGEABLE_VIDEO,
    );
  }
  const whole = await pageThrough(context, job, { MaxResults: MAX_RESULTS_CAP, maxPages: MAX_PAGES });
  if (whole.faces.length < 2)
    throw new CheckSkipped(`the shared job ${JobId} found ${plural(whole.faces.length, 'face')}: nothing to page`, PAGEABLE_VIDEO);
  return { job, whole };
}

/** What lets pagination judge: a job that succeeds with faces to page. */
const PAGEABLE_VIDEO = "a video (--video) on which the endpoint's job succeeds and finds at least two faces";

/** A face as text, to compare faces whole. */
const faceKey = (face: unknown) => JSON.stringify(face);
/** The whole job's faces as text, made once: every run compares its pages with them. */
const wholeKeys = new WeakMap<Paged, string[]>();
function keysOf(whole: Paged): string[] {
  let keys = wholeKeys.get(whole);
  if (!keys) {
    keys = whole.faces.map(faceKey);
    wholeKeys.set(whole, keys);
  }
  return keys;
}

/**
 * Fails unless paging gave every face of the whole exactly once, and no other: the faces the
 * contract fixes. Their order is held to timestamps (expectTimestampOrder); faces that share a
 * Timestamp may come in any order, which the contract leaves open.
 */
function expectSameFaces(paged: Paged, whole: Paged, MaxResults: number): void {
  const what = `paging with MaxResults ${MaxResults} (${plural(paged.faces.length, 'face')} in ${plural(paged.pages.length, 'page')}; MaxResults ${MAX_RESULTS_CAP}: ${plural(whole.faces.length, 'face')})`;
  const keys = paged.faces.map(faceKey);
  const wholeKeys = keysOf(whole);
  const seen = new Map<string, number>();
  paged.faces.forEach((face, i) => {
    const key = keys[i]!;
    const before = seen.get(key);
    if (before !== undefined)
      fail(
        'face-twice',
        `${what}: the face at Timestamp ${face.Timestamp} came twice, as face ${before + 1} and ${i + 1}`,
        paged.pages[paged.pageOf[i]!]!.exchange,
      );
    seen.set(key, i);
  });
  const lost = wholeKeys.findIndex((key) => !seen.has(key));
  if (lost >= 0) fail('face-lost', `${what}: the face at Timestamp ${whole.faces[lost]!.Timestamp} was lost`, paged.pages.at(-1)!.exchange);
  const known = new Set(wholeKeys);
  const extra = keys.findIndex((key) => !known.has(key));
  if (extra >= 0)
    fail(
      'face-extra',
      `${what}: face ${extra + 1}, at Timestamp ${paged.faces[extra]!.Timestamp}, is none of the job's faces at MaxResults ${MAX_RESULTS_CAP}`,
      paged.pages[paged.pageOf[extra]!]!.exchange,
    );
}

export const pagination: Check = {
  name: 'pagination',
  oracle:
    'Paging a SUCCEEDED job with any MaxResults (1 to 1000), passing each NextToken back until none is left, answers every face exactly once and no other, ' +
    'in timestamp order, no page longer than MaxResults: the faces one MaxResults 1000 call answers (for more than 1000, its pages; faces ' +
    'that share a Timestamp in any order). A NextToken ' +
    "with one character changed answers 400 InvalidPaginationTokenException (or ValidationException when the change breaks the token's own " +
    "constraints). The job is the run's shared one; one that ends FAILED, or finds fewer than two faces, has nothing to page, and a NextToken of one character none to change: the check is inconclusive.",
  // Every run reads the job's faces again, at worst one request a face.
  maxRuns: 25,
  runsWhereJobsCost: 5,
  // The smallest pages, and the largest: every boundary between faces, and none.
  coverage: () => [1, 2, MAX_RESULTS_CAP].map((MaxResults) => [MaxResults, { at: 0, to: 'A' }]),
  property: (context) => {
    let pageable: Promise<{ job: StartedJob; whole: Paged }> | undefined;
    const shared = () => (pageable ??= pageableJob(context));
    return fc.asyncProperty(maxResults, tampering, async (drawn, change) => {
      const { job, whole } = await shared();
      const { JobId } = job;
      // Where requests count against a quota, no run takes more than PAGES_WHERE_JOBS_COST pages.
      const MaxResults = context.jobsCost ? Math.max(drawn, Math.ceil(whole.faces.length / PAGES_WHERE_JOBS_COST)) : drawn;
      const paged = await pageThrough(context, job, { MaxResults, maxPages: whole.faces.length + 1 });
      expectTimestampOrder(paged, `paging with MaxResults ${MaxResults}`);
      expectSameFaces(paged, whole, MaxResults);

      const token =
        paged.pages.find((p) => p.body.NextToken)?.body.NextToken ?? (await getPage(context, job, { MaxResults: 1 })).body.NextToken;
      // A token of one character has no character to change that leaves its last one alone (base64 may ignore its low bits).
      if (token === undefined || token.length < 2)
        throw new CheckSkipped(
          token === undefined
            ? `no page of the job ${JobId} gave a NextToken, even at MaxResults 1 (${plural(whole.faces.length, 'face')}): no token to change`
            : `the endpoint's NextToken ${JSON.stringify(token)} is one character: too short to change one of its characters and keep the last`,
          token === undefined
            ? PAGEABLE_VIDEO
            : 'nothing the run can change: a one-character token leaves no character to tamper with (--accept-skip pagination accepts it)',
        );
      const NextToken = tampered(token, change);
      const exchange = await context.target.send({ operation: 'GetFaceDetection', body: JSON.stringify({ JobId, MaxResults, NextToken }) });
      expectRefusal(
        'GetFaceDetection',
        exchange,
        isGetFaceDetectionRequest({ JobId, MaxResults, NextToken })
          ? ['InvalidPaginationTokenException']
          : ['InvalidPaginationTokenException', 'ValidationException'],
      );
    });
  },
};
