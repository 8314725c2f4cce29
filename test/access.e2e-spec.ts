import { randomUUID } from 'node:crypto';
import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { ALL_ROLES, Role } from '@app/common';
import { IS_PUBLIC, ROLES } from '../apps/api/src/common/auth.decorators.js';
import { TestApp, type RequestOptions } from './support/test-app.js';

/** An endpoint only the secretariat (and admin) may use, with a fresh valid request. */
interface Endpoint {
  /** Method and path; `:id` stands for a bystander user */
  name: string;
  /** What a secretariat user gets */
  allowed: number;
  options?: (fresh: string) => RequestOptions;
}

const SECRETARIAT_ONLY: Endpoint[] = [
  {
    name: 'POST /api/users',
    allowed: 201,
    options: (fresh) => ({
      body: {
        email: `made-${fresh}@minsheng.test`,
        password: 'password-123',
        displayName: '新账号',
        roles: [Role.Deputy],
      },
    }),
  },
  { name: 'GET /api/users', allowed: 200 },
  { name: 'GET /api/users/:id', allowed: 200 },
  {
    name: 'PATCH /api/users/:id',
    allowed: 200,
    options: () => ({ body: { roles: [Role.Resident, Role.Deputy] } }),
  },
  {
    name: 'POST /api/users/import',
    allowed: 201,
    options: (fresh) => ({
      raw: {
        payload: `displayName,email,phone,roles,department\n名册,roster-${fresh}@minsheng.test,,deputy,\n`,
        contentType: 'text/csv',
      },
    }),
  },
  {
    name: 'POST /api/departments',
    allowed: 201,
    options: (fresh) => ({ body: { name: `部门${fresh}` } }),
  },
  { name: 'GET /api/audit', allowed: 200 },
  { name: 'GET /api/audit/verify', allowed: 200 },
  { name: 'GET /api/audit/verifications', allowed: 200 },
  { name: 'POST /api/audit/verifications', allowed: 202 },
];

interface WalkedRoute {
  handler: string;
  method: string;
  /** As OpenAPI writes it: /api/users/{id} */
  path: string;
  isPublic: boolean;
  roles: Role[] | undefined;
}

const FORBIDDEN = { statusCode: 403, error: 'Forbidden', message: expect.any(String) };

const asList = (value: unknown): string[] =>
  Array.isArray(value) ? (value as string[]) : [value as string];

/** The methods of a controller, its own and inherited, that carry a route path. */
function* routeHandlers(controller: Type): Generator<[string, object]> {
  for (
    let proto = controller.prototype as object | null;
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    // The constructor is the class, whose path metadata is the controller's.
    for (const name of Object.getOwnPropertyNames(proto).filter((key) => key !== 'constructor')) {
      const handler = Object.getOwnPropertyDescriptor(proto, name)?.value as unknown;
      if (typeof handler === 'function' && Reflect.hasMetadata(PATH_METADATA, handler)) {
        yield [name, handler];
      }
    }
  }
}

/** Every route of the running app, with its access metadata from the method or else its class. */
function walkRoutes(api: TestApp): WalkedRoute[] {
  const routes: WalkedRoute[] = [];
  for (const module of api.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type;
      const metadata = <T>(key: string, handler: object) =>
        (Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller)) as
          T | undefined;
      for (const [name, handler] of routeHandlers(controller)) {
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        for (const base of asList(Reflect.getMetadata(PATH_METADATA, controller))) {
          for (const sub of asList(Reflect.getMetadata(PATH_METADATA, handler))) {
            const path = `/api/${base}/${sub}`
              .replace(/\/+/g, '/')
              .replace(/\/$/, '')
              .replace(/:(\w+)/g, '{$1}');
            routes.push({
              handler: `${controller.name}.${name} (${method} ${path})`,
              method: method.toLowerCase(),
              path,
              isPublic: metadata<boolean>(IS_PUBLIC, handler) === true,
              roles: metadata<Role[]>(ROLES, handler),
            });
          }
        }
      }
    }
  }
  return routes;
}

/** What the API docs should say about who may call a route. */
function documentedRoles(route: WalkedRoute): string[] | undefined {
  if (route.isPublic) {
    return ['anyone'];
  }
  return route.roles?.length === ALL_ROLES.length ? ['signed in'] : route.roles;
}

