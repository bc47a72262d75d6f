// JUnit XML for CI: one testsuite, one testcase per check.
import type { ConformanceReport } from '../runConformance.js';

function xml(text: string): string {
  // Also drop characters XML 1.0 cannot carry at all.
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export function junitReport(report: ConformanceReport): string {
  const failures = report.checks.filter((c) => c.status === 'failed').length;
  const skipped = report.checks.filter((c) => c.status === 'skipped').length;
  const cases = report.checks.map((check) => {
    const open = `    <testcase classname="conformance" name="${xml(check.name)}" time="${(check.durationMs / 1000).toFixed(3)}">`;
    if (check.status === 'skipped') return `${open}\n      <skipped message="${xml(check.reason ?? '')}"/>\n    </testcase>`;
    if (check.status === 'passed') return `${open}</testcase>`;
    const f = check.finding!;
    const body = [`oracle: ${check.oracle}`, `counterexample: ${JSON.stringify(f.counterexample)}`, `replay: face-detection-contract conformance ${f.replay}`, f.curl ? `reproduce:\n${f.curl}` : '']
      .filter(Boolean)
      .join('\n');
    return `${open}\n      <failure message="${xml(f.message)}" type="ContractViolation">${xml(body)}</failure>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="rekognition-face-detection-contract conformance" tests="${report.checks.length}" failures="${failures}" skipped="${skipped}" time="${(report.durationMs / 1000).toFixed(3)}">`,
    `  <testsuite name="${xml(`conformance of ${report.target}`)}" tests="${report.checks.length}" failures="${failures}" skipped="${skipped}" time="${(report.durationMs / 1000).toFixed(3)}">`,
    `    <properties><property name="seed" value="${report.seed}"/><property name="runs" value="${report.runs}"/><property name="strict" value="${report.strict}"/></properties>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
