// What every usage error of the CLI must look like, for the tests of each command.
import { expect } from 'vitest';

/**
 * One line on stderr, `<program> [command]: <reason> (see <program> [command] --help)`, nothing
 * on stdout (no heading, no progress: every flag is checked first), exit 2.
 */
export function expectUsageError(
  result: { code: number; out: string; err: string },
  command: string | undefined,
  reason: string | RegExp,
): void {
  const who = command ? `face-detection-contract ${command}` : 'face-detection-contract';
  expect(result.code, result.err).toBe(2);
  expect(result.out).toBe('');
  expect(result.err, 'one line').toMatch(/^[^\n]+\n$/);
  expect(result.err.startsWith(`${who}: `), result.err).toBe(true);
  expect(result.err, 'the reason').toMatch(reason);
  expect(result.err.endsWith(` (see ${who} --help)\n`), result.err).toBe(true);
}
