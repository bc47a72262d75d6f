/**
 * Thrown by every send of a run once its signal has aborted (Ctrl-C, say), and by its waits: the
 * run stops where it is and reports what it judged, the rest as interrupted. Never a finding, never
 * sent again, never shrunk.
 */
export class RunInterrupted extends Error {
  override readonly name = 'RunInterrupted';
  constructor(
    /** What interrupted the run: the signal's name (SIGINT), or 'interrupted'. */
    readonly reason: string,
  ) {
    super(`the run was interrupted (${reason})`);
  }
}
