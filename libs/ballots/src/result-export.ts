import { toCsv } from '@app/common';
import type { BallotResult } from './ballot-count.service.js';

const OUTCOMES: Record<string, string> = {
  selected: '当选 selected',
  not_selected: '未当选 not selected',
  below_threshold: '未过半数 below threshold',
  tied: '票数相同，须复选 tied',
};

const STATUSES: Record<string, string> = {
  final: '有效 final',
  runoff_required: '须复选 runoff required',
  void: '无效（不足法定人数）void',
};

/** A counted ballot's result as CSV (UTF-8 with BOM), one row per candidate, totals on top. */
export function resultCsv(result: BallotResult, titles: ReadonlyMap<string, string>): string {
  const summary = [
    ['结果 Result', STATUSES[result.status] ?? result.status],
    ['代表总数 Deputies', result.deputyCount],
    ['投票数 Ballots cast', result.ballotsCast],
    ['有效票 Valid', result.validBallots],
    ['无效票 Invalid', result.invalidBallots],
    ['当选票数 Threshold', result.threshold],
    ['应选 Seats', result.seats],
    ['空缺 Seats unfilled', result.seatsUnfilled],
  ];
  return toCsv(
    [
      '候选项目 Candidate',
      '赞成 For',
      '不赞成 Against',
      '弃权 Abstain',
      '名次 Rank',
      '结果 Outcome',
    ],
    [
      ...result.candidates.map((candidate) => [
        titles.get(candidate.candidateId) ?? candidate.candidateId,
        candidate.for,
        candidate.against,
        candidate.abstain,
        candidate.rank,
        OUTCOMES[candidate.outcome] ?? candidate.outcome,
      ]),
      ...summary.map(([label, value]) => [label, value, null, null, null, null]),
    ],
  );
}
