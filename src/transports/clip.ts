// Shortens a client's text before a log line or an error message echoes it, so that a hostile
// request cannot make either as long as it likes.

/** `text` cut to `max` characters, `…` marking the cut. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
