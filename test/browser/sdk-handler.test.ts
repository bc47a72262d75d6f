// The SDK's own request handler in a real browser: the real AWS SDK v3 in its browser build, its
// requestHandler answered by the service in the same page (createRequestHandler), in headless
// Chromium. The page (mock-page/sdk-handler.ts) is bundled with esbuild and served from loopback;
// no request leaves the page but its own files: there is no msw, no worker and no server to reach.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundlePage } from './bundle.js';
import { launchChromium, offline, type Attempt } from './chromium.js';
import type { SdkPageResults } from './mock-page/results.js';

const INDEX = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>AWS SDK v3, in-process request handler</title></head>
<body><pre id="out">running...</pre><script type="module" src="/main.js"></script></body>
</html>
`;

let server: Server;
let browser: Browser;
let inputs: string[];
let results: SdkPageResults;
let attempts: Attempt[];
const requested: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  const bundled = await bundlePage('test/browser/mock-page/sdk-handler.ts');
  inputs = bundled.inputs;
  const files: Record<string, { type: string; body: string }> = {
    '/': { type: 'text/html', body: INDEX },
    '/main.js': { type: 'text/javascript', body: bundled.code },
  };
  server = createServer((request, response) => {
    const file = files[new URL(request.url ?? '/', 'http://localhost').pathname];
    if (!file) return response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': `${file.type}; charset=utf-8`, 'Cache-Control': 'no-store' }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Past Playwright's routing, Chromium resolves no host name but the loopback address it serves on.
  browser = await launchChromium(['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1']);
  const context = await browser.newContext();
  attempts = await offline(context, (url) => url.startsWith(`${origin}/`));
  context.on('request', (request) => requested.push(request.url()));
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${origin}/`, { waitUntil: 'load' });
  await page.waitForFunction('window.__sdkResults !== undefined || window.__sdkError !== undefined');
  expect(await page.evaluate('window.__sdkError')).toBeUndefined();
  results = (await page.evaluate('window.__sdkResults')) as SdkPageResults;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('the SDK with createRequestHandler, in headless Chromium', () => {
  it("bundles the SDK's browser build and the handler from src/, and no msw nor Node's HTTP handler", () => {
    expect(inputs.some((i) => /@aws-sdk\/client-rekognition\/dist-es\/runtimeConfig\.browser\.js$/.test(i))).toBe(true);
    expect(inputs).toContain('src/transports/sdkHandler.ts');
    expect(inputs.some((i) => /node_modules\/msw\//.test(i))).toBe(false);
    expect(inputs.some((i) => /@smithy\/node-http-handler\//.test(i))).toBe(false);
  });

  it('answers as the service: a job, its repeat, a refusal and a mismatch the SDK reads as its own classes', () => {
    expect(results.start).toEqual({ jobId: expect.stringMatching(/^[0-9a-f]{64}$/), status: 200 });
    expect(results.repeat).toEqual({ jobId: results.start.jobId });
    expect(results.invalid).toEqual({ name: 'ValidationException', status: 400 });
    expect(results.mismatch).toEqual({
      name: 'IdempotentParameterMismatchException',
      status: 400,
      isIdempotentParameterMismatchException: true,
    });
    expect(results.inProgress).toBe('IN_PROGRESS');
  });

  it("pages the job's faces with the SDK's paginator: the same faces as one read", () => {
    expect(results.faces).toBeGreaterThan(5);
    expect(results.pagedFaces).toBe(results.faces);
    expect(results.pages).toBe(Math.ceil(results.faces / 5));
    expect(results.calls).toBe(6 + results.pages);
  });

  it('sends no request anywhere: the page and its script are all the browser fetched', () => {
    expect(pageErrors).toEqual([]);
    expect(attempts).toEqual([]);
    expect(requested.map((url) => new URL(url).pathname).sort()).toEqual(['/', '/main.js']);
  });
});
