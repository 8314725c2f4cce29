import type { RouteObject } from 'react-router';
import type { Role } from '../../auth/session';
import type { NavItem } from '../../layout/nav';
import { guarded } from '../../shared/RequireRole';

// The API lets the secretariat (and an admin) screen proposals and draft candidates too;
// only officials of the lead department work on projects.
const SCREENERS: Role[] = ['official', 'secretariat', 'admin'];
const OFFICIALS: Role[] = ['official'];

export const officialRoutes: RouteObject[] = [
  {
    path: 'official/screening',
    lazy: async () => ({
      Component: guarded(SCREENERS, (await import('./Screening')).Screening),
    }),
  },
  {
    path: 'official/candidates',
    lazy: async () => ({
      Component: guarded(SCREENERS, (await import('./CandidateBuilder')).CandidateBuilder),
    }),
  },
  {
    path: 'official/projects',
    lazy: async () => ({
      Component: guarded(OFFICIALS, (await import('./MyProjects')).MyProjects),
    }),
  },
];

export const officialNav: NavItem[] = [
  { path: '/official/screening', label: 'official:nav.screening', roles: SCREENERS },
  { path: '/official/candidates', label: 'official:nav.candidates', roles: SCREENERS },
  { path: '/official/projects', label: 'official:nav.projects', roles: OFFICIALS },
];
