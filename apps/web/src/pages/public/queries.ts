import { useQueries, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

export function useProposal(id: string | undefined) {
  return useQuery({
    queryKey: ['proposal', id],
    queryFn: () => unwrap(api.GET('/api/proposals/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
}

export function useProject(id: string | undefined) {
  return useQuery({
    queryKey: ['project', id],
    queryFn: () => unwrap(api.GET('/api/projects/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
}

const candidateQuery = (id: string) => ({
  queryKey: ['candidate', id],
  queryFn: () => unwrap(api.GET('/api/candidates/{id}', { params: { path: { id } } })),
  staleTime: 5 * 60_000,
});

const projectQuery = (id: string) => ({
  queryKey: ['project', id],
  queryFn: () => unwrap(api.GET('/api/projects/{id}', { params: { path: { id } } })),
});

const proposalQuery = (id: string) => ({
  queryKey: ['proposal', id],
  queryFn: () => unwrap(api.GET('/api/proposals/{id}', { params: { path: { id } } })),
});

/**
 * Titles by id, one request each: a result or a bulletin names candidates and projects by id
 * only, and the ballot itself (which lists titles) is for signed-in users.
 */
export function useTitles(kind: 'candidate' | 'project' | 'proposal', ids: string[]) {
  const query =
    kind === 'candidate' ? candidateQuery : kind === 'project' ? projectQuery : proposalQuery;
  return useQueries({
    queries: ids.map((id) => query(id)),
    combine: (results) => {
      const titles = new Map<string, string>();
      let cycleId: string | undefined;
      results.forEach((result) => {
        if (result.data) {
          titles.set(result.data.id, result.data.title);
          cycleId ??= result.data.cycleId;
        }
      });
      return { titles, cycleId, pending: results.some((result) => result.isPending) };
    },
  });
}
