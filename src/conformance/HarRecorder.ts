// Keeps every attempt a run sends, as HAR entries: wrapped around the bare target, below the
// retries of runTarget.ts, so a request sent again after throttling is an entry of its own.
import { harEntryOf, harOf, type Har, type HarEntry } from './har.js';
import type { Target } from './Target.js';
import { httpRequestFor } from './targetRequest.js';

export class HarRecorder {
  readonly entries: HarEntry[] = [];
  /** Who is sending now (`check unknown-job, case unknown-job`): the runner sets it before each case. */
  label = 'probe';

  /** The target, each attempt through it recorded. */
  wrap(target: Target): Target {
    const recorder = this;
    return {
      name: target.name,
      url: target.url,
      region: target.region,
      local: target.local,
      answerTimeoutMs: target.answerTimeoutMs,
      get requests() {
        return target.requests;
      },
      async send(request) {
        const started = new Date();
        const at = performance.now();
        const comment = recorder.label;
        try {
          const exchange = await target.send(request);
          recorder.entries.push(harEntryOf(exchange.request, exchange.response, { started, time: performance.now() - at, comment }));
          return exchange;
        } catch (error) {
          // No whole answer: the request as it would have gone (unsigned: the target never said how it signed it).
          const unsent = httpRequestFor(target.url, request);
          const why = `${comment}; no answer: ${(error as Error)?.message ?? String(error)}`;
          recorder.entries.push(harEntryOf(unsent, undefined, { started, time: performance.now() - at, comment: why }));
          throw error;
        }
      },
      close: () => target.close(),
    };
  }

  har(creator: { name: string; version: string }): Har {
    return harOf(this.entries, creator);
  }
}
