// The mutation run of the conformance oracles (StrykerJS, mutation/stryker.config.mjs): mutates the
// checks and the expectations, runs the self-test against each mutant, then prints the mutation
// score and every mutant the self-test let through, and exits 1 when the score is below --break.
//
//   npm run mutation                          every mutant of the checks and the expectations, the self-test on 1 seed
//   npm run mutation -- --short               CI's form: the error and refusal oracles of src/conformance/expectations.ts
//   npm run mutation -- --break 70            exit 1 below a score of 70
//   npm run mutation -- --mutate src/conformance/checks/protocol.ts   one file (or glob, or file:lines)
//   npm run mutation -- --seeds 20 --concurrency 1   the self-test's own 20 seeds (slower: survivors run every seed)
//   npm run mutation -- --report              the table of the last run's report, without running
//
// The same from the environment: MUTATION_SHORT=1, MUTATION_BREAK, SELFTEST_SEEDS, MUTATION_CONCURRENCY.
// The reports (clear text on stdout, JSON in reports/mutation/mutation.json) are git-ignored.
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const USAGE = `usage: npm run mutation -- [--short] [--break SCORE] [--mutate GLOB]... [--seeds N] [--concurrency N] [--report]`;
const REPORT = 'reports/mutation/mutation.json';
/**
 * CI's form, a few minutes on two cores: the error and refusal oracles every check judges an error
 * answer by (expectErrorContract, expectLaterAnswer, expectRefusal). The full run mutates the rest.
 */
const SHORT = { mutate: ['src/conformance/expectations.ts:70-125'] };
/**
 * The self-test's seeds in a mutation run: 1, not its 20. Its coverage (every boundary value) is the
 * same on every seed, and each mode is caught by reason (test/selftestCatches.mjs); more seeds only
 * make each surviving mutant slower to run out.
 */
const SEEDS = '1';

function options() {
  try {
    return parseArgs({
      options: {
        short: { type: 'boolean' },
        break: { type: 'string' },
        mutate: { type: 'string', multiple: true },
        seeds: { type: 'string' },
        concurrency: { type: 'string' },
        report: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    console.error(`${error.message}\n${USAGE}`);
    process.exit(2);
  }
}

/** A number flag or variable, or an exit 2 naming it. */
function numberOf(name, text, { min, max }) {
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || value > max) {
    console.error(`${name} must be a number from ${min} to ${max}, not ${JSON.stringify(text)}\n${USAGE}`);
    process.exit(2);
  }
  return value;
}

/** Killed and timed-out mutants over every mutant a test could have caught (Stryker's score: compile and runtime errors, ignored ones, do not count). */
function scoreOf(mutants) {
  const count = (...statuses) => mutants.filter((m) => statuses.includes(m.status)).length;
  const detected = count('Killed', 'Timeout');
  const undetected = count('Survived', 'NoCoverage');
  return {
    score: detected + undetected === 0 ? Number.NaN : (100 * detected) / (detected + undetected),
    detected,
    undetected,
    counts: Object.fromEntries(
      [...new Set(mutants.map((m) => m.status))].sort().map((status) => [status, mutants.filter((m) => m.status === status).length]),
    ),
  };
}

/** The source a mutant replaced (1-based lines and columns, end exclusive), on one line. */
function originalOf(source, { start, end }) {
  const lines = source.split('\n');
  const text =
    start.line === end.line
      ? lines[start.line - 1].slice(start.column - 1, end.column - 1)
      : [
          lines[start.line - 1].slice(start.column - 1),
          ...lines.slice(start.line, end.line - 1),
          lines[end.line - 1].slice(0, end.column - 1),
        ].join('\n');
  return text;
}

const oneLine = (text, max = 60) => {
  const flat = text.replace(/\s*\n\s*/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** The report's mutants, each with its file, and the table of those no test caught. */
function summarize(report) {
  const mutants = Object.entries(report.files).flatMap(([file, { source, mutants }]) =>
    mutants.map((mutant) => ({ ...mutant, file: relative(process.cwd(), file) || file, source })),
  );
  const rows = mutants
    .filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
    .sort(
      (a, b) =>
        a.file.localeCompare(b.file) || a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column,
    )
    .map((m) => [
      `${m.file}:${m.location.start.line}`,
      m.status === 'NoCoverage' ? `${m.mutatorName} (no test reaches it)` : m.mutatorName,
      `${oneLine(originalOf(m.source, m.location))} → ${oneLine(m.replacement ?? '')}`,
    ]);
  return { mutants, rows };
}

function printTable(rows) {
  const header = ['where', 'mutator', 'original → replacement'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

const flags = options();
if (flags.help) {
  console.log(USAGE);
  process.exit(0);
}
const short = flags.short || process.env.MUTATION_SHORT === '1';
const threshold = numberOf('--break (MUTATION_BREAK)', flags.break ?? process.env.MUTATION_BREAK, { min: 0, max: 100 });
const concurrency = numberOf('--concurrency (MUTATION_CONCURRENCY)', flags.concurrency ?? process.env.MUTATION_CONCURRENCY, {
  min: 1,
  max: 64,
});
const seeds = numberOf('--seeds (SELFTEST_SEEDS)', flags.seeds ?? process.env.SELFTEST_SEEDS ?? SEEDS, {
  min: 1,
  max: 100,
});

const started = Date.now();
if (!flags.report) {
  // The self-test (test/selftest.ts) reads its seeds from the environment, in each test runner Stryker starts.
  process.env.SELFTEST_SEEDS = String(seeds);
  const mutate = flags.mutate ?? (short ? SHORT.mutate : undefined);
  console.log(
    `mutation run: ${mutate ? mutate.join(', ') : 'every oracle (mutation/stryker.config.mjs)'}, the self-test on ${seeds} seed(s)`,
  );
  const { Stryker } = await import('@stryker-mutator/core');
  const stryker = new Stryker({
    configFile: 'mutation/stryker.config.mjs',
    ...(mutate ? { mutate } : {}),
    ...(concurrency ? { concurrency } : {}),
    // A progress bar on a terminal, a line now and then in CI's log.
    reporters: ['clear-text', 'json', process.stdout.isTTY ? 'progress' : 'progress-append-only'],
  });
  await stryker.runMutationTest();
}

if (!existsSync(REPORT)) {
  console.error(`no report at ${REPORT}: the run did not finish`);
  process.exit(2);
}
const { mutants, rows } = summarize(JSON.parse(readFileSync(REPORT, 'utf8')));
const { score, detected, undetected, counts } = scoreOf(mutants);
console.log(`\n${rows.length} mutant(s) the self-test let through:`);
if (rows.length > 0) printTable(rows);
console.log(
  `\nmutation score ${score.toFixed(2)}%: ${detected} of ${detected + undetected} mutants caught (${Object.entries(counts)
    .map(([status, n]) => `${status} ${n}`)
    .join(', ')})${flags.report ? '' : `, in ${Math.round((Date.now() - started) / 1000)} s`}; ${REPORT}`,
);
if (threshold !== undefined && !(score >= threshold)) {
  console.error(`the mutation score ${score.toFixed(2)}% is below --break ${threshold}`);
  process.exit(1);
}
