// Where the CLI reads and writes: the process's streams, or a test's.
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
  /** Colour the output. Default: no. */
  color?: boolean;
}
