import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';

/**
 * Several deputies, searched on the server by name, email or phone (`GET /api/users?role=deputy&q=`),
 * so a roster of hundreds never has to be loaded whole. The names of every deputy a search has
 * shown are kept, so a chosen deputy keeps their label when a later search no longer lists them.
 */
export function DeputySelect({
  id,
  value,
  onChange,
  known,
  ariaLabel,
}: {
  id?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  /** Names of deputies already chosen (for example the current group) */
  known?: { id: string; displayName: string }[];
  ariaLabel?: string;
}) {
  const { t } = useTranslation('secretariat');
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(search.trim()), 300);
    return () => clearTimeout(timer);
  }, [search]);
  const deputies = useQuery({
    queryKey: ['users', 'deputies', debounced],
    queryFn: () =>
      unwrap(
        api.GET('/api/users', {
          params: {
            query: { role: 'deputy', q: debounced || undefined, pageSize: 100 },
          },
        }),
      ),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const [seen, setSeen] = useState(() => new Map<string, string>());
  const [seenFrom, setSeenFrom] = useState(deputies.data);
  if (deputies.data && deputies.data !== seenFrom) {
    // Adjusted while rendering (not in an effect): each answer's names join those seen before.
    setSeenFrom(deputies.data);
    setSeen((before) => {
      const after = new Map(before);
      for (const deputy of deputies.data.items) {
        after.set(
          deputy.id,
          `${deputy.displayName}${deputy.active ? '' : ` (${t('users.inactive')})`}`,
        );
      }
      return after;
    });
  }
  const names = new Map(seen);
  for (const deputy of known ?? []) {
    if (!names.has(deputy.id)) {
      names.set(deputy.id, deputy.displayName);
    }
  }
  const listed = deputies.data?.items.map((deputy) => deputy.id) ?? [];
  // While searching only the matches are offered; the chosen ones stay as tags (labelRender).
  const optionIds = debounced ? listed : [...new Set([...(value ?? []), ...listed])];
  const nameOf = (deputyId: string) => names.get(deputyId) ?? deputyId.slice(0, 8);
  return (
    <Select
      id={id}
      mode="multiple"
      aria-label={ariaLabel}
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      onBlur={() => setSearch('')}
      loading={deputies.isFetching}
      placeholder={t('deputySelect.placeholder')}
      notFoundContent={t('deputySelect.none')}
      labelRender={({ value: deputyId }) => nameOf(String(deputyId))}
      options={optionIds.map((deputyId) => ({ value: deputyId, label: nameOf(deputyId) }))}
      style={{ width: '100%' }}
    />
  );
}
