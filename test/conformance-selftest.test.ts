// The suite tests itself: against the service broken in each fault mode, the checks that assert
// the fact the mode breaks (the contract-coverage matrix) must find it on every seed of
// test/selftest.ts; against the unbroken service the whole suite must find nothing, on several
// seeds. Every fact a conformance run can check has a mode that breaks it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contractCoverage } from '../src/conformance/contractCoverage.js';
import { embeddedTarget, runConformance } from '../src/conformance/index.js';
import { faultModes } from '../src/msw.js';
import { catchesFaultModesOfShard, catchersOf, RUNS, service, SHARDS } from './selftest.js';
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
    expect(report.verdict).toBe('conformant');
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
