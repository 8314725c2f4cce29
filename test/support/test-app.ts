import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '@app/config';
import { dropDatabase } from '@app/database';
import { deleteRedisKeys, testConfig } from '@app/testing';
import { Role } from '@app/common';
import { UsersService } from '@app/users';
import { createApiApp } from '../../apps/api/src/create-api-app.js';

export interface HttpAnswer<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** A raw payload sent as is, with this content type. */
  raw?: { payload: string | Buffer; contentType: string };
  headers?: Record<string, string>;
}

/** The API on a fresh database of its own, driven through Fastify's in-process `inject`. */
export class TestApp {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly config: AppConfig,
  ) {}

  static async start(overrides: Record<string, string> = {}): Promise<TestApp> {
    const config = testConfig(overrides);
    const app = await createApiApp(config);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return new TestApp(app, config);
  }

  async request<T = any>(
    method: string,
    url: string,
    options: RequestOptions = {},
  ): Promise<HttpAnswer<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) {
      headers.authorization = `Bearer ${options.token}`;
    }
    let payload: string | Buffer | undefined;
    if (options.raw) {
      payload = options.raw.payload;
      headers['content-type'] = options.raw.contentType;
    } else if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const response = await this.app
      .getHttpAdapter()
      .getInstance()
      .inject({ method: method as 'GET', url, headers, payload });
    const text = response.body;
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.statusCode, body: body as T, headers: response.headers };
  }

  get<T = any>(url: string, options?: RequestOptions) {
    return this.request<T>('GET', url, options);
  }

  post<T = any>(url: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<T>('POST', url, { ...options, body });
  }

  patch<T = any>(url: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<T>('PATCH', url, { ...options, body });
  }

  /** Signs in and returns the access token. */
  async signIn(login: string, password: string): Promise<string> {
    const answer = await this.post('/api/auth/login', { login, password });
    if (answer.status !== 200) {
      throw new Error(
        `sign-in of ${login} failed: ${answer.status} ${JSON.stringify(answer.body)}`,
      );
    }
    return answer.body.accessToken as string;
  }

  /** The bootstrap administrator's access token. */
  adminToken(): Promise<string> {
    return this.signIn(this.config.bootstrapAdmin!.email, this.config.bootstrapAdmin!.password);
  }

  /**
   * Makes a user with the given roles straight through the service (no HTTP round trip) and
   * signs them in. Officials get a department of their own unless one is given.
   */
  async userWith(
    roles: Role[],
    options: { departmentId?: string; password?: string } = {},
  ): Promise<{ id: string; email: string; password: string; token: string }> {
    const password = options.password ?? 'password-123';
    const email = `${roles.join('-')}-${Math.random().toString(36).slice(2, 10)}@minsheng.test`;
    let departmentId = options.departmentId ?? null;
    if (!departmentId && roles.includes(Role.Official)) {
      const department = await this.post(
        '/api/departments',
        { name: `部门-${Math.random().toString(36).slice(2, 8)}` },
        { token: await this.adminToken() },
      );
      departmentId = department.body.id as string;
    }
    const admin = {
      id: '00000000-0000-0000-0000-000000000000',
      roles: [Role.Admin],
      departmentId: null,
    };
    const user = await this.app.get(UsersService).create(admin, {
      email,
      password,
      displayName: `测试${roles.join('')}`,
      roles,
      departmentId,
    });
    return { id: user.id, email, password, token: await this.signIn(email, password) };
  }

  /**
   * A new cycle made through the API by the secretariat (`token`), moved on to collecting unless
   * `phase` is draft.
   */
  async cycle(
    token: string,
    options: { year?: number; seats?: number; phase?: 'draft' | 'collecting' } = {},
  ): Promise<string> {
    const year = options.year ?? 2020;
    const created = await this.post(
      '/api/cycles',
      { year, title: `${year}年普陀区民生实事`, seats: options.seats ?? 3 },
      { token },
    );
    if (created.status !== 201) {
      throw new Error(
        `POST /api/cycles answered ${created.status}: ${JSON.stringify(created.body)}`,
      );
    }
    const id = created.body.id as string;
    if ((options.phase ?? 'collecting') === 'collecting') {
      const moved = await this.post(`/api/cycles/${id}/phase`, { phase: 'collecting' }, { token });
      if (moved.status !== 200) {
        throw new Error(`moving ${id} to collecting answered ${moved.status}`);
      }
    }
    return id;
  }

  /** Closes the app, drops its database and removes its Redis keys. */
  async stop(): Promise<void> {
    await this.app.close();
    await dropDatabase(this.config.database.url);
    await deleteRedisKeys(this.config);
  }
}
