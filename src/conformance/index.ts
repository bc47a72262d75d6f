// The conformance suite as a library: run it, or its checks one by one, from your own code.
export { jobPlan, runConformance, type ConformanceOptions } from './runConformance.js';
export {
  type CaseResult,
  type CheckResult,
  type ConformanceReport,
  type Finding,
  type ProgressEvent,
  type RunPlan,
  type Unjudged,
  type Verdict,
  VERDICT_EXIT_CODES,
} from './conformanceReport.js';
export { FINDINGS, FINDING_RULES, type FindingRule } from './findings.js';
export { contractCoverage, contractCoverageMarkdown, type Asserter, type FactRow, type Unchecked } from './contractCoverage.js';
export { factsNotChecked, type UncheckedFact } from './factsNotChecked.js';
export { contractFacts, type ContractFact } from '../contract/facts.js';
export { checks } from './checks/index.js';
export type { Check, CheckCase, CheckContext, SharedJob } from './Check.js';
export { protocolCases, type ProtocolCase, type ProtocolCaseSource } from './protocolCases.js';
export { sdkClientOf } from './sdkClient.js';
export { CheckSkipped } from './CheckSkipped.js';
export { RunInterrupted } from './RunInterrupted.js';
export { SetupError } from './SetupError.js';
export type { JobLedger } from './jobLedger.js';
export type { Target } from './Target.js';
export { embeddedTarget } from './embeddedTarget.js';
export { httpTarget, type HttpTargetOptions } from './httpTarget.js';
export type { Exchange, TargetRequest } from './Exchange.js';
export { ContractViolation } from './ContractViolation.js';
export { UnreachableEndpointError } from './UnreachableEndpointError.js';
export { NoAnswerError } from './NoAnswerError.js';
export { curlCommand } from './curl.js';
export { prettyProgress, prettyReport } from './reporters/prettyReporter.js';
export { junitReport } from './reporters/junitReporter.js';
export { jsonReport } from './reporters/jsonReporter.js';
export { parseS3Url } from './parseS3Url.js';
export { readHar, type Har, type HarEntry, type HarHeader, type HarRequest, type HarResponse } from './har.js';
export {
  replayHar,
  type GradedDifference,
  type ReplayAspect,
  type ReplayDifference,
  type ReplayedEntry,
  type ReplayGrade,
  type ReplayOptions,
  type ReplayReport,
} from './replayHar.js';
export { compareAnswers } from './compareAnswers.js';
export { Conversation, expectAnswer, type RequestKind } from './expectAnswer.js';
export { loadWorld, worldOf, type RecordedObject, type RecordedWorld } from './recordedWorld.js';
export { prettyReplay } from './reporters/replayReporter.js';
