// The contract-coverage matrix: every fact the contract fixes (src/contract/facts.ts, derived from
// the spec), with the checks and cases that assert it, or why no conformance run can. What a
// finished run did not check, read against it, is factsNotChecked.ts.
import { errors, type ErrorName } from '../../generated/contract.js';
import {
  answerContentTypeFactId,
  answerHeaderFactId,
  answerSchemaFactId,
  alwaysPresentFactId,
  behaviourFactId,
  contractFacts,
  echoFactId,
  errorBodyFactId,
  errorStatusFactId,
  idempotencyFactId,
  impliedRuleOf,
  inputMembers,
  limitFactId,
  memberFactId,
  nullFactId,
  PROTOCOL_FACTS,
  type ContractFact,
} from '../contract/facts.js';
import type { OperationName } from '../contract/wire.js';
import { CHECK_NAMES } from './checkNames.js';
import type { CheckContext } from './Check.js';
import { invalidRequestCases, nullMemberCases, uniqueTokens } from './checks/requests.js';
import { protocolCases } from './protocolCases.js';

export type CheckName = (typeof CHECK_NAMES)[number];

/** A check that asserts a fact: in every case of it, or in those named. */
export interface Asserter {
  check: CheckName;
  cases?: readonly string[];
}

/** Where no check asserts a fact, and why. */
export interface Unchecked {
  /** `anywhere`: no conformance run can; `where jobs cost`: runs against AWS or with --jobs-cost cannot. */
  where: 'anywhere' | 'where jobs cost';
  why: string;
}

/** One row of the matrix. */
export interface FactRow {
  fact: ContractFact;
  /** The checks (and cases) that assert it; none where no run can. */
  checkedBy: Asserter[];
  unchecked?: Unchecked;
  /** An error fact: judged on every answer that carries the error, so a run checks it when the endpoint answers it. */
  whenAnswered?: ErrorName;
  /** What a break needs of the endpoint to show (a job with more faces than a page holds), where it needs anything. */
  shows?: string;
  /** Asserted, but no endpoint can break it alone (another rule of the member refuses every value that breaks it): why. */
  implied?: string;
}

const START: OperationName = 'StartFaceDetection';
const GET: OperationName = 'GetFaceDetection';

/** The cases' names as a run makes them (the same where jobs cost, the video aside). */
function caseNames() {
  const context = { jobsCost: false, probeVideo: { Bucket: 'b', Name: 'k' }, uniqueToken: uniqueTokens('') } as Partial<CheckContext>;
  return { invalid: invalidRequestCases(context as CheckContext), nulls: nullMemberCases(context as CheckContext) };
}

/** Every check that sends requests of its own (all of them): what holds every answer's headers and media type. */
const EVERY_CHECK: Asserter[] = CHECK_NAMES.map((check) => ({ check }));
/** The checks that start jobs: where a "later" answer to a start (the job limit) is met. */
const STARTING: Asserter[] = [
  { check: 'positive-acceptance', cases: [START] },
  { check: 'lifecycle' },
  { check: 'idempotency' },
  { check: 'sdk-compatibility', cases: ['valid StartFaceDetection'] },
];
/** The real SDK's valid start. */
const SDK_VALID_START: Asserter = { check: 'sdk-compatibility', cases: ['valid StartFaceDetection'] };
/** The real SDK's invalid requests: each must surface as an exception with status 400. */
const SDK_INVALID: Asserter = { check: 'sdk-compatibility', cases: ['invalid StartFaceDetection', 'invalid GetFaceDetection'] };

/** Where the shared job's answers are read: each is held to the output schema, JobStatus and the echoes. */
const JOB_READERS: Asserter[] = [{ check: 'response-contract' }, { check: 'lifecycle' }, { check: 'pagination' }];

