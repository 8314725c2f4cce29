import type { RouteObject } from 'react-router';
import type { NavItem } from '../../layout/nav';

export const officialRoutes: RouteObject[] = [];

export const officialNav: NavItem[] = [];
