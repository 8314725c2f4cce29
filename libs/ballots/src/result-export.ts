import { toCsv } from '@app/common';
import type { BallotResult, EvaluationBallotResult } from './ballot-count.service.js';

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

const RATINGS: Record<string, string> = {
  satisfied: '满意 satisfied',
  basically_satisfied: '基本满意 basically satisfied',
  unsatisfied: '不满意 unsatisfied',
};

/** A counted ballot's result as CSV (UTF-8 with BOM): one row per item, then the totals. */
export function resultCsv(
  result: BallotResult | EvaluationBallotResult,
  titles: ReadonlyMap<string, string>,
): string {
  return result.kind === 'evaluation'
    ? evaluationCsv(result as EvaluationBallotResult, titles)
    : selectionCsv(result as BallotResult, titles);
}

function evaluationCsv(result: EvaluationBallotResult, titles: ReadonlyMap<string, string>) {
  return toCsv(
    [
      '项目 Project',
      '满意 Satisfied',
      '基本满意 Basically satisfied',
      '不满意 Unsatisfied',
      '弃权 Abstain',
      '满意率 Satisfaction rate',
      '测评结果 Rating',
      '须整改 Rectification',
    ],
    [
      ...result.projects.map((project) => [
        titles.get(project.projectId) ?? project.projectId,
        project.satisfied,
        project.basicallySatisfied,
        project.unsatisfied,
        project.abstain,
        project.satisfactionRate,
        project.rating ? RATINGS[project.rating] : '',
        project.rectificationRequired ? '是 yes' : '否 no',
      ]),
      ['结果 Result', STATUSES[result.status] ?? result.status, null, null, null, null, null, null],
      ['代表总数 Deputies', result.deputyCount, null, null, null, null, null, null],
      ['投票数 Ballots cast', result.ballotsCast, null, null, null, null, null, null],
    ],
  );
}

function selectionCsv(result: BallotResult, titles: ReadonlyMap<string, string>): string {
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