/** The checks whose requests an error answers, where a run meets it. */
const ERROR_ASSERTERS: Record<ErrorName, Asserter[] | Unchecked> = {
  ValidationException: [{ check: 'negative-rejection' }, { check: 'error-contract' }, SDK_INVALID],
  SerializationException: [{ check: 'protocol', cases: ['body not JSON'] }, { check: 'negative-rejection' }],
  UnknownOperationException: [{ check: 'protocol', cases: ['X-Amz-Target missing or unknown'] }],
  InvalidParameterException: [{ check: 'protocol' }, { check: 'negative-rejection' }],
  ResourceNotFoundException: [
    { check: 'unknown-job' },
    { check: 'positive-acceptance', cases: [GET] },
    { check: 'sdk-compatibility', cases: ['GetFaceDetection of an unknown job'] },
  ],
  InvalidPaginationTokenException: [{ check: 'pagination' }],
  IdempotentParameterMismatchException: [{ check: 'idempotency', cases: ['same token, other parameters'] }],
  InvalidS3ObjectException: [{ check: 'positive-acceptance', cases: [START] }],
  LimitExceededException: STARTING,
  ProvisionedThroughputExceededException: [...STARTING, { check: 'negative-rejection' }],
  ThrottlingException: EVERY_CHECK,
  AccessDeniedException: {
    where: 'anywhere',
    why: 'it needs credentials denied the action: the run takes it for its own setup (exit 2), not a finding',
  },
  InternalServerError: { where: 'anywhere', why: 'a correct endpoint answers it only for a fault of its own, which no request can make' },
  VideoTooLargeException: { where: 'anywhere', why: 'it needs a video over 10 GB or 6 hours in the account' },
  MissingAuthenticationTokenException: { where: 'anywhere', why: SIGV4_WHY() },
  IncompleteSignatureException: { where: 'anywhere', why: SIGV4_WHY() },
  InvalidSignatureException: { where: 'anywhere', why: SIGV4_WHY() },
  UnrecognizedClientException: { where: 'anywhere', why: SIGV4_WHY() },
  ExpiredTokenException: { where: 'anywhere', why: SIGV4_WHY() },
};

function SIGV4_WHY(): string {
  return (
    'the run signs every call correctly, and an emulator may leave signatures unchecked; an authentication error ends the run as ' +
    "its setup (exit 2). The package's own tests hold its emulator's SigV4 (test/verifySigV4.test.ts)"
  );
}

/** The rows of the facts no rule below derives: by id. */
function fixedRows(): Record<string, Omit<FactRow, 'fact'>> {
  const protocolOf = (...names: string[]) => [{ check: 'protocol' as const, cases: names }];
  const smithyCases = (pick: (c: (typeof protocolCases)[number]) => boolean) =>
    protocolCases.filter(pick).map((c) => `${c.name} (${c.source.tests[0]})`);
  return {
    [PROTOCOL_FACTS.malformedBody.id]: {
      checkedBy: [{ check: 'protocol', cases: ['body not JSON', ...smithyCases((c) => c.name.startsWith('body '))] }],
    },
    [PROTOCOL_FACTS.unknownTarget.id]: { checkedBy: protocolOf('X-Amz-Target missing or unknown') },
    [PROTOCOL_FACTS.brokenConstraint.id]: { checkedBy: [{ check: 'negative-rejection' }, { check: 'error-contract' }, SDK_INVALID] },
    [PROTOCOL_FACTS.unreadableValue.id]: {
      checkedBy: [
        { check: 'negative-rejection' },
        {
          check: 'protocol',
          cases: smithyCases((c) => c.source.path.includes('malformed-integer') || c.name.includes(' number') || c.name.includes(' array')),
        },
      ],
    },
    [PROTOCOL_FACTS.contentTypeParameters.id]: { checkedBy: protocolOf(...smithyCases((c) => c.contentType !== undefined)) },
    [PROTOCOL_FACTS.codePoints.id]: {
      checkedBy: [{ check: 'positive-acceptance' }, { check: 'protocol', cases: smithyCases((c) => c.source.path.includes('length')) }],
    },
    [PROTOCOL_FACTS.sigv4.id]: { checkedBy: [], unchecked: { where: 'anywhere', why: SIGV4_WHY() } },
    [answerHeaderFactId('x-amzn-RequestId')]: { checkedBy: EVERY_CHECK },
    [answerContentTypeFactId('application/x-amz-json-1.1')]: { checkedBy: EVERY_CHECK },
    [answerSchemaFactId(START)]: {
      checkedBy: [
        { check: 'positive-acceptance', cases: [START] },
        { check: 'lifecycle' },
        { check: 'idempotency' },
        { check: 'response-contract' },
        SDK_VALID_START,
      ],
    },
    [answerSchemaFactId(GET)]: JOB_ROWS(),
    [alwaysPresentFactId(GET, 'JobStatus')]: JOB_ROWS(),
    [echoFactId(GET, 'JobId')]: JOB_ROWS(),
    [echoFactId(GET, 'Video')]: JOB_ROWS(),
    [echoFactId(GET, 'JobTag')]: JOB_ROWS(),
    [idempotencyFactId(START, 'sameTokenSameParameters')]: {
      checkedBy: [
        { check: 'idempotency', cases: ['same token, same parameters'] },
        { check: 'sdk-compatibility', cases: ['valid StartFaceDetection'] },
      ],
    },
    [idempotencyFactId(START, 'sameTokenOtherParameters')]: {
      checkedBy: [{ check: 'idempotency', cases: ['same token, other parameters'] }],
    },
    [idempotencyFactId(START, 'otherToken')]: {
      checkedBy: [{ check: 'idempotency', cases: ['another token'] }],
    },
    [alwaysPresentFactId(START, 'JobId')]: {
      checkedBy: [{ check: 'lifecycle' }, SDK_VALID_START],
    },
    [idempotencyFactId(START, 'noToken')]: {
      checkedBy: [{ check: 'idempotency', cases: ['no token, same parameters'] }],
      unchecked: { where: 'where jobs cost', why: 'a start without a token starts a job each time: two more jobs than the run may spend' },
    },
    [limitFactId(START, 'maxVideoBytes')]: NO_BIG_VIDEO(),
    [limitFactId(START, 'maxVideoDurationMillis')]: NO_BIG_VIDEO(),
    [limitFactId(START, 'videoTooLarge')]: NO_BIG_VIDEO(),
    [limitFactId(START, 'concurrentJobsDefault')]: {
      checkedBy: [],
      unchecked: {
        where: 'anywhere',
        why: "an account's quota may differ from the default: only a limit no running job explains is a finding",
      },
    },
    [limitFactId(START, 'concurrentJobsExceeded')]: {
      checkedBy: STARTING,
      unchecked: {
        where: 'where jobs cost',
        why: "another user's jobs may fill the limit: a LimitExceededException is waited out (its status and body judged), never a finding for the limit itself",
      },
    },
    [limitFactId(GET, 'maxResultsCap')]: {
      checkedBy: [{ check: 'response-contract' }, { check: 'pagination' }],
      shows: 'a break shows on a job with more than 1000 faces (the embedded mock finds 49 on its video)',
    },
    [limitFactId(GET, 'nextTokenMaxLength')]: JOB_ROWS(),
    [behaviourFactId(START, 'completionNotice')]: {
      checkedBy: [],
      unchecked: {
        where: 'anywhere',
        why: "the suite receives no SNS notice (AWS delivers to a topic of the account's); the package's own tests hold the emulator's notices (test/notifications.test.ts)",
      },
    },
    [behaviourFactId(GET, 'jobFinishes')]: { checkedBy: [{ check: 'lifecycle' }, { check: 'pagination' }] },
    [behaviourFactId(GET, 'failedCarriesStatusMessage')]: {
      checkedBy: [{ check: 'lifecycle' }],
      shows: 'a break shows on a job that fails',
    },
    [behaviourFactId(GET, 'facesInTimestampOrder')]: { checkedBy: [{ check: 'lifecycle' }, { check: 'pagination' }] },
    [behaviourFactId(GET, 'everyFaceOnce')]: { checkedBy: [{ check: 'pagination' }] },
    [behaviourFactId(GET, 'pageAtMostMaxResults')]: { checkedBy: [{ check: 'pagination' }, { check: 'response-contract' }] },
    [behaviourFactId(GET, 'foreignNextToken')]: { checkedBy: [{ check: 'pagination' }] },
    [behaviourFactId(GET, 'unknownJob')]: {
      checkedBy: [{ check: 'unknown-job' }, { check: 'sdk-compatibility', cases: ['GetFaceDetection of an unknown job'] }],
    },
  };
}

