/**
 * A request that got no whole answer: refused, reset, cut off mid-body, garbled, TLS failed, timed
 * out. Its message and cause are Node's own error. Nothing to judge: the run sends it again or
 * reports the endpoint unreachable (never again after a timeout, which would only wait as long again).
 */
export class NoAnswerError extends Error {
  override readonly name = 'NoAnswerError';
  constructor(
    cause: unknown,
    /** No answer came within the target's time for one. */
    readonly timedOut = false,
  ) {
    super((cause as Error)?.message ?? String(cause), { cause });
  }
}
