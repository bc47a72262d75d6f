// What the conformance suite fires at: the embedded mock in-process, or any HTTP endpoint.
import type { RekognitionClient } from '@aws-sdk/client-rekognition';
import type { Exchange, WireRequest } from './Exchange.js';

export interface Target {
  /** `embedded mock`, or the endpoint's URL. */
  name: string;
  /** The URL requests go to (for the embedded mock, a stand-in Rekognition URL). */
  url: string;
  region: string;
  /** Whether job-starting checks may run here without --video (the embedded mock, loopback). */
  local: boolean;
  send(request: WireRequest): Promise<Exchange>;
  /** A real SDK v3 client that talks to the target, retries off. */
  client(): RekognitionClient;
  /** How many requests were sent. */
  readonly requests: number;
  close(): Promise<void>;
}
