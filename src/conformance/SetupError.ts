/**
 * The run cannot judge the endpoint because of how it was set up: the endpoint refused the
 * credentials, or there are none. It ends the run (exit 2); it is never a finding.
 */
export class SetupError extends Error {
  override readonly name = 'SetupError';
}