function JOB_ROWS(): Omit<FactRow, 'fact'> {
  return { checkedBy: JOB_READERS };
}

function NO_BIG_VIDEO(): Omit<FactRow, 'fact'> {
  return { checkedBy: [], unchecked: { where: 'anywhere', why: 'it needs a video over 10 GB or 6 hours in the account' } };
}

let made: readonly FactRow[] | undefined;

/** The matrix: every fact of the contract, in the facts' order, with its row; made once. Throws for a fact without one. */
export function contractCoverage(): readonly FactRow[] {
  made ??= makeContractCoverage();
  return made;
}

function makeContractCoverage(): FactRow[] {
  const { invalid, nulls } = caseNames();
  const fixed = fixedRows();
  return contractFacts().map((fact): FactRow => {
    if (fact.area === 'request member') {
      const breaking = invalid.filter((c) => memberFactId(c.operation, c.member, c.keyword) === fact.id);
      const keyword = breaking[0]?.keyword;
      const member = inputMembers().find((m) => m.operation === breaking[0]?.operation && m.keys.join('.') === breaking[0]?.member);
      const implied = member && keyword ? impliedRuleOf(member, keyword) : undefined;
      // A value at the bound, every character the pattern takes, each enum value: refused by no correct endpoint.
      const validSide = keyword !== undefined && !['required', 'type'].includes(keyword);
      return {
        fact,
        checkedBy: [
          { check: 'negative-rejection', cases: breaking.map((c) => c.name) },
          ...(validSide ? [{ check: 'positive-acceptance' as const, cases: [breaking[0]!.operation] }] : []),
          // The SDK's valid starts: the spec's examples, then any valid start.
          ...(validSide && breaking[0]!.operation === START ? [SDK_VALID_START] : []),
        ],
        ...(implied ? { implied } : {}),
      };
    }
    if (fact.area === 'null member') {
      const name = nulls.find((c) => nullFactId(c.operation, c.member) === fact.id)?.name;
      return { fact, checkedBy: name ? [{ check: 'protocol', cases: [name] }] : [] };
    }
    if (fact.area === 'error') {
      const error = /^error (\w+):/.exec(fact.id)![1] as ErrorName;
      const asserters = ERROR_ASSERTERS[error];
      if (!Array.isArray(asserters)) return { fact, checkedBy: [], unchecked: asserters };
      return { fact, checkedBy: asserters, whenAnswered: error };
    }
    const row = fixed[fact.id];
    if (!row) throw new TypeError(`the contract-coverage matrix has no row for the fact ${JSON.stringify(fact.id)}`);
    return { fact, ...row };
  });
}

