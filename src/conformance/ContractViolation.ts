import type { Exchange } from './Exchange.js';
import type { FindingRule } from './findings.js';

/** A check's finding: what the contract demands, what the target did, and the exchange that shows it. */
export class ContractViolation extends Error {
  override readonly name = 'ContractViolation';
  constructor(
    /** Which of the oracles' findings this is (findings.ts). */
    readonly rule: FindingRule,
    message: string,
    readonly exchange?: Exchange,
    /**
     * Whether the violation follows from the request the run drew (and so shrinks with it). Not so
     * for what the endpoint answers whatever is asked (a "later" answer's status, a job limit no
     * job explains): sending smaller requests again would only meet it at random.
     */
    readonly ofTheRequest = true,
  ) {
    super(message);
  }
}
