import type { EntityManager } from 'typeorm';
import { SelectionNotSettledError } from './projects.errors.js';

interface BallotRow {
  id: string;
  kind: string;
  status: string;
  parent_ballot_id: string | null;
  result: { status: string; selected: string[] } | null;
}

/**
 * The candidates the deputies finally selected in a cycle: every counted selection ballot's
 * selected, plus what its runoffs selected. Refused while a ballot is uncounted or a tie waits
 * for its runoff, or when nothing was selected. Read by SQL: the ballots lib stays independent.
 */
export async function finalSelection(manager: EntityManager, cycleId: string): Promise<string[]> {
  const ballots = await manager.query<BallotRow[]>(
    `SELECT id, kind, status, parent_ballot_id, result FROM ballots
     WHERE cycle_id = $1 AND kind IN ('selection', 'runoff') ORDER BY created_at, id`,
    [cycleId],
  );
  const uncounted = ballots.filter((ballot) => ballot.status !== 'counted');
  if (uncounted.length > 0) {
    throw new SelectionNotSettledError({
      zh: `还有 ${uncounted.length} 场投票未计票`,
      en: `${uncounted.length} ballots are not counted yet`,
    });
  }
  const settled = new Set(ballots.map((ballot) => ballot.parent_ballot_id).filter(Boolean));
  const waiting = ballots.filter(
    (ballot) => ballot.result?.status === 'runoff_required' && !settled.has(ballot.id),
  );
  if (waiting.length > 0) {
    throw new SelectionNotSettledError({
      zh: '有票数相同的候选项目尚待复选',
      en: 'a tie across the last seat waits for its runoff',
    });
  }
  const selected = [...new Set(ballots.flatMap((ballot) => ballot.result?.selected ?? []))];
  if (selected.length === 0) {
    throw new SelectionNotSettledError({
      zh: '票决尚未选出任何项目',
      en: 'no candidate has been selected by a counted ballot',
    });
  }
  return selected;
}
