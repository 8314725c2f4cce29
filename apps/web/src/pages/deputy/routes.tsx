import type { RouteObject } from 'react-router';
import type { NavItem } from '../../layout/nav';
import { guarded } from '../../shared/RequireRole';

export const deputyRoutes: RouteObject[] = [
  {
    path: 'ballots/:id/vote',
    lazy: async () => ({
      Component: guarded(['deputy'], (await import('./BallotVote')).BallotVote),
    }),
  },
  {
    path: 'deputy/ballots',
    lazy: async () => ({
      Component: guarded(['deputy'], (await import('./DeputyBallots')).DeputyBallots),
    }),
  },
  {
    path: 'deputy/supervision',
    lazy: async () => ({
      Component: guarded(['deputy'], (await import('./Supervision')).Supervision),
    }),
  },
];

export const deputyNav: NavItem[] = [
  { path: '/deputy/ballots', label: 'deputy:nav.ballots', roles: ['deputy'] },
  { path: '/deputy/supervision', label: 'deputy:nav.supervision', roles: ['deputy'] },
];
