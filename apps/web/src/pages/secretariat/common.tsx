import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';
import { Link } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import type { Role } from '../../auth/session';
import { PHASES, type Phase } from '../../shared/cycles';

export type Ballot = Schemas['BallotResponse'];
export type User = Schemas['UserResponse'];

export const ROLES: Role[] = ['resident', 'deputy', 'official', 'secretariat', 'admin'];

const ROLE_COLORS: Record<Role, string> = {
  resident: 'default',
  deputy: 'red',
  official: 'blue',
  secretariat: 'purple',
  admin: 'gold',
};

export function RoleTags({ roles }: { roles: Role[] }) {
  const { t } = useTranslation();
  return (
    <>
      {roles.map((role) => (
        <Tag key={role} color={ROLE_COLORS[role]}>
          {t(`roles.${role}`)}
        </Tag>
      ))}
    </>
  );
}

/** The phase that follows, or null at the end: the API moves one step at a time. */
export function nextPhase(phase: Phase): Phase | null {
  return PHASES[PHASES.indexOf(phase) + 1] ?? null;
}

export function useDepartments() {
  return useQuery({
    queryKey: ['departments'],
    queryFn: () =>
      unwrap(api.GET('/api/departments', { params: { query: { page: 1, pageSize: 100 } } })),
    staleTime: 60_000,
  });
}

/** A user's name by id (audit actors, tally clerks); each id is read once and cached. */
export function UserName({ id }: { id: string | null }) {
  const { t } = useTranslation('secretariat');
  const user = useQuery({
    queryKey: ['user', id],
    queryFn: () => unwrap(api.GET('/api/users/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
    staleTime: 5 * 60_000,
  });
  if (!id) {
    return <Typography.Text>{t('audit.system')}</Typography.Text>;
  }
  return <Typography.Text>{user.data?.displayName ?? id.slice(0, 8)}</Typography.Text>;
}

/** Saves an answer (CSV) that needs the access token: a plain link would carry none. */
export async function saveBlob(call: Promise<Blob>, filename: string): Promise<void> {
  const blob = await call;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function formatTime(value: string | null | undefined): string {
  return value
    ? new Date(value).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })
    : '—';
}

/** Breadcrumb back to the secretariat's desk. */
export function DeskTrail({ items }: { items: { title: string; to?: string }[] }) {
  const { t } = useTranslation('secretariat');
  return (
    <Breadcrumb
      style={{ marginBottom: 12 }}
      items={[{ title: t('desk.title'), to: '/secretariat' }, ...items].map((item) => ({
        title: item.to ? <Link to={item.to}>{item.title}</Link> : item.title,
      }))}
    />
  );
}
