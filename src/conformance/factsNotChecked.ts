// For a finished run, the facts of the contract it did not check and why (a case skipped, a check
// not selected, the job budget, an error the endpoint never had to answer), read against the
// contract-coverage matrix.
import { contractCoverage, type FactRow } from './contractCoverage.js';

/** A fact a run did not check, and why. */
export interface UncheckedFact {
  fact: string;
  why: string;
}

/** What a run's report tells of what it checked. */
interface RunOutcome {
  jobsCost: boolean;
  checks: readonly {
    name: string;
    status?: string;
    cases: readonly { name: string; status: string; runs: number; reason?: string }[];
  }[];
  /** How many answers carried each error code. */
  errorsAnswered: Readonly<Record<string, number>>;
}

/**
 * The facts a finished run did not check, and why: none of the cases that assert it judged
 * anything (skipped, or not selected), no answer carried the error it is about, no run can (see
 * the matrix), or the run's jobs cost. A fact asserted on data that cannot show a break (a job of
 * few faces) is listed too, saying so.
 */
export function factsNotChecked(run: RunOutcome, rows: readonly FactRow[] = contractCoverage()): UncheckedFact[] {
  const unchecked: UncheckedFact[] = [];
  for (const row of rows) {
    const why = whyNotChecked(row, run);
    if (why) unchecked.push({ fact: row.fact.id, why });
    else if (row.shows) unchecked.push({ fact: row.fact.id, why: `asserted, but ${row.shows}` });
  }
  return unchecked;
}

function whyNotChecked(row: FactRow, run: RunOutcome): string | undefined {
  if (row.unchecked && (row.unchecked.where === 'anywhere' || run.jobsCost))
    return `${row.unchecked.where === 'anywhere' ? 'no conformance run can' : 'not where jobs cost'}: ${row.unchecked.why}`;
  const reasons: string[] = [];
  for (const asserter of row.checkedBy) {
    const check = run.checks.find((c) => c.name === asserter.check);
    if (!check) {
      reasons.push(`${asserter.check} was not run (--checks)`);
      continue;
    }
    const cases = check.cases.filter((c) => asserter.cases === undefined || asserter.cases.includes(c.name));
    if (cases.some((c) => c.status === 'failed' || (c.status === 'passed' && c.runs > 0))) {
      if (row.whenAnswered && !run.errorsAnswered[row.whenAnswered])
        return `no answer of this run was ${row.whenAnswered}: the endpoint never had to answer it (it is judged whenever one is)`;
      return undefined;
    }
    const skipped = cases.find((c) => c.status === 'skipped');
    reasons.push(
      skipped
        ? `${asserter.check} / ${skipped.name} was skipped: ${skipped.reason ?? 'no reason given'}`
        : check.status === 'interrupted'
          ? `${asserter.check} was interrupted before it checked it`
          : `${asserter.check} ran none of its cases that assert it (--case, or not where jobs cost)`,
    );
  }
  return reasons[0] ?? 'no check asserts it';
}
