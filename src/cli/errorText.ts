// An error as the CLI prints it: one line, its causes included, control characters escaped.
/** Control characters escaped: a value echoed in a message keeps it on one line. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
export const oneLine = (text: string) => text.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));

/** An error as one line: its message, then each cause's that the message does not already hold. */
export function errorText(error: unknown): string {
  const parts: string[] = [];
  for (let e = error, depth = 0; e !== undefined && e !== null && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    // A failed connection to a name with several addresses is an AggregateError without a message.
    const text =
      e instanceof AggregateError && !e.message ? e.errors.map(errorText).join('; ') : e instanceof Error ? e.message || e.name : String(e);
    if (!parts.some((part) => part.includes(text))) parts.push(text);
  }
  return oneLine(parts.join(': '));
}
