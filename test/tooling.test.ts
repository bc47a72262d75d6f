// The spec's lint as `npm run lint:spec` runs it: clean (no error, no warning) and quiet (no
// Redocly notice). CI also runs it, and checks generated/ for drift, as steps of their own. And
// vitest's order: the slowest files it starts first are files that exist.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './spec.js';
import { SLOWEST_FIRST } from '../vitest.config.js';

describe('tooling', () => {
  it("`npm run lint:spec` finds nothing, and says so without Redocly's notices", () => {
    const lint = spawnSync('npm', ['run', '--silent', 'lint:spec'], { cwd: root, encoding: 'utf8' });
    expect(lint.status, lint.stderr).toBe(0);
    const output = `${lint.stdout}${lint.stderr}`;
    expect(output).toContain('Your API description is valid');
    // A rule's finding says "warning"; so did the Node 20 notice the wrapper drops.
    expect(output).not.toMatch(/warning|[╔║╚]|update available|telemetry/i);
  });

  it('starts first test files that exist (vitest.config.ts)', () => {
    const missing = SLOWEST_FIRST.filter((name) => !existsSync(join(root, 'test', `${name}.test.ts`)));
    expect(missing).toEqual([]);
  });
});
