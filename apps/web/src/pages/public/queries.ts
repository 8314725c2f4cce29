import { useQueries, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

export function useProposal(id: string | undefined) {
  return useQuery({
    queryKey: ['proposal', id],
    queryFn: () => unwrap(api.GET('/api/proposals/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
}

const candidateQuery = (id: string) => ({
  queryKey: ['candidate', id],
  queryFn: () => unwrap(api.GET('/api/candidates/{id}', { params: { path: { id } } })),
  staleTime: 5 * 60_000,
});

const proposalQuery = (id: string) => ({
  queryKey: ['proposal', id],
  queryFn: () => unwrap(api.GET('/api/proposals/{id}', { params: { path: { id } } })),
});

/** Titles by id, one request each: for the few proposals and candidates a page links to. */
export function useTitles(kind: 'candidate' | 'proposal', ids: string[]) {
  const query = kind === 'candidate' ? candidateQuery : proposalQuery;
  return useQueries({
    queries: ids.map((id) => query(id)),
    combine: (results) => {
      const titles = new Map<string, string>();
      results.forEach((result) => {
        if (result.data) {
          titles.set(result.data.id, result.data.title);
        }
      });
      return { titles, pending: results.some((result) => result.isPending) };
    },
  });
}

/**
 * The titles of a cycle's candidates or projects, from the cycle's public list in one request:
 * a result or a bulletin names them by id only (and the ballot, which lists titles, is for
 * signed-in users).
 */
export function useCycleItemTitles(kind: 'candidate' | 'project', cycleId: string | undefined) {
  const titles = useQuery({
    queryKey: ['cycle', cycleId, kind, 'titles'],
    queryFn: async () => {
      const params = { path: { id: cycleId! }, query: { pageSize: 100 } };
      const page =
        kind === 'candidate'
          ? await unwrap(api.GET('/api/cycles/{id}/candidates', { params }))
          : await unwrap(api.GET('/api/cycles/{id}/projects', { params }));
      return new Map<string, string>(page.items.map((item) => [item.id, item.title]));
    },
    enabled: !!cycleId,
    staleTime: 5 * 60_000,
  });
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
