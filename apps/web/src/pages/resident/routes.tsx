import type { RouteObject } from 'react-router';
import type { NavItem } from '../../layout/nav';

export const residentRoutes: RouteObject[] = [];

export const residentNav: NavItem[] = [];
