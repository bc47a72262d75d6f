// What a conformance run reports: its plan, each check's and case's result, each finding with what
// replays it, what it could not judge, and the verdict with its exit status. Plain data, for the
// reporters and for anyone who reads a run's JSON.
import type { UncheckedFact } from './factsNotChecked.js';
import type { FindingRule } from './findings.js';
import type { Exchange } from './Exchange.js';

/** What a run will do, stated before it does it: its coverage, its random runs and the bound of every wait. */
export interface RunPlan {
  /** Runs of the checks' coverage: each boundary value of each rule, sent whatever the seed and --runs. */
  coverageRuns: number;
  /** Random runs of each check after its coverage (--runs; some checks take fewer), shared among its cases. */
  randomRuns: number;
  /** Random runs every case gets at least, whatever its share. */
  randomRunsPerCase: number;
  /** How long a request waits for its answer before the endpoint counts as unreachable, in ms (none for an in-process target). */
  answerTimeoutMs?: number;
  /** How long a job may run before it fails (or, where jobs cost, its check is skipped), in ms. */
  jobTimeoutMs: number;
  /** How long one request is answered "later" (throttling, the job limit) before its case is skipped as the endpoint being busy, in ms. */
  laterTimeoutMs: number;
  /**
   * Where the run has the endpoint to itself: how long one request is answered "later" before a
   * valid request of its operation is sent to compare; answered at once, and the request "later"
   * still, it is a finding (later-selective), in ms.
   */
  selectiveLaterMs?: number;
}

export type ProgressEvent =
  | { type: 'plan'; plan: RunPlan }
  | { type: 'start'; check: string; index: number; total: number }
  | { type: 'end'; result: CheckResult; index: number; total: number };

export interface Finding {
  message: string;
  /** Which of the oracles' findings it is (see FINDINGS); none for an error no oracle names (a check that threw). */
  rule?: FindingRule;
  /** The case of the check that failed, for checks made of cases. */
  case?: string;
  /** The shrunk counterexample: the smallest input found that breaks the contract. */
  counterexample: unknown;
  /** The seed of the run, as given: `--seed` takes it. */
  seed: number;
  /** fast-check's path to the counterexample: `--seed S --path P` replays it. */
  path: string;
  /**
   * Where the counterexample came from: the case's coverage (a boundary value, tried in every run
   * whatever the seed; minimal by construction) or its random runs (shrunk where jobs cost nothing).
   */
  phase: 'coverage' | 'random';
  /** Flags that replay this finding. */
  replay: string;
  /** The request and answer that show it, credentials redacted. */
  exchange?: Exchange;
  curl?: string;
}

/** One case of a check (a check without cases has one, named as the check). */
export interface CaseResult {
  name: string;
  /**
   * passed: every run judged and none found a violation; skipped: some run could not judge (the
   * reason says why); interrupted: the run was stopped during this case (its runs before that count).
   */
  status: 'passed' | 'failed' | 'skipped' | 'interrupted';
  /** A skip --accept-skip names: it leaves the verdict as it is. */
  accepted?: boolean;
  /** Runs that checked something. */
  runs: number;
  /** Runs of the case's coverage sent: its boundary values, the same whatever the seed and --runs. */
  coverage: number;
  /** Random runs sent after the coverage. */
  random: number;
  /** Requests the case sent, retries and polls included. */
  requests: number;
  /** Why it was skipped. */
  reason?: string;
  /** What would let it judge (a video with faces, a larger --max-jobs). */
  remedy?: string;
}

/** A case the run could not judge, whose skip no --accept-skip names: what makes the verdict inconclusive. */
export interface Unjudged {
  check: string;
  /** The case, for a check made of cases. */
  case?: string;
  reason: string;
  /** What would let it judge. */
  remedy?: string;
  /** What --accept-skip takes to accept this skip. */
  accept: string;
}

export interface CheckResult {
  name: string;
  oracle: string;
  /**
   * passed: every case judged every run (or its skip was accepted) and none found a violation;
   * inconclusive: some case could not judge, and no --accept-skip names it; skipped: no case
   * judged anything, every skip accepted; interrupted: the run was stopped during the check (its
   * finished cases are listed, the one in progress as interrupted) or before it (no case). Never
   * passed without judging.
   */
  status: 'passed' | 'failed' | 'inconclusive' | 'skipped' | 'interrupted';
  runs: number;
  requests: number;
  durationMs: number;
  reason?: string;
  cases: CaseResult[];
  finding?: Finding;
}

export interface ConformanceReport {
  target: string;
  seed: number;
  runs: number;
  strict: boolean;
  /** Whether jobs cost in this run (AWS, or --jobs-cost): budgeted and shared. */
  jobsCost: boolean;
  /** The job budget, where jobs cost. */
  maxJobs?: number;
  /** Jobs the run started, as their answers tell. */
  jobsStarted: number;
  /** What the run set out to do, and the bound of every wait. */
  plan: RunPlan;
  /** How many answers carried each error code ("later" ones included). */
  errorsAnswered: Record<string, number>;
  /** The facts of the contract this run did not check, and why (see docs/contract-coverage.md for them all). */
  factsNotChecked: UncheckedFact[];
  durationMs: number;
  requests: number;
  checks: CheckResult[];
  /** The cases the run could not judge, unaccepted: each with why, and what would let it judge. */
  inconclusive: Unjudged[];
  /** What stopped the run before it finished (options.signal): a signal's name (SIGINT), or 'interrupted'. */
  interrupted?: string;
  /** True when the verdict is conformant. */
  conformant: boolean;
  /**
   * not conformant: a finding (also in a run interrupted after it). conformant: every selected
   * check judged every case (skips --accept-skip names aside, and at least one judged).
   * inconclusive: no finding, but a case could not judge (see `inconclusive`), or nothing was
   * judged at all. interrupted: no finding before the run was stopped (see `interrupted`).
   */
  verdict: Verdict;
}

export type Verdict = 'conformant' | 'not conformant' | 'inconclusive' | 'interrupted';

/**
 * The exit status of each verdict, for the CLI and anyone who wraps it. 130, as a shell reports
 * Ctrl-C; the CLI exits 130 for any interrupted run, a finding in it too, since it did not finish.
 */
export const VERDICT_EXIT_CODES: Readonly<Record<Verdict, number>> = {
  conformant: 0,
  'not conformant': 1,
  inconclusive: 3,
  interrupted: 130,
};
