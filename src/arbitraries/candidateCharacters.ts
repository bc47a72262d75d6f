// The characters the arbitraries try a string member with: planted where a pattern forbids them,
// gathered where it allows them.

/**
 * The characters a pattern is tried with: every printable ASCII character; controls and the line
 * terminators regex dialects disagree on (Java's `.` stops at U+0085, U+2028 and U+2029; `$` in
 * Python and PCRE matches before a final `\n`); and characters a Unicode-aware or case-folding
 * engine lets through where an ASCII class should not (`é`, `ß`, the Kelvin sign and the long s
 * that fold to `k` and `s`, a fullwidth `ａ` and an Arabic-Indic `١` that Unicode `\w` and `\d`
 * take, a byte-order mark, an astral emoji). Which of them a pattern forbids, the pattern decides.
 */
export const CANDIDATE_CHARACTERS: readonly string[] = [
  ...Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)),
  '\u0000',
  '\t',
  '\n',
  '\u000b',
  '\f',
  '\r',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u2028',
  '\u2029',
  '\ufeff',
  'é',
  'ß',
  '\u0130',
  '\u0131',
  '\u017f',
  '\u212a',
  '\uff41',
  '\u0661',
  '😀',
];
