// Memory over a long run: a million starts through the service in process, and a shorter run
// through the emulator over HTTP, each weighing the heap after a full collection once a tenth of
// the starts are in and again at the end. Finished jobs are forgotten as serve forgets them by
// default, so the heap levels off: a ratio near 1.0x is flat memory.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { ratio, START_BODY, START_HEADERS } from './common.mjs';

const SERVICE_STARTS = Number(process.env.BENCH_SOAK_STARTS ?? 1_000_000);
const HTTP_STARTS = Number(process.env.BENCH_SOAK_HTTP_STARTS ?? 250_000);
const CONNECTIONS = 32;
const PROCESS = fileURLToPath(new URL('./soakProcess.mjs', import.meta.url));

const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const thousands = (n) => n.toLocaleString('en-US');

function soakProcess(args) {
  return spawn(process.execPath, ['--expose-gc', PROCESS, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
}

/** The heap after N/10 and after N starts through respond(), in a process of its own. */
async function inProcess(starts) {
  const child = soakProcess(['service', String(starts)]);
  const [line] = await once(createInterface({ input: child.stdout }), 'line');
  await once(child, 'exit');
  return JSON.parse(line);
}

/** The emulator's heap after N/10 and after N starts over HTTP (autocannon, keep-alive, loopback). */
async function overHttp(starts) {
  const child = soakProcess(['server']);
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => (await lines.next()).value;
  try {
    const url = await next();
    const send = async (amount) => {
      const result = await autocannon({ url, connections: CONNECTIONS, amount, method: 'POST', headers: START_HEADERS, body: START_BODY });
      if (result.non2xx || result.errors || result.timeouts)
        throw new Error(`soak: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
    };
    const weigh = async () => {
      child.stdin.write('heap\n');
      return JSON.parse(await next());
    };
    const tenth = Math.floor(starts / 10);
    await send(tenth);
    const first = await weigh();
    await send(starts - tenth);
    const last = await weigh();
    return { tenth: first.heap, all: last.heap, jobs: last.jobs };
  } finally {
    child.kill();
    await once(child, 'exit');
  }
}

export async function soakRows(row) {
  const service = await inProcess(SERVICE_STARTS);
  row(
    `heap after ${thousands(SERVICE_STARTS)} starts through respond(), 1 ms jobs (${thousands(service.jobs)} held)`,
    mb(service.all),
    `after ${thousands(SERVICE_STARTS / 10)}, ${mb(service.tenth)}`,
    ratio(service.all, service.tenth),
  );
  const http = await overHttp(HTTP_STARTS);
  row(
    `emulator heap after ${thousands(HTTP_STARTS)} starts over HTTP, ${CONNECTIONS} conns (${thousands(http.jobs)} held)`,
    mb(http.all),
    `after ${thousands(HTTP_STARTS / 10)}, ${mb(http.tenth)}`,
    ratio(http.all, http.tenth),
  );
}
