/** Look-alikes shown for a title. */
export const MAX_SIMILAR = 5;
/** Considered before statuses are checked, so a withdrawn look-alike leaves room for others. */
export const CONSIDERED = 20;
/** Trigram similarity from which a proposal counts as alike (tuned on Chinese titles). */
export const THRESHOLD = 0.15;
