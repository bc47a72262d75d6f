// A server for the load bench, in its own process: `emulator` (as serve makes it) or `bare`
// (node:http answering the bytes the emulator answers a start with). Prints its URL, serves until killed.
import { createServer } from 'node:http';
import { serveOptions } from '../dist/cli/serveCommand.js';
import { startEmulator } from '../dist/emulator.js';

const HOST = '127.0.0.1';
const kind = process.argv[2];
let url;
if (kind === 'emulator') {
  // Made from serve's flags, as `face-detection-contract serve` makes it (finished jobs kept an hour
  // and 10,000 at most, no calls recorded), with jobs short and the job limit out of the way.
  const options = serveOptions({ port: '0', host: HOST, 'max-jobs': '1000000', 'job-duration': '20' });
  if (typeof options === 'string') throw new Error(options);
  url = (await startEmulator({ ...options.emulator, service: options.service })).url;
} else if (kind === 'bare') {
  const body = JSON.stringify({ JobId: 'a'.repeat(64) });
  const headers = {
    'Content-Type': 'application/x-amz-json-1.1',
    'x-amzn-RequestId': '00000000-0000-4000-8000-000000000000',
    'Content-Length': Buffer.byteLength(body),
  };
  const server = createServer({ keepAlive: true }, (req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, headers).end(body));
  });
  await new Promise((resolve) => server.listen(0, HOST, resolve));
  url = `http://${HOST}:${server.address().port}/`;
} else {
  throw new Error(`usage: node bench/server.mjs emulator|bare, not ${kind}`);
}
process.stdout.write(`${url}\n`);
