// Where the CLI reads and writes: the process's streams, or a test's.
import type { Interrupts } from './interrupts.js';

/** Where the CLI reads and writes; tests pass their own. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Reads a file, or standard input for "-". */
  read(file: string): string;
  /**
   * For long-running commands (serve): resolves with the signal's name when the command should
   * stop. Called once, when the command is ready. Default: the first SIGINT or SIGTERM.
   */
  stopSignal?(): Promise<string>;
  /**
   * For commands that stop cleanly when interrupted (conformance): listens for the first SIGINT or
   * SIGTERM (its `signal` aborts, with the signal's name) until `dispose()`; a second quits at once.
   * Called once per run of the command. Default: none, nothing listens (a test's io); the
   * process's is processInterrupts() (interrupts.ts).
   */
  interrupts?(): Interrupts;
  /** Colour the output. Default: no. */
  color?: boolean;
}
