import { Drawer } from 'antd';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import type { NavItem } from './nav';

export default function MobileMenu({ links, onClose }: { links: NavItem[]; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer title={t('nav.menu')} placement="left" open onClose={onClose} size={280}>
      <nav className="mobile-nav" aria-label={t('nav.menu')}>
        {links.map((item) => (
          <NavLink key={item.path} to={item.path} end={item.path === '/'} onClick={onClose}>
            {t(item.label)}
          </NavLink>
        ))}
      </nav>
    </Drawer>
  );
}
