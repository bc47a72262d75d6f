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
//   emulator           needs an emulator on 127.0.0.1:4566: the test starts one
//   server             each line starts a server: it must print `listening on`, then stop on SIGINT
//   repo               runs in the checkout, not a consumer
//   needs=TOOL         runs when the machine has it (aws, boto3), else skipped with that reason
//   skip               not run, for the reason given
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, packedTarball, run, type Run } from './packed.js';
import { root } from './spec.js';

const PACKAGE = 'rekognition-face-detection-contract';
const OUT = 'node_modules/.readme-out'; // compiled scripts: in the project, out of every runner's sight
const EMULATOR_PORT = 4566;
/** The control's wrong example, type-checked with the README's. */
const WRONG = 'wrong.ts';

interface Block {
  line: number;
  lang: string;
  code: string;
  tokens: Set<string>;
  file?: string;
  needs?: string;
  reason?: string;
}

/** The README's fenced blocks with their directives. */
function readmeBlocks(text: string): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(\w+)\s*$/.exec(lines[i]!);
    if (!fence) continue;
    const end = lines.indexOf('```', i + 1);
    if (end < 0) throw new Error(`README line ${i + 1}: the block never ends`);
    const directive = /^<!-- test: (.*?) -->$/.exec(lines[i - 1] ?? '')?.[1] ?? '';
    const [spec = '', reason] = directive.split(' — ');
    const words = spec.split(/\s+/).filter(Boolean);
    const tokens = new Set(words.filter((w) => !w.includes('=')));
    const option = (key: string) => words.find((w) => w.startsWith(`${key}=`))?.slice(key.length + 1);
    blocks.push({
      line: i + 1,
      lang: fence[1]!,
      code: lines.slice(i + 1, end).join('\n'),
      tokens,
      file: option('file'),
      needs: option('needs'),
      reason,
    });
    i = end;
  }
  return blocks;
}

const blocks = readmeBlocks(readFileSync(join(root, 'README.md'), 'utf8'));
const typescript = blocks.filter((b) => b.lang === 'ts');
const fileOf = (b: Block) => b.file ?? `example-${b.line}.${b.lang === 'js' ? 'js' : 'ts'}`;
const isScript = (b: Block) => b.lang === 'ts' && !b.file && !['typecheck', 'vitest'].some((t) => b.tokens.has(t));
const inFormat = (b: Block, format: 'esm' | 'cjs') => !b.tokens.has(format === 'esm' ? 'cjs' : 'esm');

