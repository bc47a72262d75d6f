// Idempotency: each ClientRequestToken and the start it made. A start with a token already seen
// answers that job when its parameters are the same (members in any order), and a mismatch when
// they are not.
import type { StartFaceDetectionRequest } from '../../generated/types.js';

/** What a repeated token means: the same start again, or other parameters under the same token. */
export type TokenDecision = 'repeat' | 'mismatch';

export class ClientRequestTokens {
  readonly #tokens = new Map<string, { parameters: string; jobId: string }>();

  /**
   * The job an earlier start with this token made, and whether a start with these parameters (see
   * parametersOf) repeats it; undefined for a new token.
   */
  seen(token: string, parameters: string): { jobId: string; decision: TokenDecision } | undefined {
    const first = this.#tokens.get(token);
    if (!first) return undefined;
    return { jobId: first.jobId, decision: first.parameters === parameters ? 'repeat' : 'mismatch' };
  }

  /** Binds the token to the job a start with these parameters made. */
  bind(token: string, parameters: string, jobId: string): void {
    this.#tokens.set(token, { parameters, jobId });
  }

  /** Forgets the token with the job it made; a later start with it starts a new job. */
  forget(token: string, jobId: string): void {
    // Only its own binding: a fault mode may have bound the token to a newer job since.
    if (this.#tokens.get(token)?.jobId === jobId) this.#tokens.delete(token);
  }

  clear(): void {
    this.#tokens.clear();
  }
}

/**
 * The parameters a ClientRequestToken binds, in a canonical form: the members the service reads
 * (unknown members are ignored, as the service ignores them), object keys sorted so member order
 * does not matter.
 */
export function parametersOf(request: StartFaceDetectionRequest): string {
  const { Video, NotificationChannel, FaceAttributes, JobTag } = request;
  return canonicalJson({ Video, NotificationChannel, FaceAttributes, JobTag });
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
