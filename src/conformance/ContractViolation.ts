import type { Exchange } from './Exchange.js';

/** A check's finding: what the contract demands, what the target did, and the exchange that shows it. */
export class ContractViolation extends Error {
  override readonly name = 'ContractViolation';
  constructor(
    message: string,
    readonly exchange?: Exchange,
  ) {
    super(message);
  }
}
