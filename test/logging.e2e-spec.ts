import fs from 'node:fs';
import { TestApp } from './support/test-app.js';

/** Collects what the process writes to standard output, where pino sends its JSON lines. */
function captureStdout(): { lines: () => string[]; restore: () => void } {
  const chunks: string[] = [];
  const original = { write: fs.write, writeSync: fs.writeSync };
  const record = (fd: unknown, data: unknown) => {
    if (fd === 1) {
      chunks.push(Buffer.isBuffer(data) ? data.toString('utf8') : String(data));
    }
  };
  fs.write = ((fd: number, data: unknown, ...rest: unknown[]) => {
    record(fd, data);
    return (original.write as (...args: unknown[]) => void)(fd, data, ...rest);
  }) as typeof fs.write;
  fs.writeSync = (fd: number, data: unknown, ...rest: unknown[]) => {
    record(fd, data);
    return (original.writeSync as (...args: unknown[]) => number)(fd, data, ...rest);
  };
  return {
    lines: () => chunks.join('').split('\n').filter(Boolean),
    restore: () => Object.assign(fs, original),
  };
}

describe('logs', () => {
  const password = 'very-secret-password-42';
  let api: TestApp;
  let capture: ReturnType<typeof captureStdout>;

  beforeAll(async () => {
    capture = captureStdout();
    api = await TestApp.start({ LOG_LEVEL: 'info' });
  });
  afterAll(async () => {
    await api.stop();
    capture.restore();
  });

  it('are JSON with request ids, and never hold passwords or tokens', async () => {
    const registered = await api.post('/api/auth/register', {
      email: 'logged@minsheng.test',
      password,
      displayName: '日志',
    });
    expect(registered.status).toBe(201);
    const { accessToken, refreshToken } = registered.body;
    await api.post('/api/auth/login', { login: 'logged@minsheng.test', password: `${password}x` });
    const refreshed = await api.post('/api/auth/refresh', { refreshToken });
    await api.get('/api/auth/me', {
      token: accessToken,
      headers: { 'x-request-id': 'trace-log-1' },
    });
    // pino writes asynchronously: give the last lines a moment to leave.
    await new Promise((resolve) => setTimeout(resolve, 200));

    const lines = capture.lines();
    const requests = lines
      .map((line) => JSON.parse(line) as { req?: { id: string; url: string } })
      .filter((entry) => entry.req);
    expect(requests.map((entry) => entry.req!.url)).toEqual(
      expect.arrayContaining(['/api/auth/register', '/api/auth/login', '/api/auth/me']),
    );
    expect(requests.find((entry) => entry.req!.url === '/api/auth/me')!.req!.id).toBe(
      'trace-log-1',
    );

    const everything = lines.join('\n');
    for (const secret of [password, accessToken, refreshToken, refreshed.body.accessToken]) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).not.toContain('$argon2');
  });
});
