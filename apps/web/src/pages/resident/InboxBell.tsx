import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';

/**
 * The header's link to the inbox with the number of unread notifications. Plain elements, no
 * Ant Design component: the shell is on every first page and stays light.
 */
export function InboxBell() {
  const { t } = useTranslation('resident');
  const unread = useQuery({
    queryKey: ['unread-count'],
    queryFn: () => unwrap(api.GET('/api/notifications/unread-count')),
    refetchInterval: 60_000,
  });
  const count = unread.data?.unread ?? 0;
  return (
    <Link
      to="/me/inbox"
      className="app-header-link"
      aria-label={t('inbox.bell', { count })}
      title={t('inbox.bell', { count })}
      style={{ position: 'relative', display: 'inline-flex', alignItems: 'center' }}
    >
      <BellOutlined style={{ fontSize: 20 }} aria-hidden />
      {count > 0 && (
        <span
          aria-hidden
          style={{
            // A badge on the bell's corner: it takes no width, so the phone header still fits.
            position: 'absolute',
            top: 0,
            left: 20,
            minWidth: 16,
            height: 16,
            padding: '0 4px',
            borderRadius: 8,
            background: '#fff',
            color: '#8c1823',
            fontSize: 11,
            fontWeight: 700,
            lineHeight: '16px',
            textAlign: 'center',
          }}
        >
          {count > 99 ? '99+' : count}
        </span>
      )}
    </Link>
  );
}
