// Shared by the bench modules: rounds, medians, the wire of a StartFaceDetection call, the table.
import os from 'node:os';

export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const ratio = (value, base, digits = 2) => `${(value / base).toFixed(digits)}x`;

/** What every transport bench sends: a plain valid start, with the headers the SDK sends. */
export const START_URL = 'https://rekognition.us-east-1.amazonaws.com/';
export const START_BODY = JSON.stringify({ Video: { S3Object: { Bucket: 'my-videos', Name: 'lobby.mp4' } } });
export const START_HEADERS = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'RekognitionService.StartFaceDetection' };

/** Runs `measure` and `baseline` alternately, ROUNDS times each; the medians of both. */
export async function alternate(measure, baseline, rounds = ROUNDS) {
  const values = [];
  const bases = [];
  for (let round = 0; round < rounds; round++) {
    values.push(await measure(round));
    bases.push(await baseline(round));
  }
  return { value: median(values), base: median(bases) };
}

export function printTable(rows) {
  const head = ['figure', 'value', 'baseline (same run)', 'ratio'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  console.log(
    `benchmark, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} x ${os.cpus()[0]?.model.trim()}, Node ${process.version}, medians of ${ROUNDS} rounds`,
  );
  console.log(line(head));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(r));
}
