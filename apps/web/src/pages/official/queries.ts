import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { currentCycleOf, useCycles, type Cycle, type Phase } from '../../shared/cycles';

export type Proposal = Schemas['ProposalResponse'];
export type Candidate = Schemas['CandidateResponse'];
export type Project = Schemas['ProjectResponse'];
export type ProjectDetail = Schemas['ProjectDetailResponse'];
export type Milestone = Schemas['MilestoneResponse'];
export type Inspection = Schemas['InspectionResponse'];

/** Every page of a paged list: the lists an official works through are short (tens of rows). */
export async function allPages<T>(
  read: (page: number) => Promise<{ items: T[]; total: number; pageSize: number }>,
): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page += 1) {
    const answer = await read(page);
    items.push(...answer.items);
    if (answer.items.length < answer.pageSize || items.length >= answer.total) {
      return items;
    }
  }
}

export function useDepartments() {
  return useQuery({
    queryKey: ['departments'],
    queryFn: () =>
      allPages((page) =>
        unwrap(api.GET('/api/departments', { params: { query: { page, pageSize: 100 } } })),
      ),
    staleTime: 5 * 60_000,
  });
}

/** The cycle in the `cycle` search parameter, else the newest in one of `phases`, else the current one. */
export function useChosenCycle(phases: Phase[]) {
  const cycles = useCycles();
  const [params, setParams] = useSearchParams();
  const items = cycles.data?.items ?? [];
  const wanted = params.get('cycle');
  const newestFirst = [...items].sort((a, b) => b.year - a.year);
  const cycle: Cycle | undefined =
    items.find((item) => item.id === wanted) ??
    newestFirst.find((item) => phases.includes(item.phase)) ??
    currentCycleOf(items);
  const choose = (id: string) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.set('cycle', id);
        return next;
      },
      { replace: true },
    );
  return { cycles, cycle, choose };
}

export function useAcceptedProposals(cycleId: string | undefined) {
  return useQuery({
    queryKey: ['proposals', cycleId, 'accepted', 'all'],
    queryFn: () =>
      allPages((page) =>
        unwrap(
          api.GET('/api/cycles/{id}/proposals', {
            params: { path: { id: cycleId! }, query: { status: 'accepted', page, pageSize: 100 } },
          }),
        ),
      ),
    enabled: !!cycleId,
  });
}

export function useCandidates(cycleId: string | undefined) {
  return useQuery({
    queryKey: ['candidates', cycleId, 'all'],
    queryFn: () =>
      allPages((page) =>
        unwrap(
          api.GET('/api/cycles/{id}/candidates', {
            params: { path: { id: cycleId! }, query: { page, pageSize: 100 } },
          }),
        ),
      ),
    enabled: !!cycleId,
  });
}
