import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCycles } from '../../shared/cycles';

/** Moves a cycle's list page to the same list of another year. */
export function CycleSwitch({
  cycleId,
  section,
}: {
  cycleId: string;
  section: 'proposals' | 'candidates' | 'projects';
}) {
  const { t } = useTranslation('public');
  const navigate = useNavigate();
  const cycles = useCycles();
  const items = cycles.data?.items ?? [];
  if (items.length < 2) {
    return null;
  }
  return (
    <Select
      aria-label={t('cycle.switch')}
      value={cycleId}
      style={{ minWidth: 220, maxWidth: '100%' }}
      options={[...items]
        .sort((a, b) => b.year - a.year)
        .map((cycle) => ({ value: cycle.id, label: cycle.title }))}
      onChange={(id: string) => void navigate(`/cycles/${id}/${section}`)}
    />
  );
}
