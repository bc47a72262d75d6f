// The built `face-detection-contract` in its own process: what reaches a terminal when it fails is
// one line and exit 2, never a stack trace, whether main() or bin.ts catches the error.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBin, exited, type Exit } from './built-bin.js';

let bin: string;
beforeAll(async () => {
  bin = await buildBin();
});

const cli = (args: string[], file = bin): Promise<Exit> =>
  exited(spawn(process.execPath, [file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] }) as unknown as ChildProcessWithoutNullStreams);

/** Exit 2 with this one line on stderr, nothing on stdout. */
function expectOneLine(result: Exit, line: RegExp) {
  expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 2, stdout: '' });
  expect(result.stderr).toMatch(/^face-detection-contract[^\n]*\n$/);
  expect(result.stderr).toMatch(line);
}

describe('face-detection-contract (the built bin)', () => {
  it('conformance --help: its help on stdout, exit 0', async () => {
    const result = await cli(['conformance', '--help']);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(
      /^Usage: face-detection-contract conformance \[options\]\n[\s\S]*\nExit status:\n {2}0 {2}conformant: [\s\S]*\n {2}3 {2}inconclusive: /,
    );
  });

  it('an unknown option: one line, exit 2', async () => {
    expectOneLine(
      await cli(['conformance', '--bogus']),
      /^face-detection-contract conformance: unknown option '--bogus' \(see face-detection-contract conformance --help\)\n$/,
    );
  });

  it('serve on a port in use: one line, exit 2', async () => {
    const taken: Server = createServer();
    await new Promise<void>((listening) => taken.listen(0, '127.0.0.1', listening));
    const { port } = taken.address() as { port: number };
    try {
      expectOneLine(
        await cli(['serve', '--port', String(port)]),
        new RegExp(`^face-detection-contract: cannot listen on 127\\.0\\.0\\.1:${port}: the port is in use \\(EADDRINUSE\\)`),
      );
    } finally {
      taken.close();
    }
  });

  it('a broken install (a module missing): one line naming it, exit 2', async () => {
    // A copy of dist/ beside it, so that its imports of generated/ and package.json still resolve.
    const dist = dirname(dirname(bin));
    const broken = join(dirname(dist), 'broken');
    cpSync(dist, broken, { recursive: true });
    rmSync(join(broken, 'contract', 'validators.js'));
    expectOneLine(
      await cli(['validate', 'StartFaceDetectionRequest'], join(broken, 'cli', 'bin.js')),
      /^face-detection-contract: cannot start: Cannot find module '\S+validators\.js'/,
    );
  });
});
