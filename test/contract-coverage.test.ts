// The contract-coverage matrix: every fact the spec fixes has a row, every row names checks and
// cases that exist (or says why no run can check the fact), docs/contract-coverage.md is the
// matrix as the code has it, and a run's report lists the facts it left unchecked, and why.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contractFacts } from '../src/contract/facts.js';
import { CHECK_NAMES } from '../src/conformance/checkNames.js';
import type { CheckContext } from '../src/conformance/Check.js';
import { checks } from '../src/conformance/checks/index.js';
import { uniqueTokens } from '../src/conformance/checks/requests.js';
import { contractCoverage, contractCoverageMarkdown } from '../src/conformance/contractCoverage.js';
import { factsNotChecked } from '../src/conformance/factsNotChecked.js';
import { embeddedTarget, runConformance } from '../src/conformance/index.js';
import { faultModes } from '../src/msw.js';
import { root } from './spec.js';

/** Each check's case names, in a run where jobs cost nothing (every case exists there). */
function caseNames(): Map<string, string[]> {
  const context = {
    jobsCost: false,
    probeVideo: { Bucket: 'b', Name: 'k' },
    uniqueToken: uniqueTokens(''),
    client: () => ({}),
  } as unknown as CheckContext;
  return new Map(checks.map((check) => [check.name, check.cases ? check.cases(context).map((c) => c.name) : [check.name]]));
}

describe('the contract-coverage matrix', () => {
  const rows = contractCoverage();

  it('has a row for every fact the spec holds, in its order, and no other', () => {
    expect(rows.map((r) => r.fact.id)).toEqual(contractFacts().map((f) => f.id));
    expect(new Set(rows.map((r) => r.fact.id)).size).toBe(rows.length);
    expect(rows.length).toBeGreaterThan(100);
  });

  it('names, for each fact, checks and cases that exist, or why no run (or no costly run) can check it', () => {
    const names = caseNames();
    expect(rows.length, 'the matrix holds a row for each fact of the spec').toBeGreaterThan(0);
    for (const row of rows) {
      const label = row.fact.id;
      if (row.checkedBy.length === 0) expect(row.unchecked?.where, label).toBe('anywhere');
      if (row.unchecked) expect(row.unchecked.why.length, label).toBeGreaterThan(20);
      for (const { check, cases } of row.checkedBy) {
        expect(CHECK_NAMES, label).toContain(check);
        expect(cases?.length ?? 1, `${label}: ${check} names no case`).toBeGreaterThan(0);
        for (const name of cases ?? []) expect(names.get(check), `${label}: ${check} has no case ${name}`).toContain(name);
      }
    }
  });

  it('derives the facts from the spec: a member rule for each constraint, an echo for each x-aws-echo, a behaviour for each x-aws-behaviour', () => {
    const ids = new Set(rows.map((r) => r.fact.id));
    for (const id of [
      'StartFaceDetection ClientRequestToken: pattern',
      'StartFaceDetection Video.S3Object.Bucket: minLength 3',
      'GetFaceDetection MaxResults: int32',
      'GetFaceDetection answer: JobTag echoes StartFaceDetectionRequest.JobTag',
      'GetFaceDetection answer: JobStatus always present',
      'StartFaceDetection idempotency: noToken',
      'error LimitExceededException: status 400',
      'error ThrottlingException: status 500',
      'GetFaceDetection behaviour: unknownJob',
      'every answer: header x-amzn-RequestId',
    ])
      expect(ids, id).toContain(id);
  });

  it('is published as docs/contract-coverage.md (npm run docs:coverage writes it)', () => {
    expect(readFileSync(join(root, 'docs/contract-coverage.md'), 'utf8')).toBe(contractCoverageMarkdown(faultModes));
  });
});

describe("a run's facts not checked", () => {
  it('are those of the checks not run (--checks), of the cases skipped, and those no run can check, each with its reason', async () => {
    const report = await runConformance({ target: embeddedTarget(), seed: 1, runs: 3, checks: ['unknown-job'] });
    const why = new Map(report.factsNotChecked.map((f) => [f.fact, f.why]));
    expect(why.get('GetFaceDetection behaviour: unknownJob')).toBeUndefined();
    expect(why.get('GetFaceDetection behaviour: everyFaceOnce')).toBe('pagination was not run (--checks)');
    expect(why.get('StartFaceDetection ClientRequestToken: pattern')).toBe('negative-rejection was not run (--checks)');
    expect(why.get('SigV4: every call signed')).toMatch(/^no conformance run can: the run signs every call correctly/);
    // An error no answer carried is not judged: the report says the endpoint never had to answer it.
    expect(why.get('error InvalidPaginationTokenException: status 400')).toMatch(/^pagination was not run/);
    expect(why.get('error ResourceNotFoundException: status 400')).toBeUndefined();
    expect(report.errorsAnswered.ResourceNotFoundException).toBeGreaterThan(0);
  });

  it('where jobs cost: a start without a token is not sent, and the report says why', () => {
    const checksRun = [
      {
        name: 'idempotency',
        cases: ['same token, same parameters', 'same token, other parameters', 'another token'].map((name) => ({
          name,
          status: 'passed',
          runs: 1,
        })),
      },
    ];
    const whereJobsCost = factsNotChecked({ jobsCost: true, checks: checksRun, errorsAnswered: {} });
    expect(whereJobsCost.find((f) => f.fact === 'StartFaceDetection idempotency: noToken')?.why).toMatch(
      /^not where jobs cost: a start without a token starts a job each time/,
    );
    const free = factsNotChecked({ jobsCost: false, checks: checksRun, errorsAnswered: {} });
    expect(free.find((f) => f.fact === 'StartFaceDetection idempotency: noToken')?.why).toBe(
      'idempotency ran none of its cases that assert it (--case, or not where jobs cost)',
    );
  });

  it('name the skipped case and its reason', () => {
    const unchecked = factsNotChecked({
      jobsCost: true,
      checks: [
        {
          name: 'pagination',
          cases: [{ name: 'pagination', status: 'skipped', runs: 0, reason: 'the shared job found 1 face: nothing to page' }],
        },
      ],
      errorsAnswered: {},
    });
    expect(unchecked.find((f) => f.fact === 'GetFaceDetection behaviour: everyFaceOnce')?.why).toBe(
      'pagination / pagination was skipped: the shared job found 1 face: nothing to page',
    );
  });
});
