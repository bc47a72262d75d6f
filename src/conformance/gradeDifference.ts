// How much a difference between a recorded and a replayed answer matters, judged by the suite's
// own oracles: `contract` when either answer breaks the contract for its request, or when the two
// differ on what the contract fixes given the same world; `world` when both keep it and the
// difference follows only from another world (which objects exist, what a job found, which tokens
// were used before); `choice` when both keep it otherwise (ValidationException or
// InvalidParameterException, a message's wording).
import { CheckSkipped } from './CheckSkipped.js';
import type { ReplayDifference } from './compareAnswers.js';
import { ContractViolation } from './ContractViolation.js';
import type { Exchange } from './Exchange.js';
import { codeOf } from './Exchange.js';
import { expectAnswer, requestKindOf, type Conversation, type RequestKind } from './expectAnswer.js';
import { SetupError } from './SetupError.js';

export type ReplayGrade = 'contract' | 'choice' | 'world';

/** One answer as the oracles judge it: what its request is, and how it breaks the contract if it does. */
export interface Judgement {
  kind: RequestKind;
  /** How it breaks the contract (`message (rule)`), and the finding's rule. */
  broken?: string;
  rule?: string;
}

/** The oracles' judgement of one answer in its conversation, which it then joins (its job, its NextToken). */
export function judge(exchange: Exchange, conversation: Conversation): Judgement {
  const kind = requestKindOf(exchange.request, conversation);
  try {
    expectAnswer(exchange, conversation, kind);
    return { kind };
  } catch (error) {
    if (error instanceof ContractViolation) return { kind, broken: `${error.message} (${error.rule})`, rule: error.rule };
    // Denied to these credentials: says nothing of the contract.
    if (error instanceof CheckSkipped || error instanceof SetupError) return { kind };
    throw error;
  } finally {
    conversation.observe(exchange);
  }
}

/** What a start may be answered depending on which objects exist and what they are. */
const OBJECT_OUTCOMES = new Set(['(none)', 'InvalidS3ObjectException', 'VideoTooLargeException']);

/**
 * The grade of a difference between two answers to one request, and why. `worldLoaded`: the
 * replay's endpoint holds the recording's world (its objects and what its jobs found), so what
 * follows from the world is fixed too.
 */
export function gradeOf(
  difference: ReplayDifference,
  { recorded, replayed }: { recorded: Judgement; replayed: Judgement },
  answers: { recorded: Exchange; replayed: Exchange },
  worldLoaded: boolean,
): { grade: ReplayGrade; why: string } {
  // Wording, between answers that keep the contract or break the same rule of it: the contract fixes none of it.
  if (difference.aspect === 'message' && replayed.rule === recorded.rule) return { grade: 'choice', why: 'the contract fixes no wording' };
  if (replayed.broken) return { grade: 'contract', why: `the replayed answer breaks the contract: ${replayed.broken}` };
  if (recorded.broken)
    return { grade: 'contract', why: `the recorded answer breaks the contract (${recorded.broken}); the replayed one keeps it` };
  const codes = [codeOf(answers.recorded) ?? '(none)', codeOf(answers.replayed) ?? '(none)'];
  if (replayed.kind === 'valid start' && codes.includes('AccessDeniedException'))
    return { grade: 'world', why: 'the credentials may read the object at one endpoint and not at the other' };
  if (replayed.kind === 'valid start' && codes.every((code) => OBJECT_OUTCOMES.has(code))) {
    return worldLoaded
      ? { grade: 'contract', why: "with the recording's objects loaded, a start on the same object is answered alike" }
      : { grade: 'world', why: 'the object exists at one endpoint and not at the other' };
  }
  if (replayed.kind === 'valid start' && codes.includes('IdempotentParameterMismatchException'))
    return { grade: 'world', why: 'the ClientRequestToken was used before, with other parameters, at one endpoint only' };
  if (replayed.kind === 'valid get of a started job' && difference.aspect === 'NextToken') {
    return worldLoaded
      ? { grade: 'contract', why: "with the recorded job's faces loaded, the same page of the same faces ends alike" }
      : { grade: 'world', why: 'the jobs found other faces' };
  }
  return { grade: 'choice', why: 'both answers keep the contract for this request' };
}
