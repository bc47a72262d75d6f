// The packed package, as a user gets it: `npm pack` of a clean build (test/packed.ts), the tarball's
// file list, then a fresh ESM project that installs the tarball, type-checks a TypeScript file
// against the installed declarations with the repo's own compiler, and runs the validators and
// the bin. The project lives under the system's temp folder, not in this repo, so that nothing
// resolves through the repo's own node_modules.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modulesLoadedBy } from '../scripts/modules-loaded-by.mjs';
import { packedTarball, run, type Run } from './packed.js';
import { readmeProject } from './readme.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  dependencies: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  bin: Record<string, string>;
  exports: unknown;
};

/** The modules that src/ compiles to dist/, subfolders included: `index`, `conformance/runConformance`, ... */
function sourceModules(dir = ''): string[] {
  return readdirSync(join(repo, 'src', dir), { withFileTypes: true })
    .flatMap((entry) => {
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return sourceModules(path);
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path.replace(/\.ts$/, '')] : [];
    })
    .sort();
}
const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');

/** Runs and asserts exit status 0, showing the output when it isn't. */
async function ok(command: string, args: string[], cwd: string): Promise<Run> {
  const result = await run(command, args, cwd);
  expect(result.status, `${command} ${args.join(' ')}\n${result.stdout}\n${result.stderr}`).toBe(0);
  return result;
}

