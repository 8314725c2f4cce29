import type { RouteObject } from 'react-router';
import type { NavItem } from '../../layout/nav';

export const publicRoutes: RouteObject[] = [
  {
    path: 'proposals',
    lazy: async () => ({ Component: (await import('./CurrentCycle')).CurrentProposals }),
  },
  {
    path: 'candidates',
    lazy: async () => ({ Component: (await import('./CurrentCycle')).CurrentCandidates }),
  },
  {
    path: 'projects',
    lazy: async () => ({ Component: (await import('./CurrentCycle')).CurrentProjects }),
  },
  {
    path: 'cycles/:id',
    lazy: async () => ({ Component: (await import('./CyclePage')).CyclePage }),
  },
  {
    path: 'cycles/:id/proposals',
    lazy: async () => ({ Component: (await import('./ProposalList')).ProposalList }),
  },
  {
    path: 'cycles/:id/candidates',
    lazy: async () => ({ Component: (await import('./CandidateList')).CandidateList }),
  },
  {
    path: 'cycles/:id/ballots',
    lazy: async () => ({ Component: (await import('./BallotList')).BallotListPage }),
  },
  {
    path: 'cycles/:id/projects',
    lazy: async () => ({ Component: (await import('./ProjectList')).ProjectList }),
  },
  {
    path: 'proposals/:id',
    lazy: async () => ({ Component: (await import('./ProposalPage')).ProposalPage }),
  },
  {
    path: 'projects/:id',
    lazy: async () => ({ Component: (await import('./ProjectPage')).ProjectPage }),
  },
  {
    path: 'ballots/:id/result',
    lazy: async () => ({ Component: (await import('./BallotResult')).BallotResult }),
  },
  {
    path: 'ballots/:id/bulletin',
    lazy: async () => ({ Component: (await import('./BallotBulletin')).BallotBulletin }),
  },
];

export const publicNav: NavItem[] = [
  { path: '/proposals', label: 'common:nav.proposals' },
  { path: '/candidates', label: 'common:nav.candidates' },
  { path: '/projects', label: 'common:nav.projects' },
];
