// How fast the run sends one kind of request, learned from the endpoint's "slow down" answers.
import { pause as sleep } from './interruption.js';

/** The least and most spacing a Pace keeps once the endpoint has said "slow down". */
const MIN_SPACING_MS = 20;
const MAX_SPACING_MS = 2000;

/**
 * Spacing between requests of one kind, learned from the endpoint: half as long again at each
 * "slow down", a fifth shorter at each answer that is not one. The run settles near the
 * endpoint's quota instead of hitting it over and over, as the SDK's adaptive retry mode does, and
 * an endpoint that throttles one request in five at random does not slow it to a crawl.
 */
export class Pace {
  #spacing = 0;
  #next = 0;

  async wait(signal?: AbortSignal): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.#next);
    this.#next = at + this.#spacing;
    if (at > now) await sleep(at - now, signal);
  }

  slower(): void {
    this.#spacing = Math.min(Math.max(this.#spacing * 1.5, MIN_SPACING_MS), MAX_SPACING_MS);
  }

  easier(): void {
    this.#spacing = this.#spacing < 1 ? 0 : this.#spacing * 0.8;
  }
}
