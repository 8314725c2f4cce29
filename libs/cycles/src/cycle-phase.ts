/** The phases of a cycle, in the only order they may be passed through. */
export const CYCLE_PHASES = [
  'draft',
  'collecting',
  'screening',
  'balloting',
  'implementing',
  'evaluating',
  'closed',
] as const;

export type CyclePhase = (typeof CYCLE_PHASES)[number];

export const PHASE_NAMES: Record<CyclePhase, { zh: string; en: string }> = {
  draft: { zh: '筹备', en: 'draft' },
  collecting: { zh: '征集', en: 'collecting' },
  screening: { zh: '筛选', en: 'screening' },
  balloting: { zh: '票决', en: 'balloting' },
  implementing: { zh: '实施', en: 'implementing' },
  evaluating: { zh: '测评', en: 'evaluating' },
  closed: { zh: '结束', en: 'closed' },
};

/** The phase after `phase`, or null once closed. */
export function nextPhase(phase: CyclePhase): CyclePhase | null {
  const index = CYCLE_PHASES.indexOf(phase);
  return index < CYCLE_PHASES.length - 1 ? CYCLE_PHASES[index + 1] : null;
}

/** A cycle moves forward one phase at a time: never back, never skipping one. */
export function isAllowedMove(from: CyclePhase, to: CyclePhase): boolean {
  return nextPhase(from) === to;
}
