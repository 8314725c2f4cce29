import { MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useSession } from '../auth/session';
import { deputyNav } from '../pages/deputy/routes';
import { officialNav } from '../pages/official/routes';
import { publicNav } from '../pages/public/routes';
import { residentNav } from '../pages/resident/routes';
import { secretariatNav } from '../pages/secretariat/routes';
import { Loading } from '../shared/QueryState';
import './layout.css';
import type { NavItem } from './nav';

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
  const [drawerOpen, setDrawerOpen] = useState(false);

  const items = NAV.filter((item) => !item.roles || hasRole(...item.roles)).map((item) => ({
    key: item.path,
    label: (
      <Link to={item.path} onClick={() => setDrawerOpen(false)}>
        {t(item.label)}
      </Link>
    ),
  }));
  const selected = NAV.filter(
    (item) =>
      item.path === location.pathname ||
      (item.path !== '/' && location.pathname.startsWith(`${item.path}/`)),
  ).map((item) => item.path);
  const toggleLanguage = () =>
    void i18n.changeLanguage(i18n.language.startsWith('en') ? 'zh-CN' : 'en');
  const wide = screens.lg ?? false;

  return (
    <Layout className="app">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <Layout.Header className="app-header">
        {!wide && (
          <Button
            type="text"
            className="app-header-button"
            icon={<MenuOutlined />}
            aria-label={t('nav.menu')}
            onClick={() => setDrawerOpen(true)}
          />
        )}
        <Link to="/" className="app-brand">
          <span className="app-brand-name">{t('appName')}</span>
          {wide && <span className="app-brand-slogan">{t('appSlogan')}</span>}
        </Link>
        {wide && (
          <Menu
            mode="horizontal"
            theme="dark"
            className="app-menu"
            selectedKeys={selected}
            items={items}
            aria-label={t('nav.menu')}
          />
        )}
        <Space className="app-header-actions" size="small">
          <Button
            type="text"
            className="app-header-button"
            onClick={toggleLanguage}
            aria-label={t('language.label')}
            lang={i18n.language.startsWith('en') ? 'zh-CN' : 'en'}
          >
            {t('language.toggle')}
          </Button>
          {user ? (
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  {
                    key: 'roles',
                    disabled: true,
                    label: user.roles.map((role) => t(`roles.${role}`)).join(' · '),
                  },
                  { type: 'divider' },
                  {
                    key: 'sign-out',
                    label: t('nav.signOut'),
                    onClick: () => void signOut().then(() => navigate('/')),
                  },
                ],
              }}
            >
              <Button type="text" className="app-header-button" icon={<UserOutlined />}>
                {user.displayName}
              </Button>
            </Dropdown>
          ) : (
            user === null && (
              <Link
                to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`}
                className="app-header-link"
              >
                {t('nav.signIn')}
              </Link>
            )
          )}
        </Space>
      </Layout.Header>
      <Drawer
        title={t('nav.menu')}
        placement="left"
        open={drawerOpen && !wide}
        onClose={() => setDrawerOpen(false)}
        size="default"
      >
        <Menu mode="vertical" selectedKeys={selected} items={items} aria-label={t('nav.menu')} />
      </Drawer>
      <Layout.Content id="main" className="app-main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
      <Layout.Footer className="app-footer">
        <Typography.Text type="secondary">
          {t('appName')} · {t('appSlogan')}
        </Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}
