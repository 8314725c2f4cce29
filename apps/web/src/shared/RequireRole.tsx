import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { useSession, type Role } from '../auth/session';
import { Loading } from './Loading';
import { Notice } from './Notice';
import { LinkButton } from './LinkButton';

/** Shows `children` to users with one of `roles`; asks others to sign in, or says no. */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { user, hasRole } = useSession();
  const { t } = useTranslation();
  const location = useLocation();
  if (user === undefined) {
    return <Loading />;
  }
  if (user === null) {
    return (
      <Notice title={t('states.signInRequired')}>
        <LinkButton
          to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`}
          type="primary"
        >
          {t('nav.signIn')}
        </LinkButton>
      </Notice>
    );
  }
  if (!hasRole(...roles)) {
    return <Notice title={t('states.forbidden')} />;
  }
  return <>{children}</>;
}

/** A lazy route's Component, wrapped in RequireRole. */
export function guarded(roles: Role[], Page: () => ReactNode) {
  return function GuardedPage() {
    return (
      <RequireRole roles={roles}>
        <Page />
      </RequireRole>
    );
  };
}
