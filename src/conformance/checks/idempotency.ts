import fc from 'fast-check';
import type { StartFaceDetectionRequest } from '../../../generated/types.js';
import { valueOf } from '../../arbitraries/index.js';
import type { Check, CheckContext, Coverage } from '../Check.js';
import { expectRefusal, expectSuccess, fail } from '../expectations.js';
import { startJob } from './jobs.js';
import { jobExamples, jobRequest, withUniqueToken } from './requests.js';

/** The same JSON object with its members in reverse order, at every level. */
function reordered(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reordered(v)]),
  );
}

/** A started job with a token: a new one per run, or where jobs cost the run's shared one. */
async function firstStart(
  context: CheckContext,
  drawn: StartFaceDetectionRequest,
): Promise<{ request: StartFaceDetectionRequest; JobId: string }> {
  // Where jobs cost, the shared job, once finished: as a full run finds it (lifecycle waits for it first), so as a replay does.
  if (context.jobsCost) {
    await context.finishedSharedJob();
    return context.sharedJob();
  }
  const request = withUniqueToken(context, drawn);
  return { request, JobId: (await startJob(context, request)).JobId };
}

export const idempotency: Check = {
  name: 'idempotency',
  oracle:
    'StartFaceDetection with a ClientRequestToken: the same token and parameters (members in any order) answer the same JobId; the same ' +
    'token with other parameters answers 400 IdempotentParameterMismatchException and no JobId; another token starts another job with ' +
    'another JobId; without a token, the same parameters sent twice start two jobs with two JobIds (only a token makes a start ' +
    "idempotent). Every run starts the spec's example starts first. Where jobs cost, the first start is the run's shared job, only " +
    '"another token" starts one more, and starts without a token are not sent: each would be a job.',
  cases: (context) => {
    const send = (body: unknown) => context.target.send({ operation: 'StartFaceDetection', body: JSON.stringify(body) });
    const drawn = jobRequest(context, { withToken: true });
    // Each run starts a job (or two) of its own where jobs cost nothing: enough runs to vary the request.
    const maxRuns = 20;
    // The spec's example starts, with a token each; where jobs cost, the shared job is the first start and no run more is sent.
    const examples = context.jobsCost
      ? []
      : jobExamples(context).map((r) => ({ ...r, ClientRequestToken: r.ClientRequestToken ?? 'idempotency' }));
    const withEach = (second: (example: StartFaceDetectionRequest, i: number) => unknown): Coverage =>
      examples.map((e, i) => [e, second(e, i)]);
    const cases = [
      {
        name: 'same token, same parameters',
        maxRuns,
        coverage: examples.map((e) => [e]),
        property: fc.asyncProperty(drawn, async (request) => {
          const first = await firstStart(context, request);
          const repeat = await send(reordered(first.request));
          const again = expectSuccess('StartFaceDetection', repeat).JobId;
          if (again !== first.JobId)
            fail('idempotent-repeat', `the same token and parameters answered another JobId (${again}, first ${first.JobId})`, repeat);
        }),
      },
      {
        name: 'same token, other parameters',
        maxRuns,
        coverage: withEach((e) => `${e.JobTag ?? 'tag'}-other`),
        property: fc.asyncProperty(drawn, valueOf('JobTag'), async (request, otherTag) => {
          const first = await firstStart(context, request);
          fc.pre(otherTag !== first.request.JobTag);
          expectRefusal('StartFaceDetection', await send({ ...first.request, JobTag: otherTag }), ['IdempotentParameterMismatchException']);
        }),
      },
      {
        name: 'another token',
        // Where jobs cost, one more job says what there is to say.
        maxRuns: maxRuns / 2,
        runsWhereJobsCost: 1,
        coverage: withEach((_, i) => `another-token-${i}`),
        property: fc.asyncProperty(drawn, valueOf('ClientRequestToken'), async (request, otherToken) => {
          const first = await firstStart(context, request);
          const other = await send(withUniqueToken(context, { ...first.request, ClientRequestToken: otherToken }));
          const otherId = expectSuccess('StartFaceDetection', other).JobId;
          if (otherId === first.JobId) fail('idempotent-another-token', `another token answered the same JobId ${first.JobId}`, other);
        }),
      },
    ];
    if (context.jobsCost) return cases;
    return [
      ...cases,
      {
        name: 'no token, same parameters',
        maxRuns: maxRuns / 2,
        coverage: examples.map(({ ClientRequestToken: _, ...rest }) => [rest]),
        property: fc.asyncProperty(jobRequest(context, { withToken: false }), async (request) => {
          const first = (await startJob(context, request)).JobId;
          const second = await send(reordered(request));
          const secondId = expectSuccess('StartFaceDetection', second).JobId;
          if (secondId === first)
            fail('no-token-repeat', `a start without a ClientRequestToken answered the JobId ${first} of the same start before it`, second);
        }),
      },
    ];
  },
};
