// Every example of the README, run as a reader would: the packed tarball installed, with what the
// README's own `npm install` lines name, into a fresh ES module project and a fresh CommonJS one
// (what `npm init -y` writes). Each TypeScript block is type-checked strictly in both and run;
// the test files run under vitest (and the msw one under jest, as the README says); each shell
// line runs and must exit as its comment says; `// prints:` comments must match what it prints.
//
// A block's comment just above it says how it is run: `<!-- test: TOKENS [— reason] -->`.
//   install            an `npm install` line: the consumers are made from these
//   file=NAME          written under this name (a test file, a config file)
//   vitest / jest      a test file: run by the README's `vitest-run` / `jest-run` block
//   typecheck, esm,    type-checked only / only in the ES module / only in the CommonJS project,
//   cjs                each with its reason
//   emulator           needs an emulator on 127.0.0.1:4566: the test starts one on a free port
//                      (port 0) and runs the block with that port for 4566
//   server             each line starts a server (on port 0): it must print `listening on`, then
//                      stop on SIGINT and leave nothing on its port
//   script             the block runs as one bash script (`&`, `$!`): `serve` on port 0, and
//                      127.0.0.1:4566 the address it wrote to emulator.log; then nothing may be
//                      left on that port
//   repo               runs in the checkout, not a consumer
//   checkout           runs in the run's build of the checkout (after its tarball is packed)
//   needs=TOOL         runs when the machine has it (aws, boto3), else skipped with that reason
//   skip               not run, for the reason given
//
// This file checks the directives and runs the TypeScript; readme-shell.test.ts runs the shell and
// Python blocks. Both use the run's two consumer projects (readme.ts), made once.
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packedTarball, run } from './packed.js';
import {
  blocks,
  env,
  errorsIn,
  fileOf,
  inFormat,
  installedPackages,
  installLines,
  isScript,
  OUT,
  PACKAGE,
  PACKAGE_VARIABLE,
  printsOf,
  type Project,
  readmeProject,
  readmeTarball,
  typescript,
  WRONG,
} from './readme.js';
import { root } from './spec.js';

const projects: Partial<Record<'esm' | 'cjs', Project>> = {};
const tally = { run: 0, typechecked: 0 };

beforeAll(async () => {
  [projects.esm, projects.cjs] = await Promise.all([readmeProject('esm'), readmeProject('cjs')]);
}, 400_000);

afterAll(() => {
  console.log(
    `README examples: ${blocks.length} blocks; ${tally.typechecked} type-checks and ${tally.run} TypeScript runs passed; ` +
      `${blocks.filter((b) => b.tokens.has('install')).length} install lines made the consumers`,
  );
});

describe('the README', () => {
  it('installs the tarball a checkout packs, and names the package as "$PKG" in every install line of a consumer', async () => {
    expect(readmeTarball()).toBe(basename(await packedTarball()));
    const lines = installLines();
    expect(lines.length).toBeGreaterThan(3);
    // A line that installs what uses the package (msw, the SDK, a test runner) installs the package too.
    for (const line of lines.filter((l) => /msw|client-rekognition|jest|vitest/.test(l))) expect(line).toContain(PACKAGE_VARIABLE);
    // Never by its name: the registry has no such package yet.
    for (const line of lines) expect(line.split(/\s+/)).not.toContain(PACKAGE);
  });

  it('marks every block it does not run with a reason, and names only known tokens', () => {
    const known = new Set([
      'install',
      'vitest',
      'jest',
      'typecheck',
      'esm',
      'cjs',
      'emulator',
      'server',
      'script',
      'repo',
      'checkout',
      'skip',
      'sh',
      'vitest-run',
      'jest-run',
    ]);
    for (const block of blocks) {
      for (const token of block.tokens) expect(known, `README line ${block.line}: unknown token ${token}`).toContain(token);
      for (const needsReason of ['skip', 'typecheck', 'esm', 'cjs']) {
        if (block.tokens.has(needsReason)) expect(block.reason, `README line ${block.line}: ${needsReason} without a reason`).toBeTruthy();
      }
      expect(['ts', 'sh', 'js', 'python'], `README line ${block.line}: a ${block.lang} block nothing runs`).toContain(block.lang);
    }
    expect(installedPackages('esm')).toEqual(expect.arrayContaining(['msw@2', 'vitest@4', 'fast-check']));
    expect(installedPackages('cjs')).toEqual(expect.arrayContaining(['msw@~2.10', 'jest', 'fast-check']));
  });
});

describe.each(['esm', 'cjs'] as const)('TypeScript examples in the %s project', (format) => {
  it.each(typescript.filter((b) => inFormat(b, format)).map((b) => [`line ${b.line}: ${fileOf(b)}`, b] as const))(
    '%s type-checks',
    (_, block) => {
      const project = projects[format]!;
      expect(errorsIn(project, fileOf(block)), project.typecheck.stdout).toEqual([]);
      tally.typechecked++;
    },
  );

  it.each(typescript.filter((b) => isScript(b) && inFormat(b, format)).map((b) => [`line ${b.line}`, b] as const))(
    '%s runs and prints what it says',
    async (_, block) => {
      const project = projects[format]!;
      const result = await run(process.execPath, [join(OUT, fileOf(block).replace(/\.ts$/, '.js'))], project.dir, env);
      expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
      const printed = result.stdout.trim() === '' ? [] : result.stdout.trim().split('\n');
      expect(printed).toEqual(printsOf(block));
      tally.run++;
    },
    60_000,
  );

  it('tsc reports no error outside the examples (a broken setup would hide theirs)', () => {
    const project = projects[format]!;
    const files = new Set([...typescript.filter((b) => inFormat(b, format)).map(fileOf), WRONG]);
    const stray = project.typecheck.stdout.split('\n').filter((line) => /error TS\d+/.test(line) && !files.has(line.split('(')[0]!));
    expect(stray).toEqual([]);
  });

  it('the control: a wrong example fails the same type-check', () => {
    expect(errorsIn(projects[format]!, WRONG).join('\n')).toMatch(/^wrong\.ts\(2,\d+\): error TS2322/);
  });
});

// msw's own types, alone (no @types/node, no default lib checked): a second a check.
it.concurrent.each(['esm', 'cjs'] as const)(
  "the README's reason for DOM in lib (%s project): without it, strict tsc fails inside msw's type files, and with it passes them all",
  async (format) => {
    const dir = projects[format]!.dir;
    writeFileSync(join(dir, 'dom-control.ts'), "import { http } from 'msw';\nexport const handler = http.all('*', () => undefined);\n");
    const options = {
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      skipDefaultLibCheck: true,
      module: 'NodeNext',
      target: 'ES2022',
      types: [],
    };
    writeFileSync(join(dir, 'tsconfig.dom-control.json'), JSON.stringify({ compilerOptions: options, files: ['dom-control.ts'] }));
    const tsc = (lib: string) =>
      run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.dom-control.json', '--lib', lib], dir);
    const [without, withDom] = await Promise.all([tsc('ES2022'), tsc('ES2022,DOM')]);
    const errors = without.stdout.split('\n').filter((line) => /error TS\d+/.test(line));
    expect(errors.length, without.stdout).toBeGreaterThan(0);
    // In msw's type files and its dependencies' (rettime, @mswjs/*): never the file's own.
    for (const error of errors) expect(error).toMatch(/^node_modules\/(msw|rettime|@mswjs|@open-draft|strict-event-emitter)/);
    expect(withDom.stdout, 'with DOM in lib, none').not.toMatch(/error TS\d+/);
  },
  60_000,
);
