import type { CheckName } from '../src/conformance/contractCoverage.js';
import type { FindingRule } from '../src/conformance/findings.js';
import type { FaultModeName } from '../src/msw.js';

export interface Catch {
  check: CheckName;
  /** The case the finding must be of; the run sends only it. Without it, any case of the check. */
  case?: string;
  rule: FindingRule;
  /** Run as where jobs cost (--jobs-cost, the conformance video): for the findings only such a run can raise. */
  jobsCost?: true;
}

export type Catches = Record<FaultModeName, readonly Catch[]>;

export declare const CATCHES: Catches;
