// SIGINT and SIGTERM for a command that stops cleanly (conformance writes what its run has so far):
// the first aborts a signal the command passes on, a second quits at once. The listeners go in
// when asked for and out with dispose(), so a command run in process (by a test) leaves none behind.
import type { EventEmitter } from 'node:events';

export interface Interrupts {
  /** Aborted at the first SIGINT or SIGTERM, its reason the signal's name ('SIGINT'). */
  readonly signal: AbortSignal;
  /** Removes the listeners: a signal after it does what it does without them. Idempotent. */
  dispose(): void;
}

/** The signals that interrupt a command. */
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Listens for SIGINT and SIGTERM on `source` (the process): the first aborts `signal`, any after it
 * calls `onSecond` (by default, exit 130 at once, as a shell reports Ctrl-C).
 */
export function processInterrupts(
  onSecond: (signal: NodeJS.Signals) => void = () => process.exit(130),
  source: Pick<EventEmitter, 'on' | 'off'> = process,
): Interrupts {
  const controller = new AbortController();
  const on = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) onSecond(signal);
    else controller.abort(signal);
  };
  for (const name of SIGNALS) source.on(name, on);
  return {
    signal: controller.signal,
    dispose() {
      for (const name of SIGNALS) source.off(name, on);
    },
  };
}
