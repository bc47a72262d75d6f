// Jobs as the checks that wait for them see them: started, polled until they finish, paged through.
import type { FaceDetection, GetFaceDetectionRequest, StartFaceDetectionRequest } from '../../../generated/types.js';
import type { CheckContext } from '../Check.js';
import type { Exchange, Page } from '../Exchange.js';
import { codeOf } from '../Exchange.js';
import { expectJobAnswer, expectSuccess, fail, type StartedJob } from '../expectations.js';
import { CheckSkipped } from '../CheckSkipped.js';
import { SetupError } from '../SetupError.js';
import { plural } from '../plural.js';
import { pause as sleep } from '../interruption.js';

/** The first wait between two polls of a running job; each wait doubles, up to the context's poll interval. */
const FIRST_POLL_MS = 5;

/**
 * Starts a job (demanded 200 and a valid answer): its JobId, and the exchange. A video the
 * endpoint cannot use is the run's setup, not the endpoint's fault: a SetupError naming it.
 */
export async function startJob(context: CheckContext, request: StartFaceDetectionRequest): Promise<StartedJob & { exchange: Exchange }> {
  const exchange = await context.target.send({ operation: 'StartFaceDetection', body: JSON.stringify(request) });
  const code = codeOf(exchange);
  if (code === 'InvalidS3ObjectException' || code === 'VideoTooLargeException') {
    const { Bucket, Name } = request.Video?.S3Object ?? {};
    throw new SetupError(
      `${context.target.name} cannot use the video s3://${Bucket}/${Name} to start a job: ${exchange.response.status} ${code}. ` +
        "Pass --video with a video of at most 10 GB and 6 hours that the account can read, in the endpoint's region.",
    );
  }
  const { JobId } = expectSuccess('StartFaceDetection', exchange);
  if (typeof JobId !== 'string') fail('start-no-job-id', 'a started job has no JobId', exchange);
  return { JobId, request, exchange };
}

/** One GetFaceDetection answer of a job the run started, demanded as expectJobAnswer has it (200, valid, its members echoed). */
export async function getPage(context: CheckContext, job: StartedJob, request: Omit<GetFaceDetectionRequest, 'JobId'> = {}): Promise<Page> {
  const full = { JobId: job.JobId, ...request };
  const exchange = await context.target.send({ operation: 'GetFaceDetection', body: JSON.stringify(full) });
  return { body: expectJobAnswer(exchange, full, job), exchange };
}

/**
 * Polls GetFaceDetection (no MaxResults) until the job is SUCCEEDED or FAILED, every answer as
 * expectJobAnswer has it on the way (one without a JobStatus, or with one outside its enum, fails
 * as it arrives); fails past the context's job timeout. The last answer: the first page of a SUCCEEDED job.
 */
export async function awaitJob(context: CheckContext, job: StartedJob): Promise<Page> {
  const { JobId } = job;
  const deadline = Date.now() + context.jobTimeoutMs;
  let delay = FIRST_POLL_MS;
  let polls = 0;
  let last: Exchange | undefined;
  for (;;) {
    const { body, exchange } = await getPage(context, job);
    polls++;
    last = exchange;
    if (body.JobStatus === 'SUCCEEDED' || body.JobStatus === 'FAILED') {
      context.jobs.finished(JobId);
      return { body, exchange };
    }
    // The last poll comes at the deadline, so that a stalled event loop is not taken for a stalled job.
    const left = deadline - Date.now();
    if (left <= 0) {
      const what = `the job ${JobId} did not finish within ${context.jobTimeoutMs} ms: still IN_PROGRESS after ${plural(polls, 'poll')}`;
      // How long a job runs is the endpoint's own choice: where jobs cost (AWS runs them for minutes),
      // a job still running says nothing; on a local endpoint the run has to itself, it is a job that hangs.
      if (context.jobsCost) throw new CheckSkipped(what, 'a longer --job-timeout');
      fail('job-never-finishes', what, last);
    }
    await sleep(Math.min(delay, left), context.signal);
    delay = Math.min(delay * 2, context.pollIntervalMs);
  }
}

/** A finished job's faces, read page by page, with the page each face came on. */
export interface Paged {
  faces: FaceDetection[];
  pages: Page[];
  /** For each face, the index of its page. */
  pageOf: number[];
}

/**
 * Reads every page of a SUCCEEDED job with MaxResults (the service's default when undefined),
 * from `first` when given: each page SUCCEEDED, valid, no longer than MaxResults; a NextToken
 * that does not run out within `maxPages` pages fails.
 */
export async function pageThrough(
  context: CheckContext,
  job: StartedJob,
  { MaxResults, first, maxPages }: { MaxResults?: number; first?: Page; maxPages: number },
): Promise<Paged> {
  const paged: Paged = { faces: [], pages: [], pageOf: [] };
  const size = MaxResults !== undefined ? { MaxResults } : {};
  let page = first ?? (await getPage(context, job, size));
  for (;;) {
    const faces = page.body.Faces ?? [];
    if (page.body.JobStatus !== 'SUCCEEDED')
      fail('page-status', `page ${paged.pages.length + 1} of a SUCCEEDED job answered JobStatus ${page.body.JobStatus}`, page.exchange);
    if (MaxResults !== undefined && faces.length > MaxResults)
      fail('page-size', `a page of ${plural(faces.length, 'face')} for MaxResults ${MaxResults}`, page.exchange);
    for (const face of faces) {
      paged.faces.push(face);
      paged.pageOf.push(paged.pages.length);
    }
    paged.pages.push(page);
    const NextToken = page.body.NextToken;
    if (NextToken === undefined) return paged;
    if (paged.pages.length >= maxPages)
      fail(
        'endless-token',
        `NextToken did not run out after ${plural(maxPages, 'page')} (MaxResults ${MaxResults ?? 'unset'}, ${plural(paged.faces.length, 'face')} so far)`,
        page.exchange,
      );
    page = await getPage(context, job, { NextToken, ...size });
  }
}

/** Fails unless the faces' Timestamps never decrease. */
export function expectTimestampOrder(paged: Paged, what: string): void {
  for (let i = 1; i < paged.faces.length; i++) {
    const [before, after] = [paged.faces[i - 1]!.Timestamp ?? 0, paged.faces[i]!.Timestamp ?? 0];
    if (after < before)
      fail(
        'timestamp-order',
        `${what}: Faces out of timestamp order, face ${i + 1} at ${after} after one at ${before}`,
        paged.pages[paged.pageOf[i]!]!.exchange,
      );
  }
}
