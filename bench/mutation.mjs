// The mutation score of the conformance oracles: read from the last `npm run mutation` (StrykerJS,
// scripts/mutation.mjs), not run here (the full run takes most of an hour). Its baseline is every
// mutant a test could have caught; the ratio is the score.
import { existsSync, readFileSync, statSync } from 'node:fs';

const REPORT = 'reports/mutation/mutation.json';

export async function mutationRows(row) {
  if (!existsSync(REPORT)) return row('mutation score of the oracles (npm run mutation)', 'not run here', '-', '-');
  const { files } = JSON.parse(readFileSync(REPORT, 'utf8'));
  const mutants = Object.values(files).flatMap((file) => file.mutants);
  const count = (...statuses) => mutants.filter((m) => statuses.includes(m.status)).length;
  const [detected, undetected] = [count('Killed', 'Timeout'), count('Survived', 'NoCoverage')];

  row(
    `mutation score of the oracles (npm run mutation, ${Object.keys(files).length} files, ${statSync(REPORT).mtime.toISOString().slice(0, 10)})`,
    `${detected} of ${detected + undetected} mutants caught, ${count('Survived')} survived, ${count('NoCoverage')} unreached`,
    'every mutant a test could catch',
    `${(detected / (detected + undetected)).toFixed(2)}x`,
  );
}
