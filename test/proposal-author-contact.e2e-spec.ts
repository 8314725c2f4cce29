import { Role } from '@app/common';
import { TestApp } from './support/test-app.js';

describe("a proposal's author contact (建议人联系方式)", () => {
  let api: TestApp;
  let secretariat: { token: string };
  let official: { token: string };
  let deputy: { token: string };
  let author: { id: string; email: string; token: string };
  let other: { token: string };
  let proposalId: string;

  beforeAll(async () => {
    api = await TestApp.start();
    secretariat = await api.userWith([Role.Secretariat]);
    official = await api.userWith([Role.Official]);
    deputy = await api.userWith([Role.Deputy]);
    author = await api.userWith([Role.Resident]);
    other = await api.userWith([Role.Resident]);
    const as = { token: secretariat.token };
    const cycle = await api.post(
      '/api/cycles',
      { year: 2021, title: '2021年民生实事', seats: 1 },
      as,
    );
    expect(cycle.status).toBe(201);
    expect(
      (await api.post(`/api/cycles/${cycle.body.id}/phase`, { phase: 'collecting' }, as)).status,
    ).toBe(200);
    const proposal = await api.post(
      `/api/cycles/${cycle.body.id}/proposals`,
      {
        title: '增设公交站台',
        category: 'transport',
        description: '小区门口增设公交站台',
        anonymous: true,
      },
      { token: author.token },
    );
    expect(proposal.status).toBe(201);
    proposalId = proposal.body.id as string;
  });
  afterAll(async () => {
    await api.stop();
  });

  it('tells officials and the secretariat how to reach the author, anonymous proposals included', async () => {
    for (const reader of [official, secretariat]) {
      const answer = await api.get(`/api/proposals/${proposalId}/author-contact`, {
        token: reader.token,
      });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        id: author.id,
        displayName: '测试resident',
        email: author.email,
        phone: null,
      });
    }
  });

  it('refuses residents, deputies and the author with 403, anonymous callers with 401', async () => {
    for (const reader of [other, deputy, author]) {
      const answer = await api.get(`/api/proposals/${proposalId}/author-contact`, {
        token: reader.token,
      });
      expect(answer.status).toBe(403);
    }
    expect((await api.get(`/api/proposals/${proposalId}/author-contact`)).status).toBe(401);
  });

  it('answers 404 for an unknown proposal and 400 for a malformed id', async () => {
    const as = { token: official.token };
    const unknown = await api.get(
      '/api/proposals/00000000-0000-4000-8000-000000000000/author-contact',
      as,
    );
    expect(unknown.status).toBe(404);
    expect((await api.get('/api/proposals/not-an-id/author-contact', as)).status).toBe(400);
  });
});
