// Keeps every attempt a run sends, as HAR entries: wrapped around the bare target, below the
// retries of runTarget.ts, so a request sent again after throttling is an entry of its own. A
// request still waiting for its answer when the recording is taken (an interrupted run's) is an
// entry without an answer, so that the recording holds every request sent, whenever it is taken.
import { harEntryOf, harOf, type Har, type HarEntry } from './har.js';
import type { TargetRequest } from './Exchange.js';
import { withSend, type Target } from './Target.js';
import { httpRequestFor } from './targetRequest.js';

export class HarRecorder {
  readonly entries: HarEntry[] = [];
  /** Who is sending now (`check unknown-job, case unknown-job`): the runner sets it before each case. */
  label = 'probe';
  /** The requests sent and not yet answered (nor failed): each becomes an entry when it settles. */
  readonly #waiting = new Set<{ url: string; request: TargetRequest; started: Date; at: number; comment: string }>();

  /** The target, each attempt through it recorded. */
  wrap(target: Target): Target {
    return withSend(target, async (request) => {
      const started = new Date();
      const at = performance.now();
      const comment = this.label;
      const waiting = { url: target.url, request, started, at, comment };
      this.#waiting.add(waiting);
      try {
        const exchange = await target.send(request);
        this.entries.push(harEntryOf(exchange.request, exchange.response, { started, time: performance.now() - at, comment }));
        return exchange;
      } catch (error) {
        // No whole answer: the request as it would have gone (unsigned: the target never said how it signed it).
        const unsent = httpRequestFor(target.url, request);
        const why = `${comment}; no answer: ${(error as Error)?.message ?? String(error)}`;
        this.entries.push(harEntryOf(unsent, undefined, { started, time: performance.now() - at, comment: why }));
        throw error;
      } finally {
        this.#waiting.delete(waiting);
      }
    });
  }

  /** The recording so far: every entry, then each request still waiting for its answer, as one without. */
  har(creator: { name: string; version: string }): Har {
    const now = performance.now();
    const waiting = [...this.#waiting].map(({ url, request, started, at, comment }) =>
      harEntryOf(httpRequestFor(url, request), undefined, {
        started,
        time: now - at,
        comment: `${comment}; no answer yet when the recording was written`,
      }),
    );
    return harOf([...this.entries, ...waiting], creator);
  }
}
