import type { RouteObject } from 'react-router';
import type { NavItem } from '../../layout/nav';

export const secretariatRoutes: RouteObject[] = [];

export const secretariatNav: NavItem[] = [];
