/** `1 run`, `2 runs`: a count with its noun, for every line a person reads. */
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
