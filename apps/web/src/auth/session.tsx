import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useMemo, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import { ApiError, api, unwrap, type Schemas } from '../api/client';
import { tokens } from './tokens';

export type Role = Schemas['MeResponse']['roles'][number];

interface SessionValue {
  /** The signed-in user, null when signed out, undefined while it is being read. */
  user: Schemas['MeResponse'] | null | undefined;
  hasRole: (...roles: Role[]) => boolean;
  signIn: (login: string, password: string) => Promise<void>;
  register: (body: Schemas['RegisterDto']) => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const accessToken = useSyncExternalStore(tokens.subscribe, tokens.accessToken);
  const signedIn = accessToken !== null;
  const me = useQuery({
    queryKey: ['me', signedIn],
    queryFn: () => unwrap(api.GET('/api/auth/me')),
    enabled: signedIn,
    staleTime: 60_000,
  });
  // Only a refused token signs out (the client already tried to refresh it); a network
  // failure or a 429 leaves the user signed in.
  const tokenRefused = me.error instanceof ApiError && me.error.status === 401;
  useEffect(() => {
    if (tokenRefused) {
      tokens.clear();
    }
  }, [tokenRefused]);

  const value = useMemo<SessionValue>(() => {
    const user = !signedIn || tokenRefused ? null : me.data;
    return {
      user,
      hasRole: (...roles) => !!user && roles.some((role) => user.roles.includes(role)),
      async signIn(login, password) {
        tokens.save(await unwrap(api.POST('/api/auth/login', { body: { login, password } })));
        await queryClient.invalidateQueries();
      },
      async register(body) {
        tokens.save(await unwrap(api.POST('/api/auth/register', { body })));
        await queryClient.invalidateQueries();
      },
      async signOut() {
        const refreshToken = tokens.refreshToken();
        if (refreshToken) {
          await api.POST('/api/auth/logout', { body: { refreshToken } }).catch(() => undefined);
        }
        tokens.clear();
        queryClient.clear();
      },
    };
  }, [signedIn, tokenRefused, me.data, queryClient]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) {
    throw new Error('useSession needs a SessionProvider');
  }
  return value;
}