describe('access control', () => {
  let api: TestApp;
  let adminToken: string;
  let bystander: { id: string };
  let sequence = 0;

  beforeAll(async () => {
    api = await TestApp.start();
    adminToken = await api.adminToken();
    bystander = await api.userWith([Role.Resident]);
  });
  afterAll(async () => {
    await api.stop();
  });

  const unique = () => `${++sequence}-${randomUUID().slice(0, 8)}`;
  const roleOf = async (id: string) =>
    (await api.get(`/api/users/${id}`, { token: adminToken })).body.roles as Role[];

  /** Counts that any of the calls above would change. */
  async function snapshot() {
    const total = async (url: string) =>
      (await api.get(`${url}?pageSize=1`, { token: adminToken })).body.total as number;
    return {
      users: await total('/api/users'),
      departments: await total('/api/departments'),
      audit: await total('/api/audit'),
      bystanderRoles: await roleOf(bystander.id),
    };
  }

  function send(endpoint: Endpoint, token: string | undefined) {
    const [method, path] = endpoint.name.split(' ');
    const options = endpoint.options?.(unique()) ?? {};
    return api.request(method, path.replace(':id', bystander.id), { ...options, token });
  }

  describe.each([Role.Resident, Role.Deputy, Role.Official])('a %s', (role) => {
    let token: string;
    beforeAll(async () => {
      token = (await api.userWith([role])).token;
    });

    it.each(SECRETARIAT_ONLY)(
      'is refused $name with 403, and nothing changes',
      async (endpoint) => {
        const before = await snapshot();
        const answer = await send(endpoint, token);
        expect(answer.status).toBe(403);
        expect(answer.body).toEqual(FORBIDDEN);
        expect(await snapshot()).toEqual(before);
      },
    );

    it('cannot promote itself', async () => {
      const self = await api.userWith([role]);
      const answer = await api.patch(
        `/api/users/${self.id}`,
        { roles: [role, Role.Secretariat] },
        { token: self.token },
      );
      expect(answer.status).toBe(403);
      expect(await roleOf(self.id)).toEqual([role]);
    });
  });

  it.each(SECRETARIAT_ONLY)('answers $name without a token with 401', async (endpoint) => {
    const before = await snapshot();
    const answer = await send(endpoint, undefined);
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    expect(await snapshot()).toEqual(before);
  });

  describe('the secretariat', () => {
    let secretariat: { id: string; token: string };
    beforeAll(async () => {
      secretariat = await api.userWith([Role.Secretariat]);
    });

    it.each(SECRETARIAT_ONLY)('may use $name', async (endpoint) => {
      const answer = await send(endpoint, secretariat.token);
      expect(answer.status).toBe(endpoint.allowed);
    });

    it('cannot create an admin', async () => {
      const before = await snapshot();
      const email = `would-be-admin-${unique()}@minsheng.test`;
      const answer = await api.post(
        '/api/users',
        { email, password: 'password-123', displayName: '管理员?', roles: [Role.Admin] },
        { token: secretariat.token },
      );
      expect(answer.status).toBe(403);
      expect(answer.body).toMatchObject({ ...FORBIDDEN, code: 'user.admin_grant_forbidden' });
      expect(await snapshot()).toEqual(before);
    });

    it('cannot grant admin to an existing user, itself included', async () => {
      for (const target of [bystander.id, secretariat.id]) {
        const before = await roleOf(target);
        const answer = await api.patch(
          `/api/users/${target}`,
          { roles: [Role.Admin] },
          { token: secretariat.token },
        );
        expect(answer.status).toBe(403);
        expect(answer.body.code).toBe('user.admin_grant_forbidden');
        expect(await roleOf(target)).toEqual(before);
      }
    });

    it('cannot change an admin', async () => {
      const admin = (await api.get('/api/auth/me', { token: adminToken })).body;
      const answer = await api.patch(
        `/api/users/${admin.id}`,
        { active: false },
        { token: secretariat.token },
      );
      expect(answer.status).toBe(403);
      expect((await api.get('/api/auth/me', { token: await api.adminToken() })).status).toBe(200);
    });
  });

  describe('an admin', () => {
    it('may create an admin and grant admin', async () => {
      const created = await api.post(
        '/api/users',
        {
          email: `admin-${unique()}@minsheng.test`,
          password: 'password-123',
          displayName: '第二管理员',
          roles: [Role.Admin],
        },
        { token: adminToken },
      );
      expect(created.status).toBe(201);
      expect(created.body.roles).toEqual([Role.Admin]);

      const promoted = await api.patch(
        `/api/users/${bystander.id}`,
        { roles: [Role.Resident, Role.Admin] },
        { token: adminToken },
      );
      expect(promoted.status).toBe(200);
      expect(await roleOf(bystander.id)).toEqual([Role.Resident, Role.Admin]);
    });
  });

  it('lets anyone list the departments', async () => {
    const answer = await api.get('/api/departments');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ items: expect.any(Array), total: expect.any(Number) });
  });

  describe('the route walk', () => {
    let routes: WalkedRoute[];
    beforeAll(() => {
      routes = walkRoutes(api);
    });

    it('finds every controller route', () => {
      expect(routes.length).toBeGreaterThan(10);
      expect(routes.map((route) => `${route.method} ${route.path}`)).toEqual(
        expect.arrayContaining(['post /api/auth/login', 'patch /api/users/{id}', 'get /api/audit']),
      );
    });

    it('finds no handler with neither @Public() nor roles', () => {
      const open = routes.filter((route) => !route.isPublic && !route.roles?.length);
      expect(open.map((route) => route.handler)).toEqual([]);
    });

    it('finds every route, with its method and roles, in /api/docs-json', async () => {
      const docs = await api.get('/api/docs-json');
      expect(docs.status).toBe(200);
      const undocumented = routes.filter(
        (route) => docs.body.paths[route.path]?.[route.method] === undefined,
      );
      expect(undocumented.map((route) => route.handler)).toEqual([]);
      for (const route of routes) {
        expect({
          route: route.handler,
          roles: docs.body.paths[route.path][route.method]['x-roles'],
        }).toEqual({ route: route.handler, roles: documentedRoles(route) });
      }
    });
  });
});
