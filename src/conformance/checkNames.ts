/**
 * The checks' names, in the order the suite runs them: for the command line's help, which loads
 * no check (checks/index.ts holds the checks to this list when it loads).
 */
export const CHECK_NAMES = [
  'negative-rejection',
  'error-contract',
  'protocol',
  'unknown-job',
  'positive-acceptance',
  'response-contract',
  'sdk-compatibility',
  'lifecycle',
  'pagination',
  'idempotency',
] as const;
