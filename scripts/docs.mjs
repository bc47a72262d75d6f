#!/usr/bin/env node
// `npm run docs`: docs/index.html, one file that needs no network. Redoc 3's footer ("API docs by"
// and a logo) loads its logo from cdn.redoc.ly after hydration, and no Redoc or Redocly option
// turns that off or points it elsewhere; so the two logo URLs in the inlined bundle become inline
// SVG wordmarks here.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { redocly, root } from './redocly.mjs';

const OUTPUT = 'docs/index.html';

/** A 14 px high SVG image of `text`, stretched to `width` (system fonts differ in width). */
function wordmark(text, width) {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} 14">` +
    `<text x="0" y="11" textLength="${width}" lengthAdjust="spacingAndGlyphs" ` +
    `font-family="sans-serif" font-size="12" font-weight="600" fill="#227be0">${text}</text></svg>`;
  // Percent-encoding leaves nothing that could end the bundle's string literal or <script>.
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

/** The bundle's logo URLs: the full one beside "API docs by", the mini one in a collapsed sidebar. */
const LOGOS = {
  'https://cdn.redoc.ly/redoc/logo-mini-full.svg': wordmark('Redocly', 56),
  'https://cdn.redoc.ly/redoc/logo-mini.svg': wordmark('R', 14),
};

const status = redocly(['build-docs', 'main', '--inlineBundle', '--output', OUTPUT]);
if (status !== 0) process.exit(status);

const file = join(root, OUTPUT);
let html = readFileSync(file, 'utf8');
for (const [url, local] of Object.entries(LOGOS)) {
  // Exactly once each: another count means Redoc changed, and this step needs a look.
  const count = html.split(url).length - 1;
  if (count !== 1) throw new Error(`${OUTPUT}: expected ${url} once, found it ${count} times`);
  html = html.replace(url, () => local);
}
if (html.includes('cdn.redoc.ly')) throw new Error(`${OUTPUT}: still names cdn.redoc.ly`);
writeFileSync(file, html);
