// The README's shell and Python blocks, run as a reader would in the run's consumer projects
// (readme.ts): each shell line must exit as its comment says and print what its `# prints:` says;
// blocks that need an emulator each get one of their own on a free port, which the block is run with for 4566;
// `server` blocks (on port 0) must print `listening on`, then stop on SIGINT and free the port;
// `script` blocks run whole and leave nothing listening. No test binds a fixed port. The
// directives are described in readme.test.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtRepo } from './builtRepo.js';
import { packedTarball, run } from './packed.js';
import {
  bash,
  blocks,
  commandsOf,
  README_PORT,
  env,
  fileOf,
  missingTool,
  printsMatch,
  printsOf,
  type Block,
  type Project,
  readmeProject,
  SDK_NOTICE,
  typescript,
} from './readme.js';
import { root } from './spec.js';

const projects: Partial<Record<'esm' | 'cjs', Project>> = {};
const tally = { run: 0, skipped: [] as string[] };

/** The port a server printed it listens on. */
const portIn = (output: string) => Number(/listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
/** The text with the README's port replaced by `port`. */
const onPort = (text: string, port: number) => text.replaceAll(`127.0.0.1:${README_PORT}`, `127.0.0.1:${port}`);
/** A `serve` command with --port 0 where it names no port. */
const onPortZero = (command: string) => command.replace(/\bserve\b(?![^\n]*--port)/g, 'serve --port 0');

/** Whether nothing listens on the port within a few seconds (a server may take a poll to notice it should stop). */
async function freedSoon(port: number): Promise<boolean> {
  for (let waited = 0; waited <= 5000; waited += 100) {
    if (!(await portOpen(port))) return true;
    await sleep(100);
  }
  return false;
}

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

/**
 * The stand-in for "the emulator you are testing": this package's, with short jobs so the suite takes
 * seconds. One for each `emulator` block: blocks run side by side, and one block's conformance run
 * fills the 20 job slots another block's start needs.
 */
async function withEmulator<T>(use: (port: number) => Promise<T>): Promise<T> {
  const server = await startServer('npx --no face-detection-contract serve --job-duration 100 --port 0', projects.esm!.dir);
  try {
    return await use(portIn(server.output()));
  } finally {
    await stop(server.child);
  }
}

beforeAll(async () => {
  [projects.esm, projects.cjs] = await Promise.all([readmeProject('esm'), readmeProject('cjs')]);
}, 400_000);

afterAll(() => {
  console.log(`README shell and Python examples: ${tally.run} runs passed; ${tally.skipped.length} not run (${tally.skipped.join('; ')})`);
});

/** Whether this is CI (`CI` set, and not `false` or `0`): there, every tool an example needs is installed (.ci/run). */
const inCI = !['', 'false', '0'].includes(process.env.CI ?? '');

/** Runs a plain shell or Python block, with `port` for the README's 4566. */
async function runBlock(block: Block, port: number): Promise<void> {
  if (block.lang === 'python') {
    const result = await run('python3', ['-c', onPort(block.code, port)], projects.esm!.dir, env);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual(printsOf(block));
    return;
  }
  // The checkout's pack after the run's own, so that no two pack (and rebuild the docs page) at once.
  if (block.tokens.has('checkout')) await packedTarball();
  const checkout = block.tokens.has('checkout') ? await builtRepo() : undefined;
  const cwd = checkout ?? (block.tokens.has('repo') ? root : block.tokens.has('jest-run') ? projects.cjs!.dir : projects.esm!.dir);
  for (const { command, exit, prints } of commandsOf(block)) {
    const result = await bash(onPort(command, port), cwd);
    expect(result.status, `${command}\n${result.stdout}\n${result.stderr}`).toBe(exit);
    if (prints.length > 0)
      expect(printsMatch(result.stdout, prints), `${command} printed:\n${result.stdout}\nnot:\n${prints.join('\n')}`).toBe(true);
    if (block.tokens.has('vitest-run') || block.tokens.has('jest-run')) {
      expect(`${result.stdout}${result.stderr}`).toMatch(/Tests:?\s+\d+ passed/);
      // The README's setup (vitest.config.ts, jest's command line) keeps the SDK's Node-version notice out.
      expect(`${result.stdout}${result.stderr}`).not.toContain(SDK_NOTICE);
    }
    // The ten checks, and the test whose annotations list the facts the run did not check.
    if (block.tokens.has('repo')) expect(result.stdout).toMatch(/Tests\s+11 passed \(11\)/);
  }
}

describe('shell and Python examples', () => {
  const runnable = blocks.filter((b) => (b.lang === 'sh' || b.lang === 'python') && !b.tokens.has('install'));
  // An example that does not run is reported skipped, with its reason, never passed; in CI, a missing tool fails it.
  // Side by side: no block depends on another's state, and every server binds a port of its own.
  it.concurrent.for(runnable.map((b) => [`line ${b.line}: ${b.code.split('\n')[0]!.slice(0, 60)}`, b] as const))(
    '%s',
    { timeout: 180_000 },
    async ([, block], context) => {
      const missing = await missingTool(block.needs);
      if (block.tokens.has('skip')) {
        tally.skipped.push(`line ${block.line}: ${block.reason}`);
        return context.skip(block.reason);
      }
      if (missing) {
        if (inCI) throw new Error(`README line ${block.line} ${missing}, which is not installed: CI (.ci/run) must install it`);
        tally.skipped.push(`line ${block.line}: ${missing}`);
        return context.skip(`${missing}, which is not installed here`);
      }
      if (block.tokens.has('server')) {
        for (const { command } of commandsOf(block)) {
          const server = await startServer(onPortZero(command.replace(/#.*$/, '')), projects.esm!.dir);
          // serve exits 0 on SIGINT; npx, which got the same Ctrl-C, ends by it once serve has.
          expect([0, 'SIGINT'], server.output()).toContain(await stop(server.child));
          expect(server.output()).toMatch(/SIGINT: stopping/);
          expect(await portOpen(portIn(server.output()))).toBe(false);
        }
        tally.run++;
        return;
      }
      if (block.tokens.has('script')) {
        // The address the emulator wrote to its log, wherever 4566 stands.
        const script = onPortZero(block.code).replaceAll(
          `127.0.0.1:${README_PORT}`,
          "$(grep -o '127\\.0\\.0\\.1:[0-9]*' emulator.log | head -1)",
        );
        const result = await bash(script, projects.esm!.dir);
        expect(result.status, `${script}\n${result.stdout}\n${result.stderr}`).toBe(0);
        const port = portIn(readFileSync(join(projects.esm!.dir, 'emulator.log'), 'utf8'));
        expect(port).toBeGreaterThan(0);
        expect(await freedSoon(port), `something still listens on ${port}`).toBe(true);
        tally.run++;
        return;
      }
      if (block.tokens.has('emulator')) await withEmulator((port) => runBlock(block, port));
      else await runBlock(block, README_PORT);
      tally.run++;
    },
  );

  it.concurrent.each(['esm', 'cjs'] as const)(
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

  it.concurrent("the control: without the README's vitest.config.ts, the SDK's notice shows", async () => {
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
