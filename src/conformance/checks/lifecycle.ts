import fc from 'fast-check';
import { coverageOf, type Check, type CheckContext } from '../Check.js';
import { fail } from '../expectations.js';
import { awaitJob, expectTimestampOrder, pageThrough, startJob } from './jobs.js';
import { jobExamples, jobRequest, withUniqueToken } from './requests.js';

/** Pages a SUCCEEDED job may take at the default page size before its NextToken counts as endless. */
const MAX_PAGES = 10_000;

/** How many of a run's lifecycle jobs ended SUCCEEDED and had their pages read: none leaves half the oracle unjudged. */
const succeeded = new WeakMap<CheckContext, number>();

export const lifecycle: Check = {
  name: 'lifecycle',
  oracle:
    'A job started on a whole video finishes: polled with GetFaceDetection it answers IN_PROGRESS, then SUCCEEDED or FAILED within the job ' +
    'timeout (default 10 minutes, 1 minute on a local endpoint), every answer 200 and valid against GetFaceDetectionResponse, with a ' +
    'JobStatus (an answer without one, or with one outside its enum, fails as it arrives), the JobId asked for, the Video of the start, ' +
    'and its JobTag exactly when the start gave one. A FAILED job carries a StatusMessage; a SUCCEEDED one answers its faces page by ' +
    "page (NextToken), every page SUCCEEDED and valid, the faces in timestamp order. Every run starts the spec's example starts (every " +
    "member given, and the Video alone) before its random ones; where jobs cost, the job is the run's shared one.",
  // Each run waits for a job to finish: a few runs say what there is to say; where jobs cost, one.
  maxRuns: 3,
  runsWhereJobsCost: 1,
  // Where jobs cost, the shared job is the one run.
  coverage: (context) => (context.jobsCost ? [] : coverageOf(jobExamples(context))),
  property: (context) =>
    // Not shrunk: each step would wait for another job, and what fails is the job, hardly the request.
    fc.asyncProperty(fc.noShrink(jobRequest(context)), async (request) => {
      const job = context.jobsCost ? await context.sharedJob() : await startJob(context, withUniqueToken(context, request));
      const finished = context.jobsCost ? await context.finishedSharedJob() : await awaitJob(context, job);
      if (finished.body.JobStatus === 'FAILED') {
        if (typeof finished.body.StatusMessage !== 'string' || finished.body.StatusMessage === '')
          fail('failed-status-message', 'a FAILED job has no StatusMessage', finished.exchange);
        return;
      }
      expectTimestampOrder(await pageThrough(context, job, { first: finished, maxPages: MAX_PAGES }), 'the pages of a SUCCEEDED job');
      succeeded.set(context, (succeeded.get(context) ?? 0) + 1);
    }),
  // Every job FAILED (with its StatusMessage): the pages of a SUCCEEDED job were never read.
  unjudged: (context) =>
    succeeded.get(context)
      ? undefined
      : {
          reason: 'every job ended FAILED: no SUCCEEDED job, so no page of faces, was judged',
          remedy: "a video (--video) on which the endpoint's jobs succeed",
        },
};
