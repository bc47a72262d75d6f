import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { main } from '../src/cli.js';
import { startRealisticEndpoint } from './realistic-endpoint.js';
it('figures', async () => {
  const endpoint = await startRealisticEndpoint({});
  let out = '';
  const t0 = Date.now();
  const code = await main(['conformance', '--endpoint', endpoint.url, '--safe', '--video', 's3://realistic-videos/meeting.mp4', '--max-jobs', '2', '--seed', '20261130'], { out: (t) => (out += t), err: (t) => (out += t), read: () => '' });
  const answers = endpoint.answers;
  const by = (e: string) => answers.filter((a) => a.error === e).length;
  out += `\nexit ${code}; ${Date.now() - t0} ms; endpoint counted ${endpoint.jobsStarted} jobs started; ${answers.length} answers, ${by('ThrottlingException')} ThrottlingException, ${by('ProvisionedThroughputExceededException')} ProvisionedThroughputExceededException, ${by('LimitExceededException')} LimitExceededException\n`;
  writeFileSync('/tmp/realistic-figures2.txt', out);
  await endpoint.close();
}, 900_000);
