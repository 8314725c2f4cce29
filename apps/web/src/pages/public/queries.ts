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
