import { createBrowserRouter, type RouteObject } from 'react-router';
import { AppLayout } from './layout/AppLayout';
import { RouteError } from './layout/RouteError';
import { deputyRoutes } from './pages/deputy/routes';
import { officialRoutes } from './pages/official/routes';
import { publicRoutes } from './pages/public/routes';
import { residentRoutes } from './pages/resident/routes';
import { secretariatRoutes } from './pages/secretariat/routes';

// Each role's pages are separate chunks (`lazy`), so a resident on a phone never downloads the
// secretariat's control room.
const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, lazy: async () => ({ Component: (await import('./pages/Home')).Home }) },
      {
        path: 'sign-in',
        lazy: async () => ({ Component: (await import('./pages/SignIn')).SignIn }),
      },
      {
        path: 'register',
        lazy: async () => ({ Component: (await import('./pages/Register')).Register }),
      },
      ...publicRoutes,
      ...residentRoutes,
      ...deputyRoutes,
      ...officialRoutes,
      ...secretariatRoutes,
      { path: '*', lazy: async () => ({ Component: (await import('./pages/NotFound')).NotFound }) },
    ],
  },
];

export const router = createBrowserRouter(routes);
