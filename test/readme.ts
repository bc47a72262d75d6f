// The README's fenced blocks, read with the directives that say how each runs, and the consumer
// projects its examples run in (see readme.test.ts for the directives; readme-shell.test.ts runs
// the shell and Python blocks).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { oncePerRun } from './oncePerRun.js';
import { childEnv, packedTarball, run, type Run } from './packed.js';
import { root } from './spec.js';

export const PACKAGE = 'rekognition-face-detection-contract';
export const OUT = 'node_modules/.readme-out'; // compiled scripts: in the project, out of every runner's sight
/** The port the README's examples name; the tests run them on a free one instead. */
export const README_PORT = 4566;
/** The control's wrong example, type-checked with the README's. */
export const WRONG = 'wrong.ts';

export interface Block {
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

export const blocks = readmeBlocks(readFileSync(join(root, 'README.md'), 'utf8'));
export const typescript = blocks.filter((b) => b.lang === 'ts');
export const fileOf = (b: Block) => b.file ?? `example-${b.line}.${b.lang === 'js' ? 'js' : 'ts'}`;
export const isScript = (b: Block) => b.lang === 'ts' && !b.file && !['typecheck', 'vitest'].some((t) => b.tokens.has(t));
export const inFormat = (b: Block, format: 'esm' | 'cjs') => !b.tokens.has(format === 'esm' ? 'cjs' : 'esm');

/** What a block says it prints: each `// prints: X` (or `# prints: X`), in order. */
export const printsOf = (b: Block) => [...b.code.matchAll(/(?:\/\/|#) prints: (.*)$/gm)].map((m) => m[1]!.trim());

interface Command {
  command: string;
  /** `# exit N` in its comment; else 0. */
  exit: number;
  /** `# prints: X` in its comment, or on comment lines after it: what it prints, `...` standing for anything. */
  prints: string[];
}

/** A shell block's commands, continuation lines joined. */
export function commandsOf(b: Block): Command[] {
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
export function printsMatch(output: string, prints: string[]): boolean {
  const pattern = prints
    .join('\n')
    .split('...')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s\\S]*');
  return new RegExp(`^${pattern}$`).test(output.trim());
}

/** The packages the README's install lines name for a project of that format, the package itself left out; a later line's version wins. */
export function installedPackages(format: 'esm' | 'cjs'): string[] {
  const byName = new Map<string, string>();
  for (const block of blocks.filter((b) => b.tokens.has('install') && inFormat(b, format))) {
    for (const line of block.code.replace(/\\\n\s*/g, ' ').split('\n')) {
      for (const word of /^npm install (.*)$/.exec(line.replace(/\s#.*$/, '').trim())?.[1]?.split(/\s+/) ?? []) {
        if (!word.startsWith('-') && word !== PACKAGE && word !== PACKAGE_VARIABLE) byName.set(word.replace(/(.)@.*$/, '$1'), word);
      }
    }
  }
  return [...byName.values()];
}

/** How the README's install lines name the package: the tarball's path until it is published, its name after. */
export const PACKAGE_VARIABLE = '"$PKG"';

/** The tarball the README's `PKG=` line installs: its file name. */
export function readmeTarball(): string | undefined {
  for (const block of blocks.filter((b) => b.tokens.has('install')))
    for (const line of block.code.split('\n')) {
      const path = /^PKG=(\S+\.tgz)\b/.exec(line.trim())?.[1];
      if (path) return path.split('/').at(-1);
    }
  return undefined;
}

/** Each `npm install` line of the README, continuation lines joined. */
export const installLines = (): string[] =>
  blocks
    .filter((b) => b.tokens.has('install'))
    .flatMap((b) => b.code.replace(/\\\n\s*/g, ' ').split('\n'))
    .filter((line) => line.trim().startsWith('npm install '));

const toolChecks: Record<string, [string, string[], string]> = {
  aws: ['aws', ['--version'], 'the AWS CLI (apt-get install awscli)'],
  boto3: ['python3', ['-c', 'import boto3'], 'Python with boto3 (apt-get install python3-boto3)'],
};
export async function missingTool(needs: string | undefined): Promise<string | undefined> {
  if (!needs) return undefined;
  const [command, args, what] = toolChecks[needs] ?? [needs, ['--version'], needs];
  const found = await run(command, args, root).catch(() => undefined);
  return found?.status === 0 ? undefined : `needs ${what}`;
}

// As on a machine with no AWS configuration: no AWS_* variable, no ~/.aws files. An example that
// needs credentials (the AWS CLI's signature) must show its dummy ones. Without the variable the
// repo's vitest.config.ts sets, too: the README's own setup must hide the SDK's notice.
const inherited = Object.fromEntries(Object.entries(childEnv).filter(([name]) => !name.startsWith('AWS_') || name === 'AWS_CA_BUNDLE'));
export const NO_AWS_CONFIG = '/nonexistent/aws-config';
export const env: NodeJS.ProcessEnv = {
  ...inherited,
  AWS_CONFIG_FILE: NO_AWS_CONFIG,
  AWS_SHARED_CREDENTIALS_FILE: NO_AWS_CONFIG,
  NO_COLOR: '1',
};
export const SDK_NOTICE = 'NodeVersionSupportWarning';
export const bash = (command: string, cwd: string): Promise<Run> => run('bash', ['-c', command], cwd, env);

export interface Project {
  dir: string;
  typecheck: Run;
}

/**
 * The run's project of that format (made once, however many test files ask): the tarball and every
 * package the README installs; its blocks type-checked and compiled.
 */
export async function readmeProject(format: 'esm' | 'cjs'): Promise<Project> {
  const dir = await oncePerRun(`readme-${format}`, async (folder) => {
    await makeProject(format, await packedTarball(), folder);
    return folder;
  });
  return { dir, typecheck: JSON.parse(readFileSync(join(dir, TYPECHECK), 'utf8')) as Run };
}

/** tsc's output, kept in the project for every test file that reads it. */
const TYPECHECK = '.typecheck.json';

async function makeProject(format: 'esm' | 'cjs', tarball: string, dir: string): Promise<void> {
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
        // The examples' own errors; that msw's type files need DOM in lib, and no more, is readme.test.ts's control.
        skipLibCheck: true,
        outDir: OUT,
        rootDir: '.',
      },
      files,
    }),
  );
  const typecheck = await run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], dir);
  writeFileSync(join(dir, TYPECHECK), JSON.stringify(typecheck));
}

/** tsc's errors about one file. */
export const errorsIn = (project: Project, file: string) =>
  `${project.typecheck.stdout}`.split('\n').filter((line) => line.startsWith(`${file}(`));
