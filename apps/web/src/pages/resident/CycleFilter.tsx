import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Cycle } from '../../shared/cycles';

/** A select of "every cycle" or one of them, newest first. */
export function CycleFilter({
  cycles,
  value,
  onChange,
}: {
  cycles: Cycle[];
  value: string | undefined;
  onChange: (cycleId: string | undefined) => void;
}) {
  const { t } = useTranslation('resident');
  const ALL = 'all';
  return (
    <Select
      aria-label={t('cycleFilter.label')}
      value={value ?? ALL}
      onChange={(next: string) => onChange(next === ALL ? undefined : next)}
      style={{ minWidth: 220 }}
      size="large"
      options={[
        { value: ALL, label: t('cycleFilter.all') },
        ...[...cycles]
          .sort((a, b) => b.year - a.year)
          .map((cycle) => ({ value: cycle.id, label: cycle.title })),
      ]}
    />
  );
}
