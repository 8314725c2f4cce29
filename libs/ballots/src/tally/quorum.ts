/** 三分之二以上: at least two thirds of all deputies must cast a ballot. */
export const DEFAULT_QUORUM = 2 / 3;

// Far below 1/deputyCount for any real assembly, far above the rounding error of quorum × count.
const EPSILON = 1e-9;

function assertDeputyCount(deputyCount: number): void {
  if (!Number.isInteger(deputyCount) || deputyCount < 1) {
    throw new RangeError(`deputyCount must be a positive integer, got ${deputyCount}`);
  }
}

/** The least number of ballots cast that reaches the quorum (inclusive: exactly 2/3 is enough). */
export function quorumRequired(deputyCount: number, quorum: number): number {
  assertDeputyCount(deputyCount);
  if (!(quorum > 0 && quorum <= 1)) {
    throw new RangeError(`quorum must be a fraction in (0, 1], got ${quorum}`);
  }
  // Without the epsilon, 2/3 × 300 may land a hair above 200 and demand 201.
  return Math.max(1, Math.ceil(quorum * deputyCount - EPSILON));
}

/** More than half of ALL deputies, not of those voting: 2 × for > deputyCount. */
export function threshold(deputyCount: number): number {
  assertDeputyCount(deputyCount);
  return Math.floor(deputyCount / 2) + 1;
}
