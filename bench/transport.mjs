// The mock's transports: the msw handlers' round trip per request, and the emulator's requests per
// second under load (autocannon, loopback), each against the barest server of the same kind.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { FaceDetectionService, handlers } from '../dist/msw.js';
import { alternate, ratio, START_BODY, START_HEADERS, START_URL } from './common.mjs';

const FIXED_JOB_ID = 'a'.repeat(64);
const unlimited = () => new FaceDetectionService({ maxConcurrentJobs: Number.POSITIVE_INFINITY, jobDurationMs: 20 });

/** Milliseconds per request: `requests` StartFaceDetection fetches, one after another, through msw. */
async function mswRoundTrip(mswHandlers, requests) {
  const server = setupServer(...mswHandlers);
  server.listen({ onUnhandledRequest: 'error' });
  try {
    const send = async () => {
      const response = await fetch(START_URL, { method: 'POST', headers: START_HEADERS, body: START_BODY });
      if (response.status !== 200) throw new Error(`msw answered ${response.status}: ${await response.text()}`);
      await response.json();
    };
    for (let i = 0; i < 200; i++) await send(); // warm-up
    const started = performance.now();
    for (let i = 0; i < requests; i++) await send();
    return (performance.now() - started) / requests;
  } finally {
    server.close();
  }
}

const CONNECTIONS = 64;
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 3);
const WARM_UP_REQUESTS = 5000;

/** Starts bench/server.mjs (`emulator` or `bare`) in its own process, so that client and server each have a core. */
async function serverProcess(kind) {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./server.mjs', import.meta.url)), kind], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [chunk] = await once(child.stdout, 'data');
  return {
    url: String(chunk).trim(),
    stop: async () => {
      child.kill();
      await once(child, 'exit');
    },
  };
}

/** Requests per second of `kind` under autocannon: 64 connections, SECONDS seconds, loopback. */
async function load(kind) {
  const server = await serverProcess(kind);
  try {
    const request = { url: server.url, connections: CONNECTIONS, method: 'POST', headers: START_HEADERS, body: START_BODY };
    // Warm-up, not measured: both servers are timed once their code is compiled and optimised.
    await autocannon({ ...request, amount: WARM_UP_REQUESTS });
    const result = await autocannon({ ...request, duration: SECONDS });
    if (result.non2xx || result.errors || result.timeouts)
      throw new Error(`${kind}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
    return result.requests.average;
  } finally {
    await server.stop();
  }
}

export async function transportRows(row) {
  const requests = 1000;
  const bare = [http.post(START_URL, () => HttpResponse.json({ JobId: FIXED_JOB_ID }))];
  const msw = await alternate(
    () => mswRoundTrip(handlers(unlimited()), requests),
    () => mswRoundTrip(bare, requests),
  );
  row(
    `msw mock round trip (setupServer, fetch), ${requests} starts`,
    `${(msw.value * 1000).toFixed(0)} µs/request`,
    `bare msw handler, ${(msw.base * 1000).toFixed(0)} µs`,
    ratio(msw.value, msw.base, 1),
  );

  const rps = await alternate(
    () => load('emulator'),
    () => load('bare'),
  );
  row(
    `emulator under autocannon (${CONNECTIONS} conns, ${SECONDS} s, loopback)`,
    `${Math.round(rps.value)} req/s (target >= 0.6x)`,
    `bare node:http, ${Math.round(rps.base)} req/s`,
    ratio(rps.value, rps.base),
  );
}
