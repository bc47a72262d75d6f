// The docs site (`npm run docs`) in real headless Chromium, with the network cut off: the page must
// hydrate and show both operations, their members' constraints and their errors from the one HTML
// file alone, and attempt no request at all. Needs Debian's Chromium at /usr/bin/chromium; never
// downloads a browser.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpec, root } from '../spec.js';
import { figuresOf, launchChromium, offline, type Attempt } from './chromium.js';

const DOCS = join(root, 'docs', 'index.html');
const TAG_ROUTE = '/face-detection-in-stored-video';
const spec = loadSpec();

/** The first screen, with the sidebar's footer, at this size. */
const VIEWPORT = { width: 1400, height: 1000 };

const OPERATIONS = [
  {
    operationId: 'StartFaceDetection',
    path: '/#X-Amz-Target=RekognitionService.StartFaceDetection',
    summary: 'Start detecting faces in a stored video',
    clientError: 'StartFaceDetectionClientError',
    mustList400: [
      'IdempotentParameterMismatchException',
      'InvalidS3ObjectException',
      'VideoTooLargeException',
      'LimitExceededException',
      'ValidationException',
    ],
  },
  {
    operationId: 'GetFaceDetection',
    path: '/#X-Amz-Target=RekognitionService.GetFaceDetection',
    summary: 'Get the status and faces of a face-detection job',
    clientError: 'GetFaceDetectionClientError',
    mustList400: ['InvalidPaginationTokenException', 'ResourceNotFoundException', 'AccessDeniedException', 'ValidationException'],
  },
] as const;

/** The error names of a components/responses entry, in the order of its oneOf. */
function oneOfNames(response: string): string[] {
  const oneOf: { $ref: string }[] = spec.components.responses[response].content['application/x-amz-json-1.1'].schema.oneOf;
  return oneOf.map((s) => s.$ref.replace('#/components/schemas/', ''));
}

/** The `__type` pattern of an error schema, e.g. ^(?:[^#]*#)?ThrottlingException(?:[:,][\s\S]*)?$ */
function typePattern(error: string): string {
  const pattern: string = spec.components.schemas[error].allOf[1].properties.__type.pattern;
  expect(pattern).toContain(error);
  return pattern;
}

let browser: Browser;
let context: BrowserContext;
let page: Page;
let html: string;
let attempts: Attempt[];
const pageErrors: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  // The real script, so a broken `docs` script (or one that skips scripts/docs.mjs) fails here.
  execFileSync('npm', ['run', 'docs'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  expect(existsSync(DOCS)).toBe(true);
  html = readFileSync(DOCS, 'utf8');

  browser = await launchChromium();
  context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: 'block' });
  // Offline: only file: and data: get through; every other request is recorded and aborted.
  attempts = await offline(context, (url) => url.startsWith('file:') || url.startsWith('data:'));
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  await page.goto(pathToFileURL(DOCS).href, { waitUntil: 'load' });
});

afterAll(async () => {
  await browser?.close();
});

/** An operation's section, once Redoc has rendered it (it renders sections lazily). */
async function openOperation(operationId: string): Promise<Locator> {
  const route = `${TAG_ROUTE}/${operationId.toLowerCase()}`;
  // Client-side navigation through the sidebar: proves the page hydrated and its links work offline.
  const tag = page.locator('[data-component-name="Menu/MenuItem"]', { hasText: 'Face detection in stored video' }).first();
  const link = page.locator(`a[href="#${route}"]`).first();
  if (!(await link.isVisible())) await tag.click();
  await link.click();
  await page.waitForURL((url) => url.hash === `#${route}`);
  const section = page.locator(`[data-section-id="${route}"]`);
  await section.getByRole('heading', { level: 2 }).first().waitFor({ state: 'visible' });
  return section;
}

/** Asserts that a member row shows the whole of a pattern (Redoc shortens long ones behind "Show pattern"). */
async function expectPattern(row: Locator, pattern: string): Promise<void> {
  const more = row.getByRole('button', { name: 'Show pattern' });
  if ((await more.count()) > 0) await more.click();
  await row.getByText(pattern, { exact: true }).waitFor({ state: 'visible' });
}

/** The property row of a top-level member, by its exact name. */
function member(scope: Locator, name: string): Locator {
  return scope.locator('.schema-property-item', { has: page.locator('.schema-name', { hasText: new RegExp(`^${name}$`) }) }).first();
}

/** Opens a response-code tab and returns the names its oneOf selector offers: a row of segments
 * for a short oneOf, a dropdown menu for a long one. */
