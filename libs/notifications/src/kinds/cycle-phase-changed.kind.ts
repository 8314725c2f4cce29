import { EventType } from '@app/outbox';
import type { Bilingual, NotificationKind } from './notification-kind.js';

export const CYCLE_PHASE_CHANGED = EventType.CyclePhaseChanged;

/**
 * What each announced phase means to the public. Phases not listed here (screening,
 * evaluating …) notify nobody. Kept here rather than imported: the notifications lib does not
 * depend on the cycles lib.
 */
const ANNOUNCED: Record<string, { title: Bilingual; body: (cycle: string) => Bilingual }> = {
  collecting: {
    title: { zh: '民生实事建议征集开始', en: 'Proposals are open' },
    body: (cycle) => ({
      zh: `${cycle}开始征集民生实事建议，欢迎提出建议并附议他人的建议。`,
      en: `${cycle} is collecting proposals: propose livelihood projects and support others' proposals.`,
    }),
  },
  balloting: {
    title: { zh: '民生实事进入代表票决', en: 'The deputies are voting' },
    body: (cycle) => ({
      zh: `${cycle}的候选项目已确定，进入人大代表票决阶段。`,
      en: `The candidate list of ${cycle} is settled: the deputies now vote on it.`,
    }),
  },
  implementing: {
    title: { zh: '民生实事项目进入实施', en: 'The projects are under way' },
    body: (cycle) => ({
      zh: `${cycle}的项目已票决产生，进入实施阶段，欢迎关注项目进展。`,
      en: `The projects of ${cycle} have been chosen and are under way: follow their progress.`,
    }),
  },
  closed: {
    title: { zh: '本年度民生实事已结束', en: 'The cycle is closed' },
    body: (cycle) => ({
      zh: `${cycle}已结束，感谢您的参与。`,
      en: `${cycle} is closed. Thank you for taking part.`,
    }),
  },
};

/** A cycle entering a phase the public should hear of: everyone, in the inbox by default. */
export const cyclePhaseChangedKind: NotificationKind = {
  kind: CYCLE_PHASE_CHANGED,
  label: { zh: '年度民生实事阶段变化', en: 'Cycle phase changes' },
  defaults: { email: false, webhook: false },
  recipients: (payload) =>
    Object.hasOwn(ANNOUNCED, String(payload.phase))
      ? { where: 'true', params: [] }
      : { where: 'false', params: [] },
  render: async (payload, manager) => {
    const [cycle] = await manager.query<{ title: string }[]>(
      'SELECT title FROM cycles WHERE id = $1::uuid',
      [payload.cycleId],
    );
    const name = cycle?.title ?? '';
    const link = `/cycles/${String(payload.cycleId)}`;
    const phase = String(payload.phase);
    const announced = Object.hasOwn(ANNOUNCED, phase) ? ANNOUNCED[phase] : undefined;
    if (!announced) {
      return {
        title: { zh: '年度民生实事阶段变化', en: 'The cycle moved on' },
        body: { zh: `${name}进入新阶段。`, en: `${name} moved to ${phase}.` },
        link,
      };
    }
    return { title: announced.title, body: announced.body(name), link };
  },
};
