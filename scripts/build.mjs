#!/usr/bin/env node
// Builds dist/ from src/ and generated/: the ES modules and their declarations with tsc, then a
// CommonJS copy of what the package's entry points reach, in dist/cjs/, for `require` (jest's
// default setup, "type": "commonjs" projects). One source, two formats: the CommonJS files are the
// ES output transformed one by one with esbuild, never bundled, so each module exists once per
// format and classes keep one identity within a format.
//
//   node scripts/build.mjs               a clean build (npm run build, npm pack)
//   node scripts/build.mjs --if-changed  nothing when no input changed since the last build
//                                        (npm start, npm run serve, npm run bench)
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const cjs = join(dist, 'cjs');
// Outside dist/, so that npm pack never ships them; a clean build removes them with dist/.
const cache = join(root, '.cache', 'build');
const stampFile = join(cache, 'build-stamp');
const buildInfo = join(cache, 'tsconfig.build.tsbuildinfo');
const require = createRequire(import.meta.url);

/** Every file whose content the build depends on, relative to the root, sorted. */
function inputs() {
  const walk = (dir) =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
      const path = posix.join(dir, entry.name);
      return entry.isDirectory() ? walk(path) : [path];
    });
  return [...walk('src'), ...walk('generated'), 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'scripts/build.mjs'].sort();
}

/** A hash of every input's path and content. */
function stamp(files) {
  const hash = createHash('sha256');
  for (const file of files)
    hash
      .update(`${file}\0`)
      .update(readFileSync(join(root, file)))
      .update('\0');
  return hash.digest('hex');
}

/** The package's entry points under the `import` condition: `./dist/index.js`, ... */
function esmEntries() {
  const { exports } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return Object.values(exports)
    .map((target) => (typeof target === 'object' ? target.import?.default : undefined))
    .filter((path) => typeof path === 'string')
    .map((path) => posix.normalize(path));
}

const RELATIVE_SPECIFIER = /((?:\bfrom|\bimport|\brequire\(|\bimport\()\s*)(['"])(\.{1,2}\/[^'"]+)\2/g;

/** The package-relative files a module or declaration file imports (relative specifiers only). */
function importsOf(file, text) {
  return [...text.matchAll(RELATIVE_SPECIFIER)].map((match) => {
    const target = posix.normalize(posix.join(posix.dirname(file), match[3]));
    return file.endsWith('.d.ts') ? target.replace(/\.js$/, '.d.ts') : target;
  });
}

/** `dist/x/y.js` -> `dist/cjs/x/y.js`; `generated/z.js` -> `dist/cjs/generated/z.js`. */
function cjsPathOf(file) {
  return file.startsWith('dist/') ? `dist/cjs/${file.slice('dist/'.length)}` : `dist/cjs/${file}`;
}

/** Rewrites each relative specifier of `file` to where its target lands in dist/cjs/. */
function respecify(file, text) {
  return text.replace(RELATIVE_SPECIFIER, (_, keyword, quote, specifier) => {
    const target = posix.normalize(posix.join(posix.dirname(file), specifier));
    let moved = posix.relative(posix.dirname(cjsPathOf(file)), cjsPathOf(target));
    if (!moved.startsWith('.')) moved = `./${moved}`;
    return `${keyword}${quote}${moved}${quote}`;
  });
}

/** Writes dist/cjs/: every module and declaration file the entry points reach, as CommonJS. */
function buildCommonJs() {
  rmSync(cjs, { recursive: true, force: true });
  const pending = esmEntries().flatMap((entry) => [entry, entry.replace(/\.js$/, '.d.ts')]);
  const seen = new Set();
  while (pending.length > 0) {
    const file = pending.pop();
    if (seen.has(file) || !existsSync(join(root, file))) continue;
    seen.add(file);
    const text = readFileSync(join(root, file), 'utf8');
    pending.push(...importsOf(file, text));
    if (file.endsWith('.js') && existsSync(join(root, file.replace(/\.js$/, '.d.ts')))) pending.push(file.replace(/\.js$/, '.d.ts'));
    const source = respecify(file, text);
    const out = join(root, cjsPathOf(file));
    mkdirSync(dirname(out), { recursive: true });
    if (file.endsWith('.d.ts')) {
      writeFileSync(out, source);
      continue;
    }
    const { code } = transformSync(source, {
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      sourcefile: file,
      // import.meta does not exist in CommonJS; what the modules read of it, they get from __filename.
      define: { 'import.meta.url': '__importMetaUrl' },
      banner: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;",
      logLevel: 'error',
    });
    writeFileSync(out, code);
  }
  // Node, TypeScript and bundlers read the files below as CommonJS by this, whatever the root says.
  writeFileSync(join(cjs, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
  return [...seen].filter((f) => f.endsWith('.js')).length;
}

/** dist/ as a build leaves it: each file's size, by path. */
function outputs() {
  if (!existsSync(dist)) return {};
  return Object.fromEntries(
    readdirSync(dist, { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const file = join(entry.parentPath ?? entry.path, entry.name);
        return [relative(dist, file), statSync(file).size];
      })
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

/** The last build's record, `{ inputs, outputs }`, or undefined. */
function lastBuild() {
  try {
    return JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    return undefined;
  }
}

const ifChanged = process.argv.includes('--if-changed');
const files = inputs();
const inputsHash = stamp(files);
const last = ifChanged ? lastBuild() : undefined;
// dist/ still as the last build left it (nothing removed or rewritten by anything else), and no
// source gone since (tsc never removes what a deleted source emitted)?
const intact =
  last !== undefined &&
  JSON.stringify(outputs()) === JSON.stringify(last.outputs) &&
  Array.isArray(last.files) &&
  last.files.every((file) => files.includes(file));
if (intact && last.inputs === inputsHash) process.exit(0);

// tsc's incremental state describes dist/ as the last build left it: when dist/ is not that, start over.
if (!intact) {
  rmSync(dist, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
}
// Incremental: after a change, tsc re-emits only what the change reaches.
try {
  execFileSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--incremental', '--tsBuildInfoFile', relative(root, buildInfo)],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
} catch {
  // tsc has printed its errors; a stack trace of this script would only bury them.
  process.exit(1);
}
buildCommonJs();
mkdirSync(cache, { recursive: true });
writeFileSync(stampFile, JSON.stringify({ inputs: inputsHash, files, outputs: outputs() }));
