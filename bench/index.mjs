// npm run bench: one table of the package's speed, each figure beside a baseline measured in the
// same run (absolute times on shared machines are noisy; ratios travel better), medians of rounds.
//   bench/conformance.mjs  the conformance suite against the mock and the emulator, fault modes
//   bench/validators.mjs   the validators against a hand-written checker, on a fixed corpus
//   bench/transport.mjs    the msw handlers' round trip; the emulator's requests per second
//   bench/footprint.mjs    the tarball, the cold import, what the light entry points load
//   bench/soak.mjs         memory over a long run: the heap after N starts against after N/10
//   bench/mutation.mjs     the oracles' mutation score, from the last npm run mutation
import { printTable } from './common.mjs';
import { conformanceRows } from './conformance.mjs';
import { validatorRows } from './validators.mjs';
import { transportRows } from './transport.mjs';
import { footprintRows } from './footprint.mjs';
import { soakRows } from './soak.mjs';
import { mutationRows } from './mutation.mjs';

const rows = [];
const row = (...cells) => rows.push(cells);
const started = performance.now();
for (const section of [conformanceRows, mutationRows, validatorRows, transportRows, footprintRows, soakRows]) await section(row);
printTable(rows);
console.log(`(${((performance.now() - started) / 1000).toFixed(0)} s)`);
