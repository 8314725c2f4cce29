import { Button, Drawer } from 'antd';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useSession } from '../auth/session';
import type { NavItem } from './nav';

export default function MobileMenu({
  links,
  onClose,
  onSignOut,
}: {
  links: NavItem[];
  onClose: () => void;
  onSignOut: () => void;
}) {
  const { t } = useTranslation();
  const { user } = useSession();
  return (
    <Drawer title={t('nav.menu')} placement="left" open onClose={onClose} size={280}>
      {user && (
        <div className="mobile-user">
          <div className="mobile-user-name">{user.displayName}</div>
          <div>{user.roles.map((role) => t(`roles.${role}`)).join(' · ')}</div>
        </div>
      )}
      <nav className="mobile-nav" aria-label={t('nav.menu')}>
        {links.map((item) => (
          <NavLink key={item.path} to={item.path} end={item.path === '/'} onClick={onClose}>
            {t(item.label)}
          </NavLink>
        ))}
      </nav>
      {user && (
        <Button
          block
          size="large"
          style={{ marginTop: 24 }}
          onClick={() => {
            onClose();
            onSignOut();
          }}
        >
          {t('nav.signOut')}
        </Button>
      )}
    </Drawer>
  );
}