// The ids must stay in step with the errors the contract names.
for (const error of Object.keys(errors) as ErrorName[]) {
  if (!(error in ERROR_ASSERTERS)) throw new TypeError(`the contract-coverage matrix does not say which check meets ${error}`);
  void errorStatusFactId(error);
  void errorBodyFactId(error);
}

/** A table cell: pipes escaped, one line. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Who asserts a fact, as the matrix writes it: `protocol (body not JSON; ...)`, or every case of a check. */
function asserterText({ check, cases }: Asserter): string {
  return cases === undefined ? `**${check}**` : `**${check}** (${cases.map((c) => `\`${c}\``).join(', ')})`;
}

/**
 * The matrix as Markdown (docs/contract-coverage.md): every fact, where the spec says it, the
 * checks and cases that assert it or why none can, and the fault modes (`breaks`) that break it,
 * which the self-test proves those checks catch on every seed.
 */
export function contractCoverageMarkdown(modes: Readonly<Record<string, { breaks: readonly string[] }>>): string {
  const rows = contractCoverage();
  const breakers = new Map<string, string[]>();
  for (const [name, mode] of Object.entries(modes))
    for (const fact of mode.breaks) breakers.set(fact, [...(breakers.get(fact) ?? []), name]);
  const never = rows.filter((r) => r.unchecked?.where === 'anywhere');
  const costly = rows.filter((r) => r.unchecked?.where === 'where jobs cost');
  const areas = [...new Set(rows.map((r) => r.fact.area))];
  const lines = [
    '<!-- Generated from the spec (src/contract/facts.ts) and the suite (src/conformance/contractCoverage.ts): do not edit. `npm run docs:coverage` writes it; a test fails when it is stale. -->',
    '# Contract coverage',
    '',
    'Every fact the contract fixes, derived from the spec wherever it can be (its schemas, errors,',
    '`x-aws-*` extensions, and the wire its description states), with the checks of the conformance',
    'suite that assert it, or why no conformance run can; and the fault modes of the in-memory service',
    'that break it. The self-test runs each mode against the checks named for what it breaks, on 20',
    "seeds at `--runs 10`, and demands a catch on every one. A run's report lists the facts that run",
    'did not check, and why.',
    '',
    `**${rows.length} facts**: ${rows.length - never.length} asserted by a named check (${costly.length} of them not where jobs cost), ` +
      `${never.length} that no conformance run can check; ${rows.filter((r) => breakers.has(r.fact.id)).length} broken by a fault mode.`,
    '',
  ];
  for (const area of areas) {
    lines.push(`## ${area[0]!.toUpperCase()}${area.slice(1)} facts`, '', '| fact | checked by | broken by | notes |', '|---|---|---|---|');
    for (const row of rows.filter((r) => r.fact.area === area)) {
      const notes = [
        row.unchecked
          ? `${row.unchecked.where === 'anywhere' ? 'no conformance run can check it' : 'not checked where jobs cost'}: ${row.unchecked.why}`
          : '',
        row.whenAnswered ? `judged on every answer that carries it (a run checks it when the endpoint answers ${row.whenAnswered})` : '',
        row.shows ? `a break ${row.shows.replace(/^a break /, '')}` : '',
        row.implied ? `no mode can break it alone: ${row.implied}` : '',
        `source: \`${row.fact.source}\``,
      ].filter(Boolean);
      lines.push(
        `| **${cell(row.fact.id)}**<br>${cell(row.fact.statement)} | ${cell(row.checkedBy.map(asserterText).join('; ') || '—')} | ${cell(
          (breakers.get(row.fact.id) ?? []).map((m) => `\`${m}\``).join(', ') || '—',
        )} | ${cell(notes.join('. '))} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}
