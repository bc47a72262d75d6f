// The closest of the names a command knows to one it does not (a flag, a check, a reporter, a
// fault mode): close enough that a slip of the keyboard explains it, as git and npm suggest.
import { distance } from 'fastest-levenshtein';

/** The known name nearest `given`, if a typo could explain the difference; else undefined. */
export function closest(given: string, known: readonly string[]): string | undefined {
  const word = given.toLowerCase();
  // A third of the name may be wrong, and at least two characters of a short one.
  const within = Math.max(2, Math.floor(word.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const d = distance(word, name.toLowerCase());
    if (d <= within && (!best || d < best.distance)) best = { name, distance: d };
  }
  return best?.name;
}

/** ` (did you mean X?)`, or nothing when no known name is close. */
export function didYouMean(given: string, known: readonly string[], prefix = ''): string {
  const name = closest(given, known);
  return name === undefined ? '' : ` (did you mean ${prefix}${name}?)`;
}
