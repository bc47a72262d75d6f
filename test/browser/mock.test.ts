// The msw mock in a real browser: the handlers in msw's service worker (setupWorker), called by the
// real AWS SDK v3 in its browser build, in headless Chromium. The page (mock-page/main.ts) is
// bundled with esbuild and served from loopback with msw's own worker script; nothing may leave
// the machine. Needs Debian's Chromium at /usr/bin/chromium; never downloads a browser.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundlePage } from './bundle.js';
import { launchChromium, offline, type Attempt } from './chromium.js';
import type { MockPageResults } from './mock-page/results.js';

const ENDPOINT = 'https://rekognition.us-east-1.amazonaws.com/';
const SCREENSHOT = '/tmp/mock-page.png';

/** The worker script, generated the way msw documents it: `msw init <public folder>` (its own CLI, offline). */
function mswWorkerScript(): string {
  const mswPackage = createRequire(import.meta.url).resolve('msw/package.json');
  const publicDir = mkdtempSync(join(tmpdir(), 'fdc-msw-public-'));
  try {
    execFileSync(process.execPath, [join(dirname(mswPackage), 'cli', 'index.js'), 'init', publicDir, '--no-save'], { stdio: 'ignore' });
    return readFileSync(join(publicDir, 'mockServiceWorker.js'), 'utf8');
  } finally {
    rmSync(publicDir, { recursive: true, force: true });
  }
}

const INDEX = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>msw mock, AWS SDK v3, service worker</title></head>
<body>
<h1>msw mock in a service worker, called by the AWS SDK v3</h1>
<pre id="out">running...</pre>
<script type="module" src="/main.js"></script>
</body>
</html>
`;

/** A request the pages made, and how it was answered. */
interface Seen {
  url: string;
  method: string;
  target: string | undefined;
  status: number | undefined;
  fromServiceWorker: boolean | undefined;
  failure: string | undefined;
}

let server: Server;
let origin: string;
let browser: Browser;
let page: Page;
let inputs: string[];
let results: MockPageResults;
let attempts: Attempt[];
const served: string[] = [];
const seen: Seen[] = [];
const pageErrors: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  const bundled = await bundlePage('test/browser/mock-page/main.ts');
  inputs = bundled.inputs;
  const files: Record<string, { type: string; body: string }> = {
    '/': { type: 'text/html', body: INDEX },
    '/main.js': { type: 'text/javascript', body: bundled.code },
    '/mockServiceWorker.js': { type: 'text/javascript', body: mswWorkerScript() },
  };
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    served.push(`${request.method} ${path}`);
    const file = files[path];
    if (!file) return response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': `${file.type}; charset=utf-8`, 'Cache-Control': 'no-store' }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // Service workers need a secure context: http://localhost is one. Chromium maps localhost to
  // loopback itself, where the server listens.
  origin = `http://localhost:${(server.address() as AddressInfo).port}`;

  // Belt and braces: past Playwright's routing, Chromium resolves no host name but localhost.
  browser = await launchChromium(['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost']);
  const context = await browser.newContext({ viewport: { width: 900, height: 1100 }, serviceWorkers: 'allow' });
  attempts = await offline(context, (url) => url.startsWith(`${origin}/`));
  // Every request Chromium reports, the page's and the service worker's, and how it ended.
  const entries = new Map<Request, Seen>();
  context.on('request', (request) => {
    const entry: Seen = {
      url: request.url(),
      method: request.method(),
      target: request.headers()['x-amz-target'],
      status: undefined,
      fromServiceWorker: undefined,
      failure: undefined,
    };
    seen.push(entry);
    entries.set(request, entry);
  });
  context.on('response', (response) => {
    const entry = entries.get(response.request());
    if (!entry) return;
    entry.status = response.status();
    entry.fromServiceWorker = response.fromServiceWorker();
  });
  context.on('requestfailed', (request) => {
    const entry = entries.get(request);
    if (entry) entry.failure = request.failure()?.errorText;
  });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  await page.goto(`${origin}/`, { waitUntil: 'load' });
  await page.waitForFunction('window.__results !== undefined || window.__error !== undefined');
  const error = (await page.evaluate('window.__error')) as string | undefined;
  expect(error).toBeUndefined();
  results = (await page.evaluate('window.__results')) as MockPageResults;
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** The requests the page sent to Rekognition's endpoint, in order. */
const rekognitionRequests = () => seen.filter((s) => s.url === ENDPOINT);

