// JUnit XML for CI: one testsuite, one testcase per check, its cases in its <system-out>. A check
// an interruption left unfinished is skipped (it judged nothing wrong, and did not finish).
import type { CheckResult, ConformanceReport } from '../conformanceReport.js';
import { plural } from '../plural.js';

function xml(text: string): string {
  // Also drop characters XML 1.0 cannot carry at all.
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** The check's cases, one a line: `<case>: <status>, N runs, M requests[, reason]`. */
function systemOut(check: CheckResult): string {
  if (check.cases.length === 0) return '';
  const lines = check.cases.map(
    (c) =>
      `${c.name}: ${c.status}, ${plural(c.runs, 'run')}${c.coverage > 0 ? ` (${c.coverage} coverage, ${c.random} random)` : ''}, ${plural(c.requests, 'request')}${c.reason ? `, ${c.reason}` : ''}`,
  );
  return `\n      <system-out>${xml(lines.join('\n'))}</system-out>`;
}

function property(name: string, value: string | number | boolean): string {
  return `<property name="${xml(name)}" value="${xml(String(value))}"/>`;
}

export function junitReport(report: ConformanceReport): string {
  const failures = report.checks.filter((c) => c.status === 'failed' || c.status === 'inconclusive').length;
  const skipped = report.checks.filter((c) => c.status === 'skipped' || c.status === 'interrupted').length;
  const cases = report.checks.map((check) => {
    const open = `    <testcase classname="conformance" name="${xml(check.name)}" time="${(check.durationMs / 1000).toFixed(3)}">`;
    const out = systemOut(check);
    if (check.status === 'skipped') return `${open}\n      <skipped message="${xml(check.reason ?? '')}"/>${out}\n    </testcase>`;
    if (check.status === 'interrupted')
      return `${open}\n      <skipped message="${xml(check.reason ?? `interrupted (${report.interrupted ?? 'interrupted'})`)}"/>${out}\n    </testcase>`;
    // Not judged, and not accepted: a failure of the run, of its own type, with what would let it judge.
    if (check.status === 'inconclusive') {
      const unjudged = report.inconclusive.filter((u) => u.check === check.name);
      const body = unjudged
        .map(
          (u) =>
            `${u.case ?? u.check}: ${u.reason}${u.remedy ? `\nto judge it: ${u.remedy}` : ''}\nto accept the skip: --accept-skip ${u.accept}`,
        )
        .join('\n');
      return `${open}\n      <failure message="${xml(`inconclusive: ${check.reason ?? ''}`)}" type="Inconclusive">${xml(body)}</failure>${out}\n    </testcase>`;
    }
    if (check.status === 'passed') return out ? `${open}${out}\n    </testcase>` : `${open}</testcase>`;
    const f = check.finding!;
    const body = [
      `oracle: ${check.oracle}`,
      `counterexample${f.phase === 'coverage' ? ' (a boundary value of the coverage)' : ''}: ${JSON.stringify(f.counterexample)}`,
      `replay: face-detection-contract conformance ${f.replay}`,
      f.curl ? `reproduce:\n${f.curl}` : '',
    ]
      .filter(Boolean)
      .join('\n');
    return `${open}\n      <failure message="${xml(f.message)}" type="ContractViolation">${xml(body)}</failure>${out}\n    </testcase>`;
  });
  // Nothing judged at all (every skip accepted, or no case selected): no check failed, yet no verdict of conformance.
  if (report.verdict === 'inconclusive' && report.inconclusive.length === 0)
    cases.push(
      `    <testcase classname="conformance" name="verdict" time="0.000">\n      <failure message="inconclusive: no check judged anything" type="Inconclusive"/>\n    </testcase>`,
    );
  const properties = [
    property('verdict', report.verdict),
    ...(report.interrupted !== undefined ? [property('interrupted', report.interrupted)] : []),
    property('seed', report.seed),
    property('runs', report.runs),
    property('strict', report.strict),
    property('jobsCost', report.jobsCost),
    property('jobsStarted', report.jobsStarted),
    property('coverageRuns', report.plan.coverageRuns),
    property('factsNotChecked', report.factsNotChecked.length),
    ...(report.maxJobs !== undefined ? [property('maxJobs', report.maxJobs)] : []),
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="rekognition-face-detection-contract conformance" tests="${report.checks.length}" failures="${failures}" skipped="${skipped}" time="${(report.durationMs / 1000).toFixed(3)}">`,
    `  <testsuite name="${xml(`conformance of ${report.target}`)}" tests="${report.checks.length}" failures="${failures}" skipped="${skipped}" time="${(report.durationMs / 1000).toFixed(3)}">`,
    `    <properties>${properties.join('')}</properties>`,
    ...cases,
    ...(report.factsNotChecked.length > 0
      ? [
          `    <system-out>${xml(`facts of the contract not checked in this run:\n${report.factsNotChecked.map((f) => `${f.fact}: ${f.why}`).join('\n')}`)}</system-out>`,
        ]
      : []),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
