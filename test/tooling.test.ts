// The spec's own tooling: generated/ matches the spec, and the spec lints clean.
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { root } from './spec.js';

const run = (file: string, args: string[]) => execFileSync(file, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('tooling', () => {
  it('generated/ is what `npm run generate` writes from the spec', () => {
    expect(run(process.execPath, ['scripts/generate.mjs', '--check']).trim()).toBe('generated/ is up to date');
  });

  it('`redocly lint` (recommended) reports no error and no warning', () => {
    const report = JSON.parse(run(process.execPath, ['node_modules/@redocly/cli/bin/cli.js', 'lint', '--format=json']));
    expect(report.problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it("`npm run lint:spec` says its verdict without Redocly's notices", () => {
    const lint = spawnSync('npm', ['run', '--silent', 'lint:spec'], { cwd: root, encoding: 'utf8' });
    expect(lint.status, lint.stderr).toBe(0);
    const output = `${lint.stdout}${lint.stderr}`;
    expect(output).toContain('Your API description is valid');
    expect(output).not.toMatch(/[╔║╚]|Deprecation warning|update available|telemetry/i);
  });
});
