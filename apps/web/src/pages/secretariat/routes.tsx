import type { RouteObject } from 'react-router';
import type { Role } from '../../auth/session';
import type { NavItem } from '../../layout/nav';
import { guarded } from '../../shared/RequireRole';

// The API lets an admin do everything the secretariat may.
const DESK: Role[] = ['secretariat', 'admin'];

export const secretariatRoutes: RouteObject[] = [
  {
    path: 'secretariat',
    lazy: async () => ({ Component: guarded(DESK, (await import('./Desk')).Desk) }),
  },
  {
    path: 'secretariat/cycles',
    lazy: async () => ({ Component: guarded(DESK, (await import('./Cycles')).Cycles) }),
  },
  {
    path: 'secretariat/cycles/:id/ballots',
    lazy: async () => ({
      Component: guarded(DESK, (await import('./CycleBallots')).CycleBallots),
    }),
  },
  {
    path: 'secretariat/ballots/:id',
    lazy: async () => ({
      Component: guarded(DESK, (await import('./BallotRoom')).BallotRoom),
    }),
  },
  {
    path: 'secretariat/users',
    lazy: async () => ({ Component: guarded(DESK, (await import('./Users')).Users) }),
  },
  {
    path: 'secretariat/projects',
    lazy: async () => ({
      Component: guarded(DESK, (await import('./Supervision')).Supervision),
    }),
  },
  {
    path: 'secretariat/audit',
    lazy: async () => ({ Component: guarded(DESK, (await import('./Audit')).Audit) }),
  },
];

export const secretariatNav: NavItem[] = [
  { path: '/secretariat', label: 'secretariat:nav.desk', roles: DESK },
];
