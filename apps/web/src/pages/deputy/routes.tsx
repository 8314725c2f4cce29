import type { RouteObject } from 'react-router';
import type { NavItem } from '../../layout/nav';

export const deputyRoutes: RouteObject[] = [];

export const deputyNav: NavItem[] = [];
