// A run that can be stopped: its target's sends and its waits end as soon as its signal aborts,
// with a RunInterrupted, so that the run reports what it has without waiting for a slow answer.
import { setTimeout as sleep } from 'node:timers/promises';
import { RunInterrupted } from './RunInterrupted.js';
import { withSend, type Target } from './Target.js';

/** What interrupted a run: the abort's reason when it is a string (a signal's name), else 'interrupted'. */
export function interruptionOf(signal: AbortSignal | undefined): string {
  return typeof signal?.reason === 'string' ? signal.reason : 'interrupted';
}

/** Whether the error is an interruption, or was made of one (a cause). */
export function isInterruption(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) if (e instanceof RunInterrupted) return true;
  return false;
}

/**
 * The target, each send rejected with a RunInterrupted once the signal aborts: at once for a send
 * not yet made, and for one in flight as soon as the signal aborts (its answer, if it comes, is
 * left to the target below: a recorder still records it).
 */
export function interruptible(target: Target, signal: AbortSignal): Target {
  return withSend(target, (request) => {
    if (signal.aborted) return Promise.reject(new RunInterrupted(interruptionOf(signal)));
    return new Promise((resolve, reject) => {
      const abort = () => reject(new RunInterrupted(interruptionOf(signal)));
      signal.addEventListener('abort', abort, { once: true });
      target
        .send(request)
        .then(resolve, reject)
        .finally(() => signal.removeEventListener('abort', abort));
    });
  });
}

/** Waits `ms`; a RunInterrupted as soon as the signal aborts, if it does. */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) throw new RunInterrupted(interruptionOf(signal));
  try {
    await sleep(ms, undefined, signal ? { signal } : undefined);
  } catch (error) {
    if (signal?.aborted) throw new RunInterrupted(interruptionOf(signal));
    throw error;
  }
}
