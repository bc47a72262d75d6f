// npm run bench: the conformance suite's speed, each figure beside a baseline measured in the same
// run (absolute times on shared machines are noisy; ratios travel better).
//  - the default suite against the embedded mock and against the emulator on loopback;
//  - baseline: the same number of requests, one fixed valid start each, sent to the same target;
//  - time to catch each fault mode (the default suite, until its first finding), median and worst.
import os from 'node:os';
import { runConformance, embeddedTarget, httpTarget } from '../dist/conformance/index.js';
import { FaceDetectionService, faultModes } from '../dist/msw.js';
import { startEmulator } from '../dist/emulator.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// Jobs finish in 20 ms, as the embedded target's do: the checks that wait for jobs wait briefly.
const unlimited = (faultMode) => new FaceDetectionService({ maxConcurrentJobs: Number.POSITIVE_INFINITY, jobDurationMs: 20, ...(faultMode ? { faultMode } : {}) });
const body = JSON.stringify({ Video: { S3Object: { Bucket: 'my-videos', Name: 'lobby.mp4' } } });

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

const rows = [];
const row = (what, value, baselineName, ratio) => rows.push([what, value, baselineName, ratio]);

const embedded = await suiteAgainst(() => embeddedTarget(unlimited()));
row('default suite vs the embedded mock', `${(embedded.suite / 1000).toFixed(2)} s (target < 10 s)`, `${embedded.requests} bare starts`, `${(embedded.suite / embedded.base).toFixed(1)}x`);
row('  its requests per second', `${Math.round((embedded.requests * 1000) / embedded.suite)}/s`, 'bare starts', `${((embedded.requests * 1000) / embedded.suite / ((embedded.requests * 1000) / embedded.base)).toFixed(2)}x`);

const emulators = [];
const viaHttp = await suiteAgainst(async () => {
  const e = await startEmulator({ port: 0, service: unlimited() });
  emulators.push(e);
  return httpTarget({ endpoint: e.url });
});
await Promise.all(emulators.map((e) => e.close()));
row('default suite vs the emulator (loopback)', `${(viaHttp.suite / 1000).toFixed(2)} s`, `${viaHttp.requests} bare starts over HTTP`, `${(viaHttp.suite / viaHttp.base).toFixed(1)}x`);
row('  its requests per second', `${Math.round((viaHttp.requests * 1000) / viaHttp.suite)}/s`, 'bare starts over HTTP', `${((viaHttp.requests * 1000) / viaHttp.suite / ((viaHttp.requests * 1000) / viaHttp.base)).toFixed(2)}x`);

const catches = [];
for (const mode of Object.keys(faultModes)) catches.push([mode, await timeToCatch(mode)]);
const times = catches.map(([, t]) => t);
const worst = catches.reduce((a, b) => (b[1] > a[1] ? b : a));
row(`time to catch a fault mode (median of ${catches.length})`, `${(median(times) / 1000).toFixed(2)} s (target < 2 s)`, 'default suite, unbroken', `${(median(times) / embedded.suite).toFixed(2)}x`);
row(`  slowest: ${worst[0]}`, `${(worst[1] / 1000).toFixed(2)} s`, 'default suite, unbroken', `${(worst[1] / embedded.suite).toFixed(2)}x`);

const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length), ['figure', 'value', 'baseline (same run)', 'ratio'][i].length));
const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
console.log(`conformance benchmark, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} x ${os.cpus()[0]?.model.trim()}, Node ${process.version}, medians of ${ROUNDS} rounds`);
console.log(line(['figure', 'value', 'baseline (same run)', 'ratio']));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line(r));
