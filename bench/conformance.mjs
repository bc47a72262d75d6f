// The conformance suite's speed, each figure beside a baseline measured in the same
// run (absolute times on shared machines are noisy; ratios travel better).
//  - the default suite against the embedded mock and against the emulator on loopback;
//  - baseline: the same number of requests, one fixed valid start each, sent to the same target;
//  - the catch rate: each fault mode against the check and finding test/selftestCatches.mjs names
//    for it (each of them, where it names several), over BENCH_SEEDS seeds at --runs 10 (what the
//    self-test demands of every seed);
//  - time to catch each fault mode with default flags, against the emulator on loopback (the
//    default suite, until its first finding), median and worst: every wait of a run is bounded;
//    and which modes the default suite finds first by another check or finding than the one named
//    (reported, not required).
import { runConformance, embeddedTarget, httpTarget } from '../dist/conformance/index.js';
import { FaceDetectionService, faultModes } from '../dist/msw.js';
import { CONFORMANCE_VIDEO } from '../dist/service/defaults.js';
import { CATCHES } from '../test/selftestCatches.mjs';
import { startEmulator } from '../dist/emulator.js';
import { ROUNDS, START_BODY as body, median } from './common.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Jobs finish in 20 ms, as the embedded target's do: the checks that wait for jobs wait briefly.
const unlimited = (faultMode) =>
  new FaceDetectionService({ maxConcurrentJobs: Number.POSITIVE_INFINITY, jobDurationMs: 20, ...(faultMode ? { faultMode } : {}) });

async function baseline(target, requests) {
  const started = performance.now();
  for (let i = 0; i < requests; i++) await target.send({ operation: 'StartFaceDetection', body });
  return performance.now() - started;
}

async function suiteAgainst(makeTarget) {
  const suite = [];
  const base = [];
  let requests = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const report = await runConformance({ target: await makeTarget(), seed: 1000 + round });
    if (!report.conformant) throw new Error(`the unbroken service failed: ${JSON.stringify(report.checks.filter((c) => c.finding))}`);
    suite.push(report.durationMs);
    requests = report.requests;
    base.push(await baseline(await makeTarget(), requests));
  }
  return { suite: median(suite), base: median(base), requests };
}

/** Seeds of the catch rate; BENCH_SEEDS=N uses the first N. */
const SEEDS = Array.from({ length: Number(process.env.BENCH_SEEDS ?? 20) }, (_, i) => i + 1);
const needs = (mode) => faultModes[mode].needs ?? {};
const VIDEO_KEY = `${CONFORMANCE_VIDEO.Bucket}/${CONFORMANCE_VIDEO.Name}`;

/** Whether each check `mode` names finds it, with the finding named, with `seed` at --runs 10 (as test/selftest.ts runs it). */
async function caught(mode, seed) {
  if (!CATCHES[mode]?.length) return false;
  for (const c of CATCHES[mode]) {
    const s3Objects = { ...(c.jobsCost ? { [VIDEO_KEY]: {} } : {}), ...needs(mode).s3Objects };
    const report = await runConformance({
      target: embeddedTarget(
        new FaceDetectionService({
          maxConcurrentJobs: Infinity,
          jobDurationMs: 10,
          faultMode: mode,
          ...(Object.keys(s3Objects).length ? { s3Objects } : {}),
        }),
      ),
      seed,
      runs: 10,
      strict: faultModes[mode].strictOnly ?? false,
      jobTimeoutMs: 200,
      selectiveLaterMs: 100,
      checks: [c.check],
      ...(c.case !== undefined ? { caseFilter: (_, name) => name === c.case } : {}),
      ...(c.jobsCost ? { jobsCost: true, video: CONFORMANCE_VIDEO } : {}),
    });
    const failed = report.checks.find((k) => k.status === 'failed');
    if (failed?.name !== c.check || failed.finding.rule !== c.rule || (c.case !== undefined && failed.finding.case !== c.case))
      return false;
  }
  return true;
}

/**
 * Time to catch with default flags: the default suite against the emulator on loopback broken in
 * `mode` (jobs of 20 ms, no job limit but the mode's), until its first finding; the run stops there.
 */
async function timeToCatch(mode) {
  const emulator = await startEmulator({
    port: 0,
    service: new FaceDetectionService({ maxConcurrentJobs: Infinity, jobDurationMs: 20, faultMode: mode, ...needs(mode) }),
  });
  const started = performance.now();
  let at;
  let by;
  try {
    const report = await runConformance({
      endpoint: emulator.url,
      seed: 4242,
      strict: faultModes[mode].strictOnly ?? false,
      bail: true,
      onProgress: (e) => {
        if (e.type === 'end' && e.result.status === 'failed' && at === undefined) at = performance.now() - started;
      },
    });
    if (report.verdict !== 'not conformant') throw new Error(`${mode} was not caught with default flags`);
    const failed = report.checks.find((c) => c.status === 'failed');
    by = { check: failed.name, rule: failed.finding.rule };
  } finally {
    await emulator.close();
  }
  return { at, by };
}

