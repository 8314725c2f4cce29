import { Select, Space, Tag, Typography } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cycle } from '../../shared/cycles';

/** Which cycle the page works on; the newest fitting one is chosen unless the user picks another. */
export function CyclePicker({
  cycles,
  value,
  onChange,
}: {
  cycles: Cycle[];
  value: Cycle;
  onChange: (id: string) => void;
}) {
  const { t } = useTranslation('official');
  const id = useId();
  return (
    <Space wrap align="center" style={{ marginBottom: 16 }}>
      <label htmlFor={id}>
        <Typography.Text strong>{t('cycle.label')}</Typography.Text>
      </label>
      <Select
        id={id}
        value={value.id}
        onChange={onChange}
        style={{ minWidth: 240, maxWidth: '100%' }}
        options={[...cycles]
          .sort((a, b) => b.year - a.year)
          .map((cycle) => ({ value: cycle.id, label: cycle.title }))}
      />
      <Tag color="blue">{t('cycle.phase', { phase: t(`common:phases.${value.phase}`) })}</Tag>
    </Space>
  );
}
