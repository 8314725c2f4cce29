import type { components } from '../api/schema';

type Session = components['schemas']['SessionResponse'];

const KEY = 'minsheng.session';

interface Stored {
  accessToken: string;
  refreshToken: string;
}

function read(): Stored | null {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? 'null') as Stored | null;
  } catch {
    return null;
  }
}

const listeners = new Set<() => void>();

/** The signed-in pair, kept in localStorage so that a reload stays signed in. */
export const tokens = {
  accessToken: () => read()?.accessToken ?? null,
  refreshToken: () => read()?.refreshToken ?? null,
  save(session: Pick<Session, 'accessToken' | 'refreshToken'>) {
    localStorage.setItem(
      KEY,
      JSON.stringify({ accessToken: session.accessToken, refreshToken: session.refreshToken }),
    );
    listeners.forEach((listener) => listener());
  },
  clear() {
    localStorage.removeItem(KEY);
    listeners.forEach((listener) => listener());
  },
  subscribe: (listener: () => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
};
