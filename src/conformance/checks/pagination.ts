import fc from 'fast-check';
import { limits } from '../../../generated/contract.js';
import { GetFaceDetectionRequest as validGetRequest } from '../../../generated/validators.js';
import type { Check, CheckContext } from '../Check.js';
import { expectRefusal, fail, skipIfBusy } from '../expectations.js';
import { awaitJob, getPage, pageThrough, expectTimestampOrder, startJob, type Paged } from './jobs.js';

const MAX_RESULTS_CAP = Number(limits.GetFaceDetection.maxResultsCap);
/** The video of the one job the check pages through, without --video (on the embedded mock: 49 faces). */
const VIDEO = { Bucket: 'conformance-videos', Name: 'paging.mp4' };
/** Characters a tampered NextToken gets: letters and digits, within what any token may hold. */
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Page sizes from 1 to the cap, small ones likely: small pages make many page boundaries. */
const maxResults = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 10 }), weight: 4 },
  { arbitrary: fc.integer({ min: 11, max: 100 }), weight: 2 },
  { arbitrary: fc.integer({ min: 101, max: MAX_RESULTS_CAP }), weight: 1 },
);

/** A change of one character of a token (never its last, whose low bits base64 may ignore). */
const tampering = fc.record({ at: fc.nat(), to: fc.constantFrom(...ALPHANUMERIC) });

function tampered(token: string, { at, to }: { at: number; to: string }): string {
  const i = at % (token.length - 1);
  const replacement = to === token[i] ? ALPHANUMERIC[(ALPHANUMERIC.indexOf(to) + 1) % ALPHANUMERIC.length]! : to;
  return token.slice(0, i) + replacement + token.slice(i + 1);
}

/** The check's one job, finished, and its faces read at the cap (one call for at most 1000 faces); undefined when it FAILED. */
type Finished = { JobId: string; whole: Paged } | undefined;

async function finishedJob(context: CheckContext): Promise<Finished> {
  const JobId = await startJob(context, { Video: { S3Object: context.video ?? VIDEO } });
  const finished = await awaitJob(context, JobId);
  if (finished.body.JobStatus !== 'SUCCEEDED') return undefined;
  const whole = await pageThrough(context, JobId, { MaxResults: MAX_RESULTS_CAP, maxPages: Number.MAX_SAFE_INTEGER });
  expectTimestampOrder(whole, `MaxResults ${MAX_RESULTS_CAP}`);
  return { JobId, whole };
}

/** Fails unless paging gave every face of the whole exactly once, as the whole has it. */
function expectSameFaces(paged: Paged, whole: Paged, MaxResults: number): void {
  const what = `paging with MaxResults ${MaxResults} (${paged.faces.length} faces in ${paged.pages.length} pages; MaxResults ${MAX_RESULTS_CAP}: ${whole.faces.length})`;
  const seen = new Map<string, number>();
  paged.faces.forEach((face, i) => {
    const key = JSON.stringify(face);
    const before = seen.get(key);
    if (before !== undefined) fail(`${what}: the face at Timestamp ${face.Timestamp} came twice, as face ${before + 1} and ${i + 1}`, paged.pages[paged.pageOf[i]!]!.exchange);
    seen.set(key, i);
  });
  const lost = whole.faces.find((face) => !seen.has(JSON.stringify(face)));
  if (lost) fail(`${what}: the face at Timestamp ${lost.Timestamp} was lost`, paged.pages.at(-1)!.exchange);
  const other = paged.faces.findIndex((face, i) => JSON.stringify(face) !== JSON.stringify(whole.faces[i]));
  if (other >= 0) fail(`${what}: face ${other + 1} is not face ${other + 1} of MaxResults ${MAX_RESULTS_CAP}`, paged.pages[paged.pageOf[other]!]!.exchange);
}

export const pagination: Check = {
  name: 'pagination',
  oracle:
    'Paging a SUCCEEDED job with any MaxResults (1 to 1000), passing each NextToken back until none is left, answers every face exactly once, ' +
    'in timestamp order, no page longer than MaxResults: the faces one MaxResults 1000 call answers (for more than 1000, its pages). A NextToken ' +
    'with one character changed answers 400 InvalidPaginationTokenException (or ValidationException when the change breaks the token\'s own ' +
    'constraints). One job for the whole check; a job that ends FAILED has no pages to check.',
  startsJobs: true,
  jobsPerRun: 1,
  // Every run reads the job's faces again, at worst one request a face.
  maxRuns: 25,
  property: (context) => {
    let job: Promise<Finished> | undefined;
    const shared = () =>
      (job ??= finishedJob(context).catch((error: unknown) => {
        // A start skipped (busy, or the job budget spent) may be tried again by the next run.
        if (fc.PreconditionFailure.isFailure(error)) job = undefined;
        throw error;
      }));
    return fc.asyncProperty(maxResults, tampering, async (MaxResults, change) => {
      const finished = await shared();
      if (!finished) return;
      const { JobId, whole } = finished;
      const paged = await pageThrough(context, JobId, { MaxResults, maxPages: whole.faces.length + 1 });
      expectTimestampOrder(paged, `paging with MaxResults ${MaxResults}`);
      expectSameFaces(paged, whole, MaxResults);

      const token =
        paged.pages.find((p) => p.body.NextToken)?.body.NextToken ??
        (whole.faces.length > 1 ? (await getPage(context, { JobId, MaxResults: 1 })).body.NextToken : undefined);
      if (token === undefined || token.length < 2) return;
      const NextToken = tampered(token, change);
      const exchange = await context.target.send({ operation: 'GetFaceDetection', body: JSON.stringify({ JobId, MaxResults, NextToken }) });
      skipIfBusy(context, exchange);
      expectRefusal(exchange, validGetRequest({ JobId, MaxResults, NextToken }) ? ['InvalidPaginationTokenException'] : ['InvalidPaginationTokenException', 'ValidationException']);
    });
  },
};
