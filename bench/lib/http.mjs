// Small HTTP helpers against a scenario's API.

export async function request(baseUrl, method, path, { token, body, timeoutMs = 30_000 } = {}) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // not JSON
  }
  return { status: response.status, body: json, text };
}

/** Signs in and returns the access token. */
export async function signIn(baseUrl, login, password) {
  const response = await request(baseUrl, 'POST', '/api/auth/login', { body: { login, password } });
  if (response.status !== 200 || !response.body?.accessToken) {
    throw new Error(
      `sign-in as ${login} failed: ${response.status} ${response.text.slice(0, 300)}`,
    );
  }
  return response.body.accessToken;
}