let project: string;
let tarball: string;
let packedFiles: string[];
let installed: string;

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'fdc-consumer-'));
  tarball = await packedTarball();
  expect(basename(tarball)).toBe(`${pkg.name}-${pkg.version}.tgz`);
  const listing = await ok('tar', ['tzf', tarball], project);
  packedFiles = listing.stdout
    .split('\n')
    .filter((line) => line !== '' && !line.endsWith('/'))
    .map((line) => line.replace(/^package\//, ''))
    .sort();

  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify({ name: 'fdc-consumer', version: '0.0.0', private: true, type: 'module' }, null, 2)}\n`,
  );
  await ok('npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund'], project);
  installed = join(project, 'node_modules', pkg.name);
}, 240_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('the tarball', () => {
  it('holds dist/, generated/, the spec, the README and package.json', () => {
    expect(packedFiles).toContain('package.json');
    expect(packedFiles).toContain('spec/openapi.yaml');
    expect(packedFiles, 'README.md is listed in "files" but is not in the tarball (is there a README.md?)').toContain('README.md');
    const sources = sourceModules();
    expect(sources, 'src/ holds the modules dist/ is built from').toContain('index');
    for (const source of sources) {
      expect(packedFiles).toContain(`dist/${source}.js`);
      expect(packedFiles).toContain(`dist/${source}.d.ts`);
    }
    for (const file of ['checks.js', 'checks.d.ts', 'contract.js', 'types.d.ts']) {
      expect(packedFiles).toContain(`generated/${file}`);
    }
  });

  it('holds nothing else: no tests, sources, scripts, dependencies or stale build output', () => {
    const allowed =
      /^(dist\/(?:[^/]+\/)*[^/]+\.(js|d\.ts)|dist\/cjs\/package\.json|generated\/[^/]+\.(js|d\.ts)|spec\/openapi\.yaml|docs\/index\.html|README\.md|package\.json|LICEN[CS]E(\.\w+)?)$/;
    expect(packedFiles.filter((f) => !allowed.test(f))).toEqual([]);
    expect(
      packedFiles.filter(
        (f) => (/^(test|src|scripts|node_modules|conformance|docs)\//.test(f) && f !== 'docs/index.html') || f.includes('/node_modules/'),
      ),
    ).toEqual([]);
    // dist/ is built over, never emptied: a file there that no source makes would ship stale.
    const sources = sourceModules().map((m) => `dist/${m}.js`);
    const esm = packedFiles.filter((f) => f.startsWith('dist/') && !f.startsWith('dist/cjs/') && f.endsWith('.js'));
    expect(esm.sort(), 'stale file in dist/? (npm run build starts clean)').toEqual(sources.sort());
    // The CommonJS copy holds what the entry points reach, each with its declarations.
    const cjs = packedFiles.filter((f) => f.startsWith('dist/cjs/') && f.endsWith('.js'));
    expect(cjs.length).toBeGreaterThan(10);
    for (const file of cjs) {
      const module = file.replace(/^dist\/cjs\/(generated\/)?/, '').replace(/\.js$/, '');
      if (!file.startsWith('dist/cjs/generated/')) expect(sources, file).toContain(`dist/${module}.js`);
      expect(packedFiles, file).toContain(file.replace(/\.js$/, '.d.ts'));
    }
  });

  it('holds the docs page, built from the spec it ships (README: open it from node_modules)', () => {
    expect(packedFiles).toContain('docs/index.html');
    const page = readFileSync(join(installed, 'docs', 'index.html'), 'utf8');
    expect(page).toContain('StartFaceDetection');
    expect(page).toContain('GetFaceDetection');
    // Built from the spec it ships: its title and version.
    const spec = readFileSync(join(installed, 'spec', 'openapi.yaml'), 'utf8');
    const info = (key: string) => new RegExp(`^ {2}${key}: '?([^'\\n]+)'?$`, 'm').exec(spec)![1]!;
    expect(page).toContain(info('title'));
    expect(page).toContain(info('version'));
    // The logos scripts/docs.mjs inlines (the browser test shows the page makes no request).
    expect(page).not.toContain('cdn.redoc.ly');
  });

  it('holds every file that package.json points at (exports, bin)', () => {
    const targets: string[] = [...Object.values(pkg.bin)];
    const collect = (value: unknown): void => {
      if (typeof value === 'string') targets.push(value);
      else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    collect(pkg.exports);
    expect(targets.map((t) => posix.normalize(t)).filter((t) => !packedFiles.includes(t))).toEqual([]);
  });

  it('names every file its modules import, and no package it does not depend on', () => {
    // Peers count: npm installs them, and the user's msw must be the one the handlers use.
    const deps = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies ?? {})]);
    const problems: string[] = [];
    const modules = packedFiles.filter((f) => /\.(js|d\.ts)$/.test(f));
    expect(modules.length, 'the tarball holds the built modules (.js, .d.ts)').toBeGreaterThan(10);
    for (const file of modules) {
      const text = readFileSync(join(installed, file), 'utf8');
      const specifiers = [
        ...text.matchAll(/^\s*(?:import|export)\s[^'";\n]*?\bfrom\s*['"]([^'"]+)['"]/gm),
        ...text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
        ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
        ...text.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g),
      ].map((match) => match[1]!);
      for (const specifier of specifiers) {
        if (specifier.startsWith('.')) {
          const target = posix.normalize(posix.join(posix.dirname(file), specifier));
          const candidates = file.endsWith('.d.ts') ? [target.replace(/\.js$/, '.d.ts'), target] : [target];
          if (!candidates.some((c) => packedFiles.includes(c))) problems.push(`${file}: '${specifier}' is not packed`);
        } else if (!specifier.startsWith('node:')) {
          const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
          if (!deps.has(name)) problems.push(`${file}: '${specifier}' is not a dependency`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('installs with its dependencies and its bin, and without msw (an optional peer)', () => {
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { version: string };
    expect(manifest.version).toBe(pkg.version);
    for (const dep of Object.keys(pkg.dependencies)) {
      expect(existsSync(join(project, 'node_modules', dep, 'package.json')), dep).toBe(true);
    }
    expect(existsSync(join(project, 'node_modules', '.bin', 'face-detection-contract'))).toBe(true);
    // Someone who wants the types and validators gets no msw and none of its dependencies.
    expect(pkg.peerDependenciesMeta?.msw?.optional).toBe(true);
    expect(existsSync(join(project, 'node_modules', 'msw'))).toBe(false);
    expect(existsSync(join(project, 'node_modules', '@mswjs'))).toBe(false);
  });

  it('resolves to the right types and format under every resolution (@arethetypeswrong/cli)', async () => {
    // node10 (no exports map) cannot reach subpaths; Node 20 and every TypeScript setup since 4.7 can.
    const attw = join(repo, 'node_modules', '@arethetypeswrong', 'cli', 'dist', 'index.js');
    const result = await run(
      'node',
      [attw, tarball, '--profile', 'node16', '--exclude-entrypoints', './openapi.yaml', '--format', 'json'],
      project,
    );
    const report = JSON.parse(result.stdout) as {
      analysis: { problems: { resolutionKind?: string }[]; entrypoints: Record<string, unknown> };
    };
    // The JSON lists what the node16 profile ignores too.
    expect(report.analysis.problems.filter((p) => p.resolutionKind !== 'node10')).toEqual([]);
    expect(Object.keys(report.analysis.entrypoints).sort()).toEqual([
      '.',
      './arbitraries',
      './conformance',
      './emulator',
      './msw',
      './package.json',
      './sdk',
      './types',
    ]);
    expect(result.status, result.stderr).toBe(0);
  }, 60_000);
});

// Type-checks against the installed declarations. The @ts-expect-error lines fail the check if the
// types were missing or `any`, and the narrowing lines fail it if the guards did not narrow.
const USE_TS = `import {
  isGetFaceDetectionResponse,
  isStartFaceDetectionRequest,
  validateStartFaceDetectionRequest,
  MAX_ECHOED_VALUE_LENGTH,
  type FaceDetail,
  type GetFaceDetectionResponse,
  type InvalidParameterException,
  type StartFaceDetectionRequest,
  type ValidationResult,
  type VideoJobStatus,
  type Violation,
} from '${pkg.name}';
import type {
  ClientRequestToken,
  FaceAttributes,
  FaceDetection,
  GetFaceDetectionRequest,
  RekognitionError,
  StartFaceDetectionRequest as TypesStartFaceDetectionRequest,
  components,
} from '${pkg.name}/types';

const request: StartFaceDetectionRequest = {
  Video: { S3Object: { Bucket: 'my-videos', Name: 'lobby/2024-05-01.mp4' } },
  ClientRequestToken: 'lobby-2024-05-01-run-1',
  NotificationChannel: { SNSTopicArn: 'arn:aws:sns:us-east-1:123456789012:AmazonRekognition', RoleArn: 'arn:aws:iam::123456789012:role/r' },
  FaceAttributes: 'ALL',
  JobTag: 'lobby-camera',
};
// The same type under both entry points.
const same: TypesStartFaceDetectionRequest = request;
const viaComponents: components['schemas']['StartFaceDetectionRequest'] = same;
const attributes: FaceAttributes = 'DEFAULT';
const token: ClientRequestToken = 'abc';
const get: GetFaceDetectionRequest = { JobId: 'job', MaxResults: 10 };
const status: VideoJobStatus = 'SUCCEEDED';
const face: FaceDetail = { BoundingBox: { Width: 0.5, Height: 0.5, Left: 0, Top: 0 }, Confidence: 99.9, FaceOccluded: null };
const detection: FaceDetection = { Timestamp: 4004, Face: face };
const error: InvalidParameterException = { __type: 'InvalidParameterException', Message: 'Request has invalid parameters' };
const base: RekognitionError = error;
const max: number = MAX_ECHOED_VALUE_LENGTH;

// @ts-expect-error FaceAttributes is 'DEFAULT' | 'ALL'
const badAttributes: StartFaceDetectionRequest = { Video: {}, FaceAttributes: 'SOME' };
// @ts-expect-error ClientRequestToken is a string
const badToken: StartFaceDetectionRequest = { Video: {}, ClientRequestToken: 42 };
// @ts-expect-error Video is required
const noVideo: StartFaceDetectionRequest = {};
// @ts-expect-error not a VideoJobStatus
const badStatus: VideoJobStatus = 'DONE';

// The result is a discriminated union: message is a string only when valid is false.
const result: ValidationResult = validateStartFaceDetectionRequest(request);
if (!result.valid) {
  const message: string = result.message;
  const first: Violation | undefined = result.violations[0];
  const kind: 'required' | 'type' | 'overflow' | 'length' | 'pattern' | 'enum' | 'range' | undefined = first?.kind;
  void [message, kind];
} else {
  const none: undefined = result.message;
  void none;
}

// The guards narrow unknown values.
const body: unknown = JSON.parse('{"JobStatus":"IN_PROGRESS"}');
// @ts-expect-error unknown is not yet a GetFaceDetectionResponse
const notYet: GetFaceDetectionResponse = body;
if (isGetFaceDetectionResponse(body)) {
  const narrowed: GetFaceDetectionResponse = body;
  const jobStatus: VideoJobStatus | undefined = body.JobStatus;
  const faces: FaceDetection[] | undefined = body.Faces;
  void [narrowed, jobStatus, faces];
}
const input: unknown = { Video: {} };
if (isStartFaceDetectionRequest(input)) {
  const video: StartFaceDetectionRequest['Video'] = input.Video;
  void video;
}

void [viaComponents, attributes, token, get, status, detection, base, max, badAttributes, badToken, noVideo, badStatus, notYet];
`;

// A control: the same compiler on the same project must reject a wrong value that nothing excuses.
const WRONG_TS = `import type { StartFaceDetectionRequest } from '${pkg.name}';
export const wrong: StartFaceDetectionRequest = { Video: {}, FaceAttributes: 'SOME' };
`;

function tsconfig(files: string[], options: Record<string, unknown> = {}): string {
  return `${JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        lib: ['ES2022'],
        strict: true,
        skipLibCheck: false,
        noEmit: true,
        ...options,
      },
      files,
    },
    null,
    2,
  )}\n`;
}

describe('TypeScript in the consumer', () => {
  /** One strict NodeNext type-check of use.ts and the control, wrong.ts. */
  let nodeNext: Run;
  beforeAll(async () => {
    writeFileSync(join(project, 'use.ts'), USE_TS);
    writeFileSync(join(project, 'wrong.ts'), WRONG_TS);
    writeFileSync(join(project, 'tsconfig.json'), tsconfig(['use.ts', 'wrong.ts']));
    writeFileSync(join(project, 'tsconfig.bundler.json'), tsconfig(['use.ts'], { module: 'ESNext', moduleResolution: 'Bundler' }));
    nodeNext = await run('node', [tsc, '-p', 'tsconfig.json'], project);
  }, 60_000);

  it("type-checks use.ts (strict, NodeNext, skipLibCheck false): no error but the control's", () => {
    const errors = nodeNext.stdout.split('\n').filter((line) => /error TS\d+/.test(line));
    expect(
      errors.filter((line) => !line.startsWith('wrong.ts(')),
      nodeNext.stdout,
    ).toEqual([]);
  });

  it('type-checks use.ts under moduleResolution Bundler too', async () => {
    await ok('node', [tsc, '-p', 'tsconfig.bundler.json'], project);
  }, 60_000);

  it('rejects a wrong value without @ts-expect-error (the check is real)', () => {
    expect(nodeNext.status).not.toBe(0);
    expect(nodeNext.stdout).toMatch(
      /wrong\.ts\(2,\d+\): error TS2322: Type '"SOME"' is not assignable to type '"DEFAULT" \| "ALL"( \| undefined)?'/,
    );
  });
});

const USE_MJS = `import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  isStartFaceDetectionRequest,
  validateStartFaceDetectionRequest,
  validateGetFaceDetectionRequest,
} from '${pkg.name}';
import manifest from '${pkg.name}/package.json' with { type: 'json' };

const video = { S3Object: { Bucket: 'my-videos', Name: 'lobby/2024-05-01.mp4' } };

const valid = validateStartFaceDetectionRequest({ Video: video, ClientRequestToken: 'x'.repeat(64), FaceAttributes: 'ALL' });
assert.deepEqual(valid, { valid: true, violations: [], message: undefined, errorType: undefined });
assert.equal(isStartFaceDetectionRequest({ Video: video }), true);

const token = 'x'.repeat(65);
const tooLong = validateStartFaceDetectionRequest({ Video: video, ClientRequestToken: token });
assert.equal(tooLong.valid, false);
assert.equal(tooLong.errorType, 'ValidationException');
assert.equal(tooLong.violations.length, 1);
const expected = "Value '" + token + "' at 'clientRequestToken' failed to satisfy constraint: Member must have length less than or equal to 64";
assert.equal(tooLong.violations[0].message, expected);
assert.equal(tooLong.violations[0].path, 'clientRequestToken');
assert.equal(tooLong.violations[0].kind, 'length');
assert.ok(tooLong.message.startsWith('1 validation error detected: '), tooLong.message);
assert.equal(tooLong.message, '1 validation error detected: ' + expected);
assert.equal(isStartFaceDetectionRequest({ Video: video, ClientRequestToken: token }), false);

const wrongType = validateGetFaceDetectionRequest({ JobId: 42 });
assert.equal(wrongType.valid, false);
assert.equal(wrongType.errorType, 'SerializationException');

assert.equal(manifest.version, '${pkg.version}');
const spec = fileURLToPath(import.meta.resolve('${pkg.name}/openapi.yaml'));
assert.ok(existsSync(spec), spec);
assert.match(readFileSync(spec, 'utf8'), /^openapi: 3\\.1\\./);
console.log('use.mjs: ok');
`;

// Loads an entry point and lists its exports and the CommonJS modules that loading it pulled in.
const PROBE_MJS = `import { createRequire } from 'node:module';
const entry = process.argv[2];
const exports = await import(entry);
const loaded = Object.keys(createRequire(import.meta.url).cache);
console.log(JSON.stringify({ exports: Object.keys(exports), loaded }));
`;

describe('JavaScript in the consumer', () => {
  beforeAll(() => {
    writeFileSync(join(project, 'use.mjs'), USE_MJS);
    writeFileSync(join(project, 'probe.mjs'), PROBE_MJS);
    writeFileSync(join(project, 'valid.json'), JSON.stringify({ Video: { S3Object: { Bucket: 'my-videos', Name: 'a.mp4' } } }));
    writeFileSync(join(project, 'invalid.json'), JSON.stringify({ Video: {}, ClientRequestToken: 'x'.repeat(65) }));
    writeFileSync(join(project, 'not-json.json'), '{ "Video": ');
  });

  it('runs the validators from the installed package', async () => {
    const result = await ok('node', ['use.mjs'], project);
    expect(result.stdout).toContain('use.mjs: ok');
  }, 60_000);

  it("runs the suite's quick start with the package alone (no msw): the embedded mock is conformant", async () => {
    const result = await ok('npx', ['--no', '--', 'face-detection-contract', 'conformance', '--runs', '5', '--seed', '1'], project);
    expect(result.stdout).toMatch(/^embedded mock: conformant\. 10 passed, 0 failed, 0 inconclusive, 0 skipped;/m);
  }, 120_000);

  it('runs the installed bin: --version', async () => {
    const result = await ok('npx', ['--no', '--', 'face-detection-contract', '--version'], project);
    expect(result.stdout.trim()).toBe(pkg.version);
  }, 60_000);

  it('runs the installed bin: validate exits 0 valid, 1 invalid, 2 bad usage', async () => {
    const valid = await run(
      'npx',
      ['--no', '--', 'face-detection-contract', 'validate', 'StartFaceDetectionRequest', 'valid.json'],
      project,
    );
    expect(valid.status, valid.stderr).toBe(0);
    expect(valid.stdout).toBe('valid StartFaceDetectionRequest\n');

    const invalid = await run(
      'npx',
      ['--no', '--', 'face-detection-contract', 'validate', 'StartFaceDetectionRequest', 'invalid.json'],
      project,
    );
    expect(invalid.status, invalid.stderr).toBe(1);
    expect(invalid.stdout).toMatch(
      /^ValidationException: 1 validation error detected: Value 'x{65}' at 'clientRequestToken' failed to satisfy constraint: Member must have length less than or equal to 64\n/,
    );

    const notJson = await run(
      'npx',
      ['--no', '--', 'face-detection-contract', 'validate', 'StartFaceDetectionRequest', 'not-json.json'],
      project,
    );
    expect(notJson.status, notJson.stderr).toBe(1);
    expect(notJson.stdout).toMatch(/^SerializationException: /);

    const unknownShape = await run('npx', ['--no', '--', 'face-detection-contract', 'validate', 'NoSuchShape', 'valid.json'], project);
    expect(unknownShape.status).toBe(2);
    expect(unknownShape.stderr).toContain("unknown shape 'NoSuchShape'");

    const missingFile = await run(
      'npx',
      ['--no', '--', 'face-detection-contract', 'validate', 'StartFaceDetectionRequest', 'missing.json'],
      project,
    );
    expect(missingFile.status).toBe(2);
  }, 60_000);

  it('the types entry point is an empty module that loads nothing; the main one loads no other package', async () => {
    const file = fileURLToPath(
      (await ok('node', ['--input-type=module', '-e', `console.log(import.meta.resolve('${pkg.name}/types'))`], project)).stdout.trim(),
    );
    expect(file).toBe(join(installed, 'dist', 'types.js'));
    const code = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
      .trim();
    expect(code).toBe('export {};');

    const types = JSON.parse((await ok('node', ['probe.mjs', `${pkg.name}/types`], project)).stdout) as {
      exports: string[];
      loaded: string[];
    };
    expect(types).toEqual({ exports: [], loaded: [] });

    expect(modulesLoadedBy(`${pkg.name}/types`, { cwd: project })).toEqual([]);

    // The validators are the package's own compiled checks: the main entry loads them and nothing
    // from another package (the control of the probe above: it does see what an entry loads).
    const main = JSON.parse((await ok('node', ['probe.mjs', pkg.name], project)).stdout) as { exports: string[]; loaded: string[] };
    expect(main.exports).toContain('validateStartFaceDetectionRequest');
    const mainLoads = modulesLoadedBy(pkg.name, { cwd: project });
    expect(mainLoads).toContain(pathToFileURL(join(installed, 'generated', 'checks.js')).href);
    expect(mainLoads.filter((u) => u.startsWith('file:') && !u.startsWith(pathToFileURL(installed).href))).toEqual([]);
  }, 60_000);

  it('without msw, every entry point but /msw loads; /msw names what is missing', async () => {
    for (const entry of ['', '/types', '/emulator', '/sdk', '/arbitraries', '/conformance']) {
      await ok('node', ['--input-type=module', '-e', `await import('${pkg.name}${entry}')`], project);
    }
    const msw = await run('node', ['--input-type=module', '-e', `await import('${pkg.name}/msw')`], project);
    expect(msw.status).not.toBe(0);
    expect(msw.stderr).toMatch(/Cannot find package 'msw'/);
  }, 60_000);

  it('with msw installed, the validators and the sdk entry load neither msw nor node:http, and the emulator loads no msw', async () => {
    // The README's ES module project: the same tarball, with msw 2 installed as the README says.
    const withMsw = (await readmeProject('esm')).dir;
    expect(existsSync(join(withMsw, 'node_modules', 'msw', 'package.json'))).toBe(true);
    const project = withMsw;
    const msw = (urls: string[]) => urls.filter((u) => /[\\/]node_modules[\\/]msw[\\/]/.test(u));
    const main = modulesLoadedBy(pkg.name, { cwd: project });
    expect(main, 'the probe sees the main entry load its checks').toContainEqual(expect.stringMatching(/[\\/]generated[\\/]checks\.js$/));
    expect(msw(main)).toEqual([]);
    expect(main.filter((u) => u === 'node:http')).toEqual([]);
    const emulator = modulesLoadedBy(`${pkg.name}/emulator`, { cwd: project });
    expect(emulator).toContain('node:http');
    expect(msw(emulator)).toEqual([]);
    // The SDK's handler: neither msw nor node:http (it runs in browsers and workers too).
    const sdk = modulesLoadedBy(`${pkg.name}/sdk`, { cwd: project });
    expect(sdk, 'the probe sees the sdk entry load the service').toContainEqual(
      expect.stringMatching(/[\\/]dist[\\/]service[\\/]FaceDetectionService\.js$/),
    );
    expect(msw(sdk)).toEqual([]);
    expect(sdk.filter((u) => u === 'node:http' || u === 'node:https')).toEqual([]);
    // The probe's control: the msw entry point does load msw.
    expect(msw(modulesLoadedBy(`${pkg.name}/msw`, { cwd: project })).length).toBeGreaterThan(0);
  }, 400_000);
});
