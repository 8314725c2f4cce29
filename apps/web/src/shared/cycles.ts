import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';

export type Cycle = Schemas['CycleResponse'];
export type Phase = Cycle['phase'];

export const PHASES: Phase[] = [
  'draft',
  'collecting',
  'screening',
  'balloting',
  'implementing',
  'evaluating',
  'closed',
];

export function useCycles() {
  return useQuery({
    queryKey: ['cycles'],
    queryFn: () => unwrap(api.GET('/api/cycles', { params: { query: { pageSize: 100 } } })),
  });
}

/** The cycle people care about now: the newest one past draft, else the newest. */
export function currentCycleOf(cycles: Cycle[]): Cycle | undefined {
  const newestFirst = [...cycles].sort((a, b) => b.year - a.year);
  return newestFirst.find((cycle) => cycle.phase !== 'draft') ?? newestFirst[0];
}

export function useCycle(id: string | undefined) {
  return useQuery({
    queryKey: ['cycle', id],
    queryFn: () => unwrap(api.GET('/api/cycles/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
}
