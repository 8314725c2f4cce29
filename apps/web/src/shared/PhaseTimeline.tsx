import { Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Phase } from './cycles';

// The public milestones of a cycle: 征集 → 筛选 → 票决 → 实施 → 测评.
const SHOWN: Phase[] = ['collecting', 'screening', 'balloting', 'implementing', 'evaluating'];

export function PhaseTimeline({ phase, compact }: { phase: Phase; compact?: boolean }) {
  const { t } = useTranslation();
  const current = phase === 'draft' ? -1 : phase === 'closed' ? SHOWN.length : SHOWN.indexOf(phase);
  return (
    <Steps
      size={compact ? 'small' : 'default'}
      responsive
      current={current}
      aria-label={t('home.timeline')}
      items={SHOWN.map((step, index) => ({
        title: t(`phases.${step}`),
        status: index < current ? 'finish' : index === current ? 'process' : 'wait',
      }))}
    />
  );
}
