import type { RouteObject } from 'react-router';
import type { NavItem } from '../../layout/nav';

export const publicRoutes: RouteObject[] = [];

export const publicNav: NavItem[] = [];
