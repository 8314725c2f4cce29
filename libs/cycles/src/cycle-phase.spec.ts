import { CYCLE_PHASES, isAllowedMove, nextPhase, type CyclePhase } from './cycle-phase.js';

describe('the cycle phase machine', () => {
  it('moves forward through every phase in order, then stops', () => {
    const walked: CyclePhase[] = ['draft'];
    let phase: CyclePhase | null = 'draft';
    while ((phase = nextPhase(phase))) {
      walked.push(phase);
    }
    expect(walked).toEqual([...CYCLE_PHASES]);
    expect(nextPhase('closed')).toBeNull();
  });

  const pairs = CYCLE_PHASES.flatMap((from, i) =>
    CYCLE_PHASES.map((to, j) => ({ from, to, allowed: j === i + 1 })),
  );

  it.each(pairs)('$from → $to allowed: $allowed', ({ from, to, allowed }) => {
    expect(isAllowedMove(from, to)).toBe(allowed);
  });

  it('checks all 49 pairs, exactly 6 of them allowed', () => {
    expect(pairs).toHaveLength(49);
    expect(pairs.filter((pair) => pair.allowed)).toHaveLength(6);
  });
});
