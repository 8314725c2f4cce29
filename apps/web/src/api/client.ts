import createClient from 'openapi-fetch';
import type { components, paths } from './schema';
import { tokens } from '../auth/tokens';

export type Schemas = components['schemas'];

/** An answer of the API that is not 2xx: `{statusCode, error, message, code?, fields?}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Partial<Schemas['ErrorResponse']> & {
      code?: string;
      fields?: Record<string, string[]>;
    },
  ) {
    super(
      Array.isArray(body.message) ? body.message.join('; ') : (body.message ?? `HTTP ${status}`),
    );
  }

  get code(): string | undefined {
    return this.body.code;
  }
}

let refreshing: Promise<boolean> | null = null;

/** One refresh at a time, shared by every request that met an expired access token. */
function refreshOnce(): Promise<boolean> {
  refreshing ??= (async () => {
    const refreshToken = tokens.refreshToken();
    if (!refreshToken) {
      return false;
    }
    const response = await fetch('/api/auth/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    if (!response.ok) {
      tokens.clear();
      return false;
    }
    tokens.save((await response.json()) as Schemas['SessionResponse']);
    return true;
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** Adds the access token; on a 401, refreshes the pair once and tries again. */
async function authorizedFetch(request: Request): Promise<Response> {
  const retry = request.clone();
  const withToken = (req: Request) => {
    const accessToken = tokens.accessToken();
    if (accessToken) {
      req.headers.set('authorization', `Bearer ${accessToken}`);
    }
    return fetch(req);
  };
  const response = await withToken(request);
  if (response.status === 401 && tokens.refreshToken() && (await refreshOnce())) {
    return withToken(retry);
  }
  return response;
}

export const api = createClient<paths>({ baseUrl: '', fetch: authorizedFetch });

/** The data of an openapi-fetch answer, or an ApiError. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    throw new ApiError(response.status, error ?? {});
  }
  return data as T;
}
