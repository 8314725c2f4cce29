import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';

// A cycle has a dozen candidates or projects or so: one page of 100 holds them all, and every
// page that needs them shares one cache entry per cycle.
const WHOLE_LIST = { pageSize: 100 };

const candidatesQuery = (cycleId: string | undefined) => ({
  queryKey: ['candidates', cycleId],
  queryFn: () =>
    unwrap(
      api.GET('/api/cycles/{id}/candidates', {
        params: { path: { id: cycleId! }, query: WHOLE_LIST },
      }),
    ),
});

const projectsQuery = (cycleId: string | undefined) => ({
  queryKey: ['projects', cycleId],
  queryFn: () =>
    unwrap(
      api.GET('/api/cycles/{id}/projects', {
        params: { path: { id: cycleId! }, query: WHOLE_LIST },
      }),
    ),
});

export function useCycleCandidates(cycleId: string | undefined, enabled = true) {
  return useQuery({ ...candidatesQuery(cycleId), enabled: !!cycleId && enabled });
}

export function useCycleProjects(cycleId: string | undefined, enabled = true) {
  return useQuery({ ...projectsQuery(cycleId), enabled: !!cycleId && enabled });
}

const titlesOf = (page: { items: { id: string; title: string }[] }) =>
  new Map(page.items.map((item) => [item.id, item.title]));

/**
 * The titles of a cycle's candidates or projects: a result or a bulletin names them by id only
 * (and the ballot, which lists titles, is for signed-in users).
 */
export function useCycleItemTitles(kind: 'candidate' | 'project', cycleId: string | undefined) {
  const candidates = useQuery({
    ...candidatesQuery(cycleId),
    select: titlesOf,
    enabled: !!cycleId && kind === 'candidate',
  });
  const projects = useQuery({
    ...projectsQuery(cycleId),
    select: titlesOf,
    enabled: !!cycleId && kind === 'project',
  });
  const titles = kind === 'candidate' ? candidates : projects;
  return { titles: titles.data ?? new Map<string, string>(), pending: titles.isPending };
}

/** A counted ballot's result (public); before the count the API answers 409. */
export function useBallotResult(id: string | undefined) {
  return useQuery({
    queryKey: ['ballot', id, 'result'],
    queryFn: () => unwrap(api.GET('/api/ballots/{id}/result', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
}
