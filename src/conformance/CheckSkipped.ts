/**
 * Thrown by a check that cannot judge (no video, no budget, nothing to page, "later" answers that
 * never ended): the case is skipped with this reason, never passed, and the run is inconclusive
 * unless the skip is accepted (--accept-skip).
 */
export class CheckSkipped extends Error {
  override readonly name = 'CheckSkipped';
  constructor(
    message: string,
    /** What would let the check judge: a video with faces, a larger --max-jobs. */
    readonly remedy?: string,
  ) {
    super(message);
  }
}