async function errorsOf(section: Locator, code: string): Promise<string[]> {
  const tabs = section.getByRole('tablist', { name: 'Response status' }).first();
  const tab = tabs.getByRole('tab', { name: code, exact: true });
  await tab.click();
  expect(await tab.getAttribute('aria-selected')).toBe('true');
  const switcher = section.locator('[data-section-id="switcher"]').first();
  await switcher.waitFor({ state: 'visible' });
  const segments = switcher.getByRole('tab');
  if ((await segments.count()) > 0) return (await segments.allInnerTexts()).map((s) => s.trim());
  const menu = await openSwitcher(section);
  // The first menu item is the selector's search box; the rest are the oneOf's schemas.
  const items = menu.getByRole('menuitem').filter({ hasNot: page.locator('input') });
  const names = (await items.allInnerTexts()).map((s) => s.trim());
  await switcherButton(section).click(); // toggles the menu shut (Escape does not)
  await menu.waitFor({ state: 'hidden' });
  return names;
}

/** The button of the oneOf selector of the response body shown. */
function switcherButton(section: Locator): Locator {
  return section.locator('[data-section-id="switcher"]').first().getByRole('button').first();
}

/** Opens the oneOf selector; its menu is portalled to <body>, and is the only visible menu. */
async function openSwitcher(section: Locator): Promise<Locator> {
  await switcherButton(section).click();
  const menu = page.locator('[role="menu"]:visible');
  await menu.waitFor({ state: 'visible' });
  return menu;
}

