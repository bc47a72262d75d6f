// A process for the soak bench, run with --expose-gc so that it can weigh its own heap after a full
// collection. `service N`: N starts through the service's respond() in process, printing the heap
// after N/10 and after N as JSON. `server`: the emulator on loopback, printing its URL, then its heap
// once per line read on stdin, until killed. Either way the service is the one startEmulator makes
// itself, so it keeps finished jobs as serve does by default.
import { createInterface } from 'node:readline';
import { startEmulator } from '../dist/emulator.js';
import { START_BODY, START_HEADERS } from './common.mjs';

if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');

/** Heap used after a full collection, in bytes. Twice: what the first frees may free more. */
function heapAfterGc() {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
}

// Jobs of 1 ms, no limit on running ones: every start is a job, and each soon finishes.
const SERVICE = { jobDurationMs: 1, maxConcurrentJobs: Number.POSITIVE_INFINITY };
const [kind, count] = process.argv.slice(2);
const emulator = await startEmulator({ port: 0, host: '127.0.0.1', service: SERVICE });

if (kind === 'service') {
  const starts = Number(count);
  const body = new TextEncoder().encode(START_BODY);
  const request = { method: 'POST', header: (name) => START_HEADERS[name], body };
  const heap = {};
  for (let i = 1; i <= starts; i++) {
    const answer = await emulator.service.respond(request);
    if (answer.status !== 200) throw new Error(`start ${i} answered ${answer.status}: ${answer.body}`);
    if (i === Math.floor(starts / 10)) heap.tenth = heapAfterGc();
  }
  heap.all = heapAfterGc();
  heap.jobs = emulator.service.jobs.length;
  process.stdout.write(`${JSON.stringify(heap)}\n`);
  await emulator.close();
} else if (kind === 'server') {
  process.stdout.write(`${emulator.url}/\n`);
  for await (const _ of createInterface({ input: process.stdin }))
    process.stdout.write(`${JSON.stringify({ heap: heapAfterGc(), jobs: emulator.service.jobs.length })}\n`);
} else {
  throw new Error(`usage: node --expose-gc bench/soakProcess.mjs service N | server, not ${kind}`);
}
