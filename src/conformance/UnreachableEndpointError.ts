/** The endpoint did not answer at all (refused, unresolvable, timed out): nothing to judge. */
export class UnreachableEndpointError extends Error {
  override readonly name = 'UnreachableEndpointError';
  constructor(
    readonly endpoint: string,
    cause: unknown,
  ) {
    super(`${endpoint} is unreachable: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}