describe('docs site (Redoc, offline, headless Chromium)', () => {
  it('the built HTML loads no script, stylesheet or font from the network and sends no telemetry', () => {
    // Small excerpts rather than the 2.5 MB page, so a failure stays readable.
    const around = (re: RegExp) => {
      const m = re.exec(html);
      return m ? html.slice(Math.max(0, m.index - 80), m.index + m[0].length + 80) : undefined;
    };
    const tags = html.match(/<(?:script|link|img|iframe)\b[^>]*>/gi) ?? [];
    expect(tags.length).toBeGreaterThan(0);
    for (const tag of tags) expect(tag).not.toMatch(/\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
    expect(around(/cdn\.redocly\.com\/redoc\//)).toBeUndefined(); // the CDN build of Redoc itself
    expect(around(/cdn\.redoc\.ly/)).toBeUndefined(); // the footer logo: scripts/docs.mjs inlines it
    expect(around(/\bimport\b[^;]{0,40}from\s*["']https?:/)).toBeUndefined();
    expect(around(/fonts\.(?:googleapis|gstatic)\.com/)).toBeUndefined();
    // The Redoc bundle is inline (--inlineBundle) and hydrates the prerendered page...
    expect(around(/hydrate\(__redoc_definition, __redoc_options/)).toBeDefined();
    // ...with telemetry off (redocly.yaml `telemetry: 'off'`).
    const options = html.match(/const __redoc_options = (\{.*?\});/)?.[1];
    expect(options).toBeDefined();
    expect(JSON.parse(options!)).toMatchObject({ disableTelemetry: true });
  });

  it('shows a first screen that is not blank, with both operation names and the local footer logo', async () => {
    await page.getByRole('heading', { level: 1, name: /Amazon Rekognition Video face detection/ }).waitFor({ state: 'visible' });
    // Redoc adds the logo <img> once hydrated; it has loaded when it has a size.
    const logo = page.locator('img[alt="redocly logo"]');
    await page.waitForFunction(() => {
      const img = (globalThis as any).document.querySelector('img[alt="redocly logo"]');
      return img?.complete && img.naturalWidth > 0;
    });
    expect(await logo.getAttribute('src')).toMatch(/^data:image\/svg\+xml,/);
    await expect(page.getByText('API docs by', { exact: true }).isVisible()).resolves.toBe(true);
    for (const op of OPERATIONS) {
      const name = page.getByText(op.operationId, { exact: true }).first();
      expect(await name.isVisible(), `${op.operationId} visible`).toBe(true);
      const box = (await name.boundingBox())!;
      const inside = box.x >= 0 && box.y >= 0 && box.x + box.width <= VIEWPORT.width && box.y + box.height <= VIEWPORT.height;
      expect(inside, `${op.operationId} in the first screen`).toBe(true);
    }

    const png = await page.screenshot();
    const path = join(mkdtempSync(join(tmpdir(), 'fdc-docs-')), 'first-screen.png');
    writeFileSync(path, png);
    const figures = await figuresOf(context, png);
    console.log(`docs first screen: ${path}`, figures);
    expect(figures).toMatchObject(VIEWPORT);
    // About 20 % and 1,400 colours here; a blank page has 0 % and 1, the sidebar alone (content
    // hidden) under 2 %, the page with its text transparent under 2 % and about 220 colours.
    expect(figures.foreground).toBeGreaterThan(0.1);
    expect(figures.colours).toBeGreaterThan(256);
  });

  it('renders and hydrates with every non-file request blocked', async () => {
    await expect(page.title()).resolves.toBe(spec.info.title);
    await page.getByRole('heading', { level: 1, name: /Amazon Rekognition Video face detection/ }).waitFor({ state: 'visible' });
    // Hydrated: the sidebar expands on click and routes client-side to the operations.
    await openOperation('StartFaceDetection');
    expect(pageErrors).toEqual([]);
  });

  for (const op of OPERATIONS) {
    it(`shows ${op.operationId}: summary, route from the operationId, POST and its X-Amz-Target`, async () => {
      const section = await openOperation(op.operationId);
      await expect(section.getByRole('heading', { level: 2 }).first().innerText()).resolves.toBe(op.summary);
      const text = await section.innerText();
      expect(text).toContain('POST');
      expect(text).toContain(op.path);
      const target = member(section, 'X-Amz-Target');
      const targetText = await target.innerText();
      expect(targetText).toContain('required');
      expect(targetText).toContain(`"RekognitionService.${op.operationId}"`);
      // Sidebar entry under the tag, linking to the operationId's route.
      const link = page.locator(`a[href="#${TAG_ROUTE}/${op.operationId.toLowerCase()}"]`).first();
      await expect(link.innerText()).resolves.toContain(op.summary);
    });
  }

  it('shows the StartFaceDetection members with their constraints', async () => {
    const section = await openOperation('StartFaceDetection');
    const token = await member(section, 'ClientRequestToken').innerText();
    expect(token).toContain('[ 1 .. 64 ] characters');
    expect(token).toContain('^[a-zA-Z0-9-_]+$');

    const jobTag = await member(section, 'JobTag').innerText();
    expect(jobTag).toContain('[ 1 .. 1024 ] characters');
    expect(jobTag).toContain('^[a-zA-Z0-9_.\\-:+=\\/]+$');

    const faceAttributes = member(section, 'FaceAttributes');
    const values = await faceAttributes.getByTestId('schema-enum-values').innerText();
    expect(values).toContain('"DEFAULT"');
    expect(values).toContain('"ALL"');

    const video = await member(section, 'Video').innerText();
    expect(video).toContain('required');
  });

  it('shows the GetFaceDetection members with their constraints', async () => {
    const section = await openOperation('GetFaceDetection');
    const maxResults = await member(section, 'MaxResults').innerText();
    expect(maxResults).toMatch(/integer.*>= 1/);

    const jobId = await member(section, 'JobId').innerText();
    expect(jobId).toContain('required');
    expect(jobId).toContain('[ 1 .. 64 ] characters');
  });

  for (const op of OPERATIONS) {
    it(`shows the ${op.operationId} error responses 400 and 500 with every error name`, async () => {
      const section = await openOperation(op.operationId);
      const tabs = section.getByRole('tablist', { name: 'Response status' }).first();
      expect((await tabs.getByRole('tab').allInnerTexts()).map((s) => s.trim())).toEqual(['200', '400', '500']);

      const clientErrors = await errorsOf(section, '400');
      expect(clientErrors).toEqual(oneOfNames(op.clientError));
      for (const name of op.mustList400) expect(clientErrors).toContain(name);

      const serverErrors = await errorsOf(section, '500');
      expect(serverErrors).toEqual(['InternalServerError', 'ThrottlingException']);
      expect(serverErrors).toEqual(oneOfNames('ServerError'));
      // The 500 oneOf is a row of segments: each shows its own error's __type.
      const switcher = section.locator('[data-section-id="switcher"]').first();
      for (const name of serverErrors) {
        await switcher.getByRole('tab', { name, exact: true }).click();
        await expectPattern(member(section, '__type'), typePattern(name));
      }
    });
  }

  it('switches the 400 body to the error picked in the oneOf selector', async () => {
    const section = await openOperation('StartFaceDetection');
    await errorsOf(section, '400');
    const menu = await openSwitcher(section);
    await menu.getByRole('menuitem', { name: 'IdempotentParameterMismatchException', exact: true }).click();
    await expect(switcherButton(section).innerText()).resolves.toBe('IdempotentParameterMismatchException');
    const description: string = spec.components.schemas.IdempotentParameterMismatchException.description;
    await section.getByText(description).waitFor({ state: 'visible' });
    const type = member(section, '__type');
    expect(await type.innerText()).toContain('required');
    await expectPattern(type, typePattern('IdempotentParameterMismatchException'));
  });

  it('attempted no request off the machine at all, the footer logo included', async () => {
    expect(attempts).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
