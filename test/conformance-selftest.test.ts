// The suite tests itself: against the service broken in each fault mode, the check and finding
// test/selftestCatches.mjs names for it must find it on every seed of test/selftest.ts; against the
// unbroken service the whole suite must find nothing, and judge everything, on several seeds.
// Every fact a conformance run can check has a mode that breaks it, and every finding an oracle can
// raise has a mode that raises it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contractCoverage } from '../src/conformance/contractCoverage.js';
import { embeddedTarget, FINDING_RULES, FINDINGS, runConformance } from '../src/conformance/index.js';
import { sharedJobRequest, uniqueTokens } from '../src/conformance/checks/requests.js';
import type { CheckContext } from '../src/conformance/Check.js';
import { validateStartFaceDetectionRequest } from '../src/contract/validators.js';
import { faultModes, type FaultModeName } from '../src/msw.js';
import { catchesFaultModesOfShard, catchersOf, RUNS, service, SHARDS } from './selftest.js';
import { CATCHES } from './selftestCatches.mjs';
import { CONFORMANCE_VIDEO } from '../src/service/defaults.js';
import { root } from './spec.js';

describe('the conformance suite', () => {
  it.each([
    [false, 1, 100],
    [true, 1, 100],
    [false, 2, RUNS],
    [false, 3, RUNS],
    [true, 4, RUNS],
  ])('passes the unbroken service (strict: %s, seed %i, --runs %i), every case judged', async (strict, seed, runs) => {
    const report = await runConformance({ target: embeddedTarget(service()), seed, runs, strict, jobTimeoutMs: 200 });
    expect(report.checks.map((c) => [c.name, c.status, c.finding?.message])).toEqual(
      report.checks.map((c) => [c.name, 'passed', undefined]),
    );
    expect(report.checks.flatMap((c) => c.cases.filter((k) => k.status !== 'passed' || k.runs === 0))).toEqual([]);
    expect(report.inconclusive).toEqual([]);
    expect(report.verdict).toBe('conformant');
  });

  it('names, for every finding an oracle can raise, a fault mode that must raise it: no branch of an oracle goes unseen', () => {
    const named = new Set(Object.values(CATCHES).flatMap((catches) => catches.map((c) => c.rule)));
    expect(FINDING_RULES.filter((rule) => !named.has(rule)).map((rule) => `${rule}: ${FINDINGS[rule]}`)).toEqual([]);
  });

  it('names for each fault mode catches by checks that assert a fact it breaks (the matrix), in cases they assert it in', () => {
    const astray: string[] = [];
    for (const [mode, catches] of Object.entries(CATCHES) as [FaultModeName, (typeof CATCHES)[FaultModeName]][]) {
      expect(faultModes[mode], `${mode} in test/selftestCatches.mjs is no fault mode`).toBeDefined();
      const asserters = catchersOf(mode);
      for (const c of catches)
        if (!asserters.some((a) => a.check === c.check && (a.cases === undefined || c.case === undefined || a.cases.includes(c.case))))
          astray.push(`${mode}: ${c.check}${c.case ? ` / ${c.case}` : ''} asserts none of ${faultModes[mode]!.breaks.join('; ')}`);
    }
    expect(astray).toEqual([]);
    expect((Object.keys(faultModes) as FaultModeName[]).filter((mode) => !CATCHES[mode])).toEqual([]);
  });

  it("starts the shared job on the spec's every-member example: the same request on every seed, valid, and started by every mode whose catch reads it", async () => {
    const context = (run: string, jobsCost = false) =>
      ({
        jobsCost,
        ...(jobsCost ? { video: CONFORMANCE_VIDEO } : {}),
        probeVideo: { Bucket: 'b', Name: 'k' },
        uniqueToken: uniqueTokens(run),
      }) as unknown as CheckContext;
    const request = sharedJobRequest(context('a'));
    const { ClientRequestToken: _, ...rest } = request;
    const { ClientRequestToken: __, ...again } = sharedJobRequest(context('b'));
    expect(again).toEqual(rest);
    expect(validateStartFaceDetectionRequest(request).valid).toBe(true);
    // The checks that read the shared job: a mode they must catch must let it start, or the catch would be of its refusal.
    const readers = new Set(['response-contract', 'lifecycle', 'pagination']);
    const refused: string[] = [];
    for (const [mode, catches] of Object.entries(CATCHES) as [FaultModeName, (typeof CATCHES)[FaultModeName]][]) {
      // (A start answered without its JobId is a catch of the start itself.)
      if (!catches.some((c) => (readers.has(c.check) && c.rule !== 'start-no-job-id') || c.jobsCost)) continue;
      const jobsCost = catches.some((c) => c.jobsCost);
      const target = embeddedTarget(service(mode, { jobsCost }));
      const { response } = await target.send({
        operation: 'StartFaceDetection',
        body: JSON.stringify(sharedJobRequest(context(mode, jobsCost))),
      });
      if (response.status !== 200 || typeof JSON.parse(response.body).JobId !== 'string')
        refused.push(`${mode}: ${response.status} ${response.body}`);
    }
    expect(refused).toEqual([]);
  });

  it('has a fault mode for every fact a conformance run can check, and each mode breaks facts some check asserts', () => {
    const broken = new Set(Object.values(faultModes).flatMap((mode) => mode.breaks));
    // A rule no endpoint can break alone (another rule of the member refuses all it would let through) is asserted, but no mode can show it.
    const checkable = contractCoverage().filter((row) => row.checkedBy.length > 0 && row.implied === undefined);
    expect(checkable.filter((row) => !broken.has(row.fact.id)).map((row) => row.fact.id)).toEqual([]);
    const facts = new Set(contractCoverage().map((row) => row.fact.id));
    for (const [name, mode] of Object.entries(faultModes)) {
      expect(
        mode.breaks.filter((fact) => !facts.has(fact)),
        name,
      ).toEqual([]);
      expect(catchersOf(name as keyof typeof faultModes).length, name).toBeGreaterThan(0);
    }
  });

  it('has a file for every shard, so that every fault mode is tried', () => {
    for (let shard = 1; shard < SHARDS; shard++) {
      expect(readFileSync(join(root, 'test', `conformance-selftest-${shard}.test.ts`), 'utf8')).toContain(
        `catchesFaultModesOfShard(${shard})`,
      );
    }
  });

  catchesFaultModesOfShard(0);
});
