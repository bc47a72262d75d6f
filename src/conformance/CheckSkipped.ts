/** Thrown by a check that cannot check (no video, no budget, nothing to page): the case is skipped with this reason, never passed. */
export class CheckSkipped extends Error {
  override readonly name = 'CheckSkipped';
}