/** `task` over `items`, `width` at a time: the long waits (a job that never ends) side by side. */
async function pooled(items, width, task) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await task(items[i]);
      }
    }),
  );
  return results;
}

/** The conformance rows: `row(figure, value, baseline, ratio)` for each. */
/** The suite's time beside as many bare starts, and its requests per second beside theirs (the same ratio, upside down). */
function suiteRows(row, label, target, baseline, { suite, base, requests }) {
  row(label, `${(suite / 1000).toFixed(2)} s${target}`, `${requests} ${baseline}`, `${(suite / base).toFixed(1)}x`);
  row('  its requests per second', `${Math.round((requests * 1000) / suite)}/s`, baseline, `${(base / suite).toFixed(2)}x`);
}

export async function conformanceRows(row) {
  const embedded = await suiteAgainst(() => embeddedTarget(unlimited()));
  suiteRows(row, 'default suite vs the embedded mock (20 ms jobs, no job limit)', ' (target < 2.5 s)', 'bare starts', embedded);

  const emulators = [];
  const viaHttp = await suiteAgainst(async () => {
    const e = await startEmulator({ port: 0, service: unlimited() });
    emulators.push(e);
    return httpTarget({ endpoint: e.url });
  });
  await Promise.all(emulators.map((e) => e.close()));
  suiteRows(row, 'default suite vs the emulator (loopback, 20 ms jobs, no job limit)', '', 'bare starts over HTTP', viaHttp);

  // BENCH_FAULT_MODES=N takes the first N only: CI's short round proves the loop runs, no more.
  const modes = Object.keys(faultModes).slice(0, Number(process.env.BENCH_FAULT_MODES ?? Infinity));
  let catches = 0;
  for (const mode of modes) for (const seed of SEEDS) if (await caught(mode, seed)) catches++;
  const tries = modes.length * SEEDS.length;
  row(
    `catch rate: ${modes.length} fault modes x ${SEEDS.length} seeds, --runs 10`,
    `${catches} of ${tries} (${((100 * catches) / tries).toFixed(1)}%) (target 100%)`,
    'every try',
    `${(catches / tries).toFixed(2)}x`,
  );
  const caughtBy = await pooled(modes, 4, timeToCatch);
  const times = caughtBy.map((c) => c.at);
  const slowest = modes.map((mode, i) => [mode, times[i]]).sort((a, b) => b[1] - a[1]);
  row(
    `time to catch with default flags, loopback (median of ${modes.length})`,
    `${(median(times) / 1000).toFixed(2)} s (target < 60 s)`,
    'default suite, unbroken',
    `${(median(times) / embedded.suite).toFixed(2)}x`,
  );
  // Jobs that never end (a limit that counts finished ones acts as if none did): bound by the job timeout, not 60 s.
  const jobBound = new Set(['job-never-finishes', 'limit-counts-finished-jobs']);
  for (const [mode, time] of slowest.slice(0, 3))
    row(
      `  slow: ${mode}`,
      `${(time / 1000).toFixed(2)} s${jobBound.has(mode) ? ' (bound: the job timeout, 60 s)' : ''}`,
      'default suite, unbroken',
      `${(time / embedded.suite).toFixed(2)}x`,
    );
  // The default suite's first finding, where it is not one the mode names: reported, not required.
  const others = modes.filter((mode, i) => !CATCHES[mode].some((c) => c.check === caughtBy[i].by.check && c.rule === caughtBy[i].by.rule));
  row(
    '  first found by another check or finding than named',
    `${others.length} of ${modes.length}${
      others.length
        ? ` (e.g. ${others
            .slice(0, 3)
            .map((m) => `${m}: ${caughtBy[modes.indexOf(m)].by.check}, ${caughtBy[modes.indexOf(m)].by.rule}`)
            .join('; ')})`
        : ''
    }`,
    '-',
    '-',
  );
  const past = slowest.filter(([, time]) => time > 60_000).map(([mode]) => mode);
  row(
    '  modes past 60 s',
    past.length
      ? `${past.join(', ')}${past.every((m) => jobBound.has(m)) ? ' (jobs that never end, bound by the job timeout)' : ''}`
      : 'none',
    '-',
    '-',
  );
}
