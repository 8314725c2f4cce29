import { MenuOutlined } from '@ant-design/icons';
import { Button, Grid } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useSession } from '../auth/session';
import { deputyNav } from '../pages/deputy/routes';
import { officialNav } from '../pages/official/routes';
import { publicNav } from '../pages/public/routes';
import { InboxBell } from '../pages/resident/InboxBell';
import { residentNav } from '../pages/resident/routes';
import { secretariatNav } from '../pages/secretariat/routes';
import { Loading } from '../shared/Loading';
import './layout.css';
import type { NavItem } from './nav';

// The shell is on every first page, so it stays light: plain links, and the phone menu (a
// drawer, which on a phone also holds the signed-in user and signing out) is loaded only when
// opened.
const MobileMenu = lazy(() => import('./MobileMenu'));

const NAV: NavItem[] = [
  { path: '/', label: 'common:nav.home' },
  ...publicNav,
  ...residentNav,
  ...deputyNav,
  ...officialNav,
  ...secretariatNav,
];

export function AppLayout() {
  const { t, i18n } = useTranslation();
  const { user, hasRole, signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const wide = screens.xl ?? false;
  const [menuOpen, setMenuOpen] = useState(false);

  const links = NAV.filter((item) => !item.roles || hasRole(...item.roles));
  const english = i18n.language.startsWith('en');
  const toggleLanguage = () => void i18n.changeLanguage(english ? 'zh-CN' : 'en');
  const signInPath = `/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`;

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="app-header">
        {!wide && (
          <Button
            type="text"
            className="app-header-button"
            icon={<MenuOutlined />}
            aria-label={t('nav.menu')}
            aria-expanded={menuOpen}
            onClick={() => setMenuOpen(true)}
          />
        )}
        <Link to="/" className="app-brand">
          <span className="app-brand-name">{t('appName')}</span>
          {/* Only where a signed-in deputy's or official's links still fit on one line beside it */}
          {screens.xxl && <span className="app-brand-slogan">{t('appSlogan')}</span>}
        </Link>
        {wide && (
          <nav className="app-nav" aria-label={t('nav.menu')}>
            {links.map((item) => (
              <NavLink key={item.path} to={item.path} end={item.path === '/'}>
                {t(item.label)}
              </NavLink>
            ))}
          </nav>
        )}
        <div className="app-header-actions">
          <Button
            type="text"
            className="app-header-button"
            onClick={toggleLanguage}
            title={t('language.label')}
            lang={english ? 'zh-CN' : 'en'}
          >
            {t('language.toggle')}
          </Button>
          {user && <InboxBell />}
          {user && wide && (
            <>
              <span
                className="app-user"
                title={user.roles.map((role) => t(`roles.${role}`)).join(' · ')}
              >
                {user.displayName}
              </span>
              <Button
                type="text"
                className="app-header-button"
                onClick={() => void signOut().then(() => navigate('/'))}
              >
                {t('nav.signOut')}
              </Button>
            </>
          )}
          {user === null && (
            <Link to={signInPath} className="app-header-link">
              {t('nav.signIn')}
            </Link>
          )}
        </div>
      </header>
      {menuOpen && !wide && (
        <Suspense fallback={null}>
          <MobileMenu
            links={links}
            onClose={() => setMenuOpen(false)}
            onSignOut={() => void signOut().then(() => navigate('/'))}
          />
        </Suspense>
      )}
      <main id="main" className="app-main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="app-footer">
        {t('appName')} · {t('appSlogan')}
      </footer>
    </div>
  );
}
