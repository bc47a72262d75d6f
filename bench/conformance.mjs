// The conformance suite's speed, each figure beside a baseline measured in the same
// run (absolute times on shared machines are noisy; ratios travel better).
//  - the default suite against the embedded mock and against the emulator on loopback;
//  - baseline: the same number of requests, one fixed valid start each, sent to the same target;
//  - time to catch each fault mode (the default suite, until its first finding), median and worst.
import { runConformance, embeddedTarget, httpTarget } from '../dist/conformance/index.js';
import { FaceDetectionService, faultModes } from '../dist/msw.js';
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

async function timeToCatch(faultMode) {
  const started = performance.now();
  let caught;
  const report = await runConformance({
    target: embeddedTarget(unlimited(faultMode)),
    seed: 4242,
    jobTimeoutMs: 1000, // job-never-finishes: a 20 ms job not done in a second never will be
    strict: faultModes[faultMode].strictOnly ?? false,
    onProgress: (e) => {
      if (e.type === 'end' && e.result.status === 'failed' && caught === undefined) caught = performance.now() - started;
    },
  });
  if (report.conformant) throw new Error(`${faultMode} was not caught`);
  return caught;
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

  // BENCH_FAULT_MODES=N times the first N only: CI's short round proves the loop runs, no more.
  const modes = Object.keys(faultModes).slice(0, Number(process.env.BENCH_FAULT_MODES ?? Infinity));
  const catches = [];
  for (const mode of modes) catches.push([mode, await timeToCatch(mode)]);
  const times = catches.map(([, t]) => t);
  const worst = catches.reduce((a, b) => (b[1] > a[1] ? b : a));
  row(
    `time to catch a fault mode (median of ${catches.length})`,
    `${(median(times) / 1000).toFixed(2)} s (target < 2 s)`,
    'default suite, unbroken',
    `${(median(times) / embedded.suite).toFixed(2)}x`,
  );
  row(
    `  slowest: ${worst[0]}`,
    `${(worst[1] / 1000).toFixed(2)} s`,
    'default suite, unbroken',
    `${(worst[1] / embedded.suite).toFixed(2)}x`,
  );
}
