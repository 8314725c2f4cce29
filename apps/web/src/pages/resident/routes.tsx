import type { RouteObject } from 'react-router';
import type { Role } from '../../auth/session';
import type { NavItem } from '../../layout/nav';
import { guarded } from '../../shared/RequireRole';

/** Those who may propose and support: residents, and deputies, who are residents too. */
const PROPOSERS: Role[] = ['resident', 'deputy'];
/** Everyone signed in has an inbox. */
const ANYONE: Role[] = ['resident', 'deputy', 'official', 'secretariat', 'admin'];

export const residentRoutes: RouteObject[] = [
  {
    path: 'propose',
    lazy: async () => ({ Component: guarded(PROPOSERS, (await import('./Propose')).Propose) }),
  },
  {
    path: 'me/proposals',
    lazy: async () => ({
      Component: guarded(PROPOSERS, (await import('./MyProposals')).MyProposals),
    }),
  },
  {
    path: 'me/supports',
    lazy: async () => ({
      Component: guarded(PROPOSERS, (await import('./MySupports')).MySupports),
    }),
  },
  {
    path: 'me/inbox',
    lazy: async () => ({ Component: guarded(ANYONE, (await import('./Inbox')).Inbox) }),
  },
  {
    path: 'me/channels',
    lazy: async () => ({ Component: guarded(ANYONE, (await import('./Channels')).Channels) }),
  },
];

export const residentNav: NavItem[] = [
  { path: '/propose', label: 'resident:nav.propose', roles: PROPOSERS },
  { path: '/me/proposals', label: 'resident:nav.myProposals', roles: PROPOSERS },
  { path: '/me/supports', label: 'resident:nav.mySupports', roles: PROPOSERS },
];