describe('msw mock in a service worker, driven by the AWS SDK v3 in headless Chromium', () => {
  it('bundles the browser builds of the SDK and of msw, and the handlers from src/', () => {
    expect(inputs.some((i) => /@aws-sdk\/client-rekognition\/dist-es\/runtimeConfig\.browser\.js$/.test(i))).toBe(true);
    expect(inputs.some((i) => /@smithy\/fetch-http-handler\//.test(i))).toBe(true);
    expect(inputs.some((i) => /@smithy\/node-http-handler\//.test(i))).toBe(false);
    expect(inputs.some((i) => /msw\/lib\/browser\//.test(i))).toBe(true);
    expect(inputs).toContain('src/transports/handlers.ts');
  });

  it('starts a job: a JobId of 64 lowercase hex digits', () => {
    expect(results.start.status).toBe(200);
    expect(results.start.jobId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers the same JobId for the same ClientRequestToken and parameters', () => {
    expect(results.repeat).toEqual({ jobId: results.start.jobId, status: 200 });
  });

  it('answers ValidationException (400) for a 65-character ClientRequestToken', () => {
    expect(results.invalid).toEqual({ name: 'ValidationException', status: 400 });
  });

  it("answers IdempotentParameterMismatchException, the SDK's own class, for the token with other parameters", () => {
    expect(results.mismatch).toEqual({
      name: 'IdempotentParameterMismatchException',
      status: 400,
      isIdempotentParameterMismatchException: true,
    });
  });

  it('GetFaceDetection shows the job IN_PROGRESS with the Video that was sent', () => {
    expect(results.get).toEqual({ jobStatus: 'IN_PROGRESS', video: { S3Object: { Bucket: 'my-videos', Name: 'lobby.mp4' } }, status: 200 });
    expect(results.get.video).toEqual(results.video);
  });

  it('after completeJob, the results: every face at once, and the same faces through paginateGetFaceDetection', () => {
    const r = results.results;
    expect(r.jobStatus).toBe('SUCCEEDED');
    expect(r.faces).toBeGreaterThan(5);
    expect(r.durationMillis).toBeGreaterThan(0);
    expect(r.pages).toBe(Math.ceil(r.faces / 5));
    expect(r.pagedSameAsAll).toBe(true);
    expect(r.firstFace).toMatchObject({
      Timestamp: expect.any(Number),
      Face: { BoundingBox: expect.any(Object), Confidence: expect.any(Number), Pose: expect.any(Object), Quality: expect.any(Object) },
    });
    // The service sends FaceOccluded and EyeDirection as null; the SDK drops null members.
    expect(Object.keys((r.firstFace as { Face: object }).Face).sort()).toEqual([
      'BoundingBox',
      'Confidence',
      'Landmarks',
      'Pose',
      'Quality',
    ]);
  });

  it('the in-page service saw every call, one job', () => {
    expect(results.calls).toEqual([
      { operation: 'StartFaceDetection', status: 200, error: undefined },
      { operation: 'StartFaceDetection', status: 200, error: undefined },
      { operation: 'StartFaceDetection', status: 400, error: 'ValidationException' },
      { operation: 'StartFaceDetection', status: 400, error: 'IdempotentParameterMismatchException' },
      { operation: 'GetFaceDetection', status: 200, error: undefined },
      ...Array(1 + results.results.pages).fill({ operation: 'GetFaceDetection', status: 200, error: undefined }),
    ]);
  });

  it('the service worker answered every SDK call: Chromium saw them served by it, none failed', () => {
    const gets = 2 + results.results.pages;
    expect(rekognitionRequests()).toEqual(
      [...Array(4).fill('StartFaceDetection'), ...Array(gets).fill('GetFaceDetection')].map((operation, i) => ({
        url: ENDPOINT,
        method: 'POST',
        target: `RekognitionService.${operation}`,
        status: [200, 200, 400, 400][i] ?? 200,
        fromServiceWorker: true,
        failure: undefined,
      })),
    );
  });

  it('no request left the machine: every request was to the loopback page or answered by the worker', () => {
    expect(attempts).toEqual([]);
    const elsewhere = seen.filter((s) => !s.url.startsWith(`${origin}/`));
    expect(elsewhere.length).toBe(4 + 2 + results.results.pages);
    for (const s of elsewhere) expect(s).toMatchObject({ url: ENDPOINT, fromServiceWorker: true });
    // The loopback server served the page, its bundle and msw's worker script, and nothing else.
    expect(new Set(served)).toEqual(new Set(['GET /', 'GET /main.js', 'GET /mockServiceWorker.js']));
    expect(pageErrors).toEqual([]);
    // Chromium's own line for each 4xx answer (the two errors the SDK was sent): no other error.
    expect(consoleErrors).toEqual(Array(2).fill('Failed to load resource: the server responded with a status of 400 ()'));
  });

  it('the guard is live: what the worker lets through is caught going out, whoever sends it', async () => {
    expect(attempts).toEqual([]);
    const probe = (headers: Record<string, string>) =>
      page.evaluate(
        `fetch(${JSON.stringify(ENDPOINT)}, { method: 'POST', body: '{}', headers: ${JSON.stringify(headers)} }).then((r) => 'answered ' + r.status, (e) => 'failed: ' + e.message)`,
      );
    // msw's bypass marker: the page's msw answers PASSTHROUGH, and the service worker fetches it itself.
    await expect(probe({ accept: 'msw/passthrough' })).resolves.toBe('failed: Failed to fetch');
    // With the worker stopped, the service worker steps aside and the page's own fetch goes out.
    await page.evaluate('window.__stopWorker()');
    await expect(probe({})).resolves.toBe('failed: Failed to fetch');
    expect(attempts).toEqual([
      { url: ENDPOINT, type: 'fetch', fromServiceWorker: true },
      { url: ENDPOINT, type: 'fetch', fromServiceWorker: false },
    ]);
  });
});