/** What a block says it prints: each `// prints: X` (or `# prints: X`), in order. */
const printsOf = (b: Block) => [...b.code.matchAll(/(?:\/\/|#) prints: (.*)$/gm)].map((m) => m[1]!.trim());

interface Command {
  command: string;
  /** `# exit N` in its comment; else 0. */
  exit: number;
  /** `# prints: X` in its comment, or on comment lines after it: what it prints, `...` standing for anything. */
  prints: string[];
}

/** A shell block's commands, continuation lines joined. */
function commandsOf(b: Block): Command[] {
  const commands: Command[] = [];
  for (const line of b.code.replace(/\\\n\s*/g, ' ').split('\n')) {
    const printed = /^\s*# prints: (.*)$/.exec(line);
    if (printed) commands.at(-1)!.prints.push(printed[1]!);
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const comment = /\s#\s(.*)$/.exec(line)?.[1] ?? '';
    const prints = /\bprints: (.*)$/.exec(comment)?.[1];
    commands.push({ command: line, exit: Number(/\bexit (\d+)/.exec(comment)?.[1] ?? 0), prints: prints === undefined ? [] : [prints] });
  }
  return commands;
}

/** Whether `output` is what `prints` says, `...` matching anything. */
function printsMatch(output: string, prints: string[]): boolean {
  const pattern = prints
    .join('\n')
    .split('...')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s\\S]*');
  return new RegExp(`^${pattern}$`).test(output.trim());
}

/** The packages the README's install lines name for a project of that format, the package itself left out; a later line's version wins. */
function installedPackages(format: 'esm' | 'cjs'): string[] {
  const byName = new Map<string, string>();
  for (const block of blocks.filter((b) => b.tokens.has('install') && inFormat(b, format))) {
    for (const line of block.code.split('\n')) {
      for (const word of /^npm install (.*)$/.exec(line.replace(/\s#.*$/, '').trim())?.[1]?.split(/\s+/) ?? []) {
        if (!word.startsWith('-') && word !== PACKAGE) byName.set(word.replace(/(.)@.*$/, '$1'), word);
      }
    }
  }
  return [...byName.values()];
}

const toolChecks: Record<string, [string, string[], string]> = {
  aws: ['aws', ['--version'], 'the AWS CLI (apt-get install awscli)'],
  boto3: ['python3', ['-c', 'import boto3'], 'Python with boto3 (apt-get install python3-boto3)'],
};
async function missingTool(needs: string | undefined): Promise<string | undefined> {
  if (!needs) return undefined;
  const [command, args, what] = toolChecks[needs] ?? [needs, ['--version'], needs];
  const found = await run(command, args, root).catch(() => undefined);
  return found?.status === 0 ? undefined : `needs ${what}`;
}

// The AWS CLI signs every request: a developer has credentials configured; the test gives dummy ones.
// Without the variable the repo's vitest.config.ts sets: the README's own setup must hide the SDK's notice.
const { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: _, ...inherited } = childEnv;
const env: NodeJS.ProcessEnv = {
  ...inherited,
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI',
  AWS_REGION: 'us-east-1',
  NO_COLOR: '1',
};
const SDK_NOTICE = 'NodeVersionSupportWarning';
const bash = (command: string, cwd: string): Promise<Run> => run('bash', ['-c', command], cwd, env);

interface Project {
  dir: string;
  typecheck: Run;
}
const projects: Partial<Record<'esm' | 'cjs', Project>> = {};
const tally = { run: 0, typechecked: 0, skipped: [] as string[] };

/** A fresh project of that format with the tarball and every package the README installs; its blocks type-checked and compiled. */
async function makeProject(format: 'esm' | 'cjs', tarball: string): Promise<Project> {
  const dir = mkdtempSync(join(tmpdir(), `fdc-readme-${format}-`));
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: `readme-${format}`, version: '0.0.0', private: true, type: format === 'esm' ? 'module' : 'commonjs' }, null, 2)}\n`,
  );
  // @types/node: what a TypeScript project on Node has (the README's "What a consumer project needs").
  const install = await run(
    'npm',
    ['install', '--save-dev', '--prefer-offline', tarball, ...installedPackages(format), '@types/node@20'],
    dir,
    env,
  );
  if (install.status !== 0) throw new Error(`npm install in the ${format} project failed:\n${install.stdout}\n${install.stderr}`);

  const mine = [...typescript, ...blocks.filter((b) => b.lang === 'js' && b.file)].filter((b) => inFormat(b, format));
  for (const block of mine) {
    // The README's jest sentence: the same test, its vitest import changed to @jest/globals.
    const code = format === 'cjs' && block.tokens.has('jest') ? block.code.replace("from 'vitest';", "from '@jest/globals';") : block.code;
    if (format === 'cjs' && block.tokens.has('jest') && code === block.code)
      throw new Error(`README line ${block.line}: no vitest import for jest to take from @jest/globals`);
    writeFileSync(join(dir, fileOf(block)), `${code}\n`);
  }
  // The control: an example that is wrong, type-checked with the others, must fail.
  writeFileSync(
    join(dir, WRONG),
    `import type { StartFaceDetectionRequest } from '${PACKAGE}';\nexport const wrong: StartFaceDetectionRequest = { Video: {}, FaceAttributes: 'SOME' };\n`,
  );
  const files = [...mine.filter((b) => b.lang === 'ts').map(fileOf), WRONG];
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        lib: ['ES2022', 'DOM'],
        types: ['node'],
        strict: true,
        skipLibCheck: true,
        outDir: OUT,
        rootDir: '.',
      },
      files,
    }),
  );
  const typecheck = await run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], dir);
  return { dir, typecheck };
}

/** tsc's errors about one file. */
const errorsIn = (project: Project, file: string) =>
  `${project.typecheck.stdout}`.split('\n').filter((line) => line.startsWith(`${file}(`));

let emulator: ChildProcess | undefined;

function portOpen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

/** Starts `command` in the project and resolves once it prints `listening on`. */
async function startServer(command: string, cwd: string): Promise<{ child: ChildProcess; output: () => string }> {
  // Its own process group, so that SIGINT reaches npx's children as Ctrl-C does.
  const child = spawn('bash', ['-c', `exec ${command}`], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  for (let waited = 0; !/listening on http:\/\//.test(output); waited += 100) {
    if (child.exitCode !== null || waited > 30_000) throw new Error(`${command} did not start listening:\n${output}`);
    await sleep(100);
  }
  return { child, output: () => output };
}

/** Sends SIGINT to the process group, as Ctrl-C does; its exit code, or the signal that ended it. */
function stop(child: ChildProcess): Promise<number | NodeJS.Signals | null> {
  return new Promise((done) => {
    if (child.exitCode !== null) return done(child.exitCode);
    // A server that ignores SIGINT fails its test (its exit code is not 0) and is killed, never left running.
    const kill = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 10_000);
    child.once('exit', (code, signal) => {
      clearTimeout(kill);
      done(code ?? signal);
    });
    process.kill(-child.pid!, 'SIGINT');
  });
}

/** The stand-in for "the emulator you are testing": this package's, with short jobs so the suite takes seconds. */
async function ensureEmulator(): Promise<void> {
  if (emulator?.exitCode === null) return;
  if (await portOpen(EMULATOR_PORT))
    throw new Error(`something already listens on 127.0.0.1:${EMULATOR_PORT}: stop it to run the README's examples`);
  emulator = (await startServer('npx --no face-detection-contract serve --job-duration 100', projects.esm!.dir)).child;
}

async function stopEmulator(): Promise<void> {
  if (emulator) await stop(emulator);
  emulator = undefined;
}

beforeAll(async () => {
  const tarball = await packedTarball();
  [projects.esm, projects.cjs] = await Promise.all([makeProject('esm', tarball), makeProject('cjs', tarball)]);
}, 400_000);

afterAll(async () => {
  await stopEmulator();
  for (const project of Object.values(projects)) if (project) rmSync(project.dir, { recursive: true, force: true });
  console.log(
    `README examples: ${blocks.length} blocks; ${tally.typechecked} type-checks and ${tally.run} runs passed; ` +
      `${blocks.filter((b) => b.tokens.has('install')).length} install lines made the consumers; ${tally.skipped.length} not run (${tally.skipped.join('; ')})`,
  );
});

describe('the README', () => {
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
      'repo',
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

describe('shell and Python examples', () => {
  const runnable = blocks.filter((b) => (b.lang === 'sh' || b.lang === 'python') && !b.tokens.has('install'));
  it.each(runnable.map((b) => [`line ${b.line}: ${b.code.split('\n')[0]!.slice(0, 60)}`, b] as const))(
    '%s',
    async (_, block) => {
      const missing = await missingTool(block.needs);
      if (block.tokens.has('skip') || missing) {
        tally.skipped.push(`line ${block.line}: ${block.reason ?? missing}`);
        return;
      }
      if (block.tokens.has('server')) {
        await stopEmulator();
        for (const { command } of commandsOf(block)) {
          const server = await startServer(command.replace(/#.*$/, ''), projects.esm!.dir);
          // serve exits 0 on SIGINT; npx, which got the same Ctrl-C, ends by it once serve has.
          expect([0, 'SIGINT'], server.output()).toContain(await stop(server.child));
          expect(server.output()).toMatch(/SIGINT: stopping/);
          expect(await portOpen(EMULATOR_PORT)).toBe(false);
        }
        tally.run++;
        return;
      }
      if (block.tokens.has('emulator')) await ensureEmulator();
      if (block.lang === 'python') {
        const result = await run('python3', ['-c', block.code], projects.esm!.dir, env);
        expect(result.status, result.stderr).toBe(0);
        expect(result.stdout.trim().split('\n')).toEqual(printsOf(block));
        tally.run++;
        return;
      }
      const cwd = block.tokens.has('repo') ? root : block.tokens.has('jest-run') ? projects.cjs!.dir : projects.esm!.dir;
      for (const { command, exit, prints } of commandsOf(block)) {
        const result = await bash(command, cwd);
        expect(result.status, `${command}\n${result.stdout}\n${result.stderr}`).toBe(exit);
        if (prints.length > 0)
          expect(printsMatch(result.stdout, prints), `${command} printed:\n${result.stdout}\nnot:\n${prints.join('\n')}`).toBe(true);
        if (block.tokens.has('vitest-run') || block.tokens.has('jest-run')) {
          expect(`${result.stdout}${result.stderr}`).toMatch(/Tests:?\s+\d+ passed/);
          // The README's setup (vitest.config.ts, jest's command line) keeps the SDK's Node-version notice out.
          expect(`${result.stdout}${result.stderr}`).not.toContain(SDK_NOTICE);
        }
        if (block.tokens.has('repo')) expect(result.stdout).toMatch(/Tests\s+10 passed \(10\)/);
      }
      tally.run++;
    },
    180_000,
  );

  it.each(['esm', 'cjs'] as const)(
    'the vitest files the README shows all pass in the %s project',
    async (format) => {
      // In the CommonJS project the jest example imports @jest/globals: jest runs that one there.
      const files = typescript.filter((b) => b.tokens.has('vitest') && !(format === 'cjs' && b.tokens.has('jest'))).map(fileOf);
      const result = await bash(`npx vitest run ${files.join(' ')}`, projects[format]!.dir);
      expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`Test Files\\s+${files.length} passed`));
    },
    120_000,
  );

  it("the control: without the README's vitest.config.ts, the SDK's notice shows", async () => {
    const project = projects.esm!;
    writeFileSync(join(project.dir, 'bare.vitest.config.mjs'), 'export default {};\n');
    const result = await bash('npx vitest run rekognition.test.ts --config bare.vitest.config.mjs', project.dir);
    expect(result.status, result.stderr).toBe(0);
    expect(`${result.stdout}${result.stderr}`).toContain(SDK_NOTICE);
  }, 120_000);

  it('the control: printsMatch holds output to the words, `...` aside', () => {
    expect(printsMatch('{"JobId":"abc"}\n', ['{"JobId":"..."}'])).toBe(true);
    expect(printsMatch('{"JobID":"abc"}', ['{"JobId":"..."}'])).toBe(false);
    expect(printsMatch('false\ntrue', ['false', 'true'])).toBe(true);
    expect(printsMatch('false', ['false', 'true'])).toBe(false);
  });
});
