import type { Check } from '../Check.js';
import { errorContract } from './errorContract.js';
import { idempotency } from './idempotency.js';
import { negativeRejection } from './negativeRejection.js';
import { positiveAcceptance } from './positiveAcceptance.js';
import { protocol } from './protocol.js';
import { responseContract } from './responseContract.js';
import { sdkCompatibility } from './sdkCompatibility.js';

/** Every check, in the order the suite runs them. */
export const checks: readonly Check[] = [positiveAcceptance, negativeRejection, responseContract, errorContract, idempotency, protocol, sdkCompatibility];

export { errorContract, idempotency, negativeRejection, positiveAcceptance, protocol, responseContract, sdkCompatibility };
