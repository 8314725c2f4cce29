import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';

/** A project with its milestones, inspections and answers: one cache entry for every page. */
export function useProject(id: string | undefined) {
  return useQuery({
    queryKey: ['project', id],
    queryFn: () => unwrap(api.GET('/api/projects/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
}

/** After a change to a project: its detail and every list of its cycle that shows it. */
export function useRefreshProject(project: { id: string; cycleId: string }) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['project', project.id] }),
      queryClient.invalidateQueries({ queryKey: ['projects', project.cycleId] }),
    ]);
}
