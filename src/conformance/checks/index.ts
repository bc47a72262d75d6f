import type { Check } from '../Check.js';
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

/** Every check, in the order the suite runs them. */
export const checks: readonly Check[] = [positiveAcceptance, negativeRejection, responseContract, errorContract, idempotency, protocol, sdkCompatibility, unknownJob, lifecycle, pagination];

export { errorContract, idempotency, lifecycle, negativeRejection, pagination, positiveAcceptance, protocol, responseContract, sdkCompatibility, unknownJob };
