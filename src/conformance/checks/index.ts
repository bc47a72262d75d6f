import type { Check } from '../Check.js';
import { CHECK_NAMES } from '../checkNames.js';
import { errorContract } from './errorContract.js';
import { idempotency } from './idempotency.js';
import { lifecycle } from './lifecycle.js';
import { negativeRejection } from './negativeRejection.js';
import { pagination } from './pagination.js';
import { positiveAcceptance } from './positiveAcceptance.js';
import { protocol } from './protocol.js';
import { responseContract } from './responseContract.js';
import { sdkCompatibility } from './sdkCompatibility.js';
import { unknownJob } from './unknownJob.js';

/**
 * Every check, in the order the suite runs them: those whose starts a correct endpoint refuses
 * first, then the valid starts, then those on the shared job, idempotency last. Where jobs cost,
 * starts that should be refused are sent while the budget still has room, and "another token"
 * takes the last job it allows.
 */
export const checks: readonly Check[] = [
  negativeRejection,
  errorContract,
  protocol,
  unknownJob,
  positiveAcceptance,
  responseContract,
  sdkCompatibility,
  lifecycle,
  pagination,
  idempotency,
];

if (checks.map((c) => c.name).join() !== CHECK_NAMES.join())
  throw new Error(`checkNames.ts lists ${CHECK_NAMES.join(', ')}; the checks are ${checks.map((c) => c.name).join(', ')}`);

export {
  errorContract,
  idempotency,
  lifecycle,
  negativeRejection,
  pagination,
  positiveAcceptance,
  protocol,
  responseContract,
  sdkCompatibility,
  unknownJob,
};
