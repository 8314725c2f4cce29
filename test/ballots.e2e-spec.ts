import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Role } from '@app/common';
import {
  BallotDesk,
  ballotingCycle,
  countsOfResult,
  electorate,
  expectRefusal,
  makeDeputies,
  recount,
  sha256Hex,
  type BallotingCycle,
  type Deputy,
  type Marks,
} from './support/ballot-session.js';
import { TestApp } from './support/test-app.js';

const RECEIPT = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/;

/** Creating, casting, counting and publishing secret ballots (代表定) through HTTP. */
describe('ballots (代表定)', () => {
  let api: TestApp;
  let desk: BallotDesk;
  let secretariat: { id: string; token: string };
  let resident: { token: string };
  /** 12 candidates for 10 seats (差额). */
  let wide: BallotingCycle;
  /** 3 candidates for 2 seats. */
  let small: BallotingCycle;

  beforeAll(async () => {
    api = await TestApp.start();
    secretariat = await api.userWith([Role.Secretariat]);
    resident = await api.userWith([Role.Resident]);
    desk = new BallotDesk(api, secretariat);
    wide = await ballotingCycle(api, secretariat, resident, { candidates: 12, seats: 10 });
    small = await ballotingCycle(api, secretariat, resident, { candidates: 3, seats: 2 });
  });
  afterAll(async () => {
    await api?.stop();
  });

  const ballotsOf = async (cycleId: string) =>
    (await api.get(`/api/cycles/${cycleId}/ballots`, { token: secretariat.token })).body.length;

  it('creates a scheduled ballot over the active deputies, with n key shares, and freezes the list', async () => {
    const frozenBefore = await api.get(`/api/cycles/${wide.id}`);
    expect(frozenBefore.body.candidatesFrozen).toBe(false);
    const deputies = await electorate(api, 5);

    const ballot = await desk.created(wide.id, { kind: 'selection' });
    expect(ballot).toMatchObject({
      kind: 'selection',
      status: 'scheduled',
      seats: 10,
      deputyCount: 5,
      castCount: 0,
      scrutineers: 3,
      sharesRequired: 2,
      parentBallotId: null,
    });
    expect(ballot.quorum).toBeCloseTo(2 / 3, 9);
    expect(ballot.candidates.map((c: { id: string }) => c.id)).toEqual(wide.candidateIds);
    expect(ballot.keyShares).toHaveLength(3);
    expect(new Set(ballot.keyShares).size).toBe(3);
    for (const share of ballot.keyShares) {
      expect(share).toMatch(/^MS1-[0-9a-f]{8}-[1-9][0-9]*-/);
    }
    // Shown once: nothing else ever answers with the shares.
    const fetched = await desk.get(ballot.id);
    expect(fetched.status).toBe(200);
    expect(fetched.body).not.toHaveProperty('keyShares');
    expect(JSON.stringify(fetched.body)).not.toContain(ballot.keyShares[0]);

    // The candidate list is frozen: the cycle says so, the audit log records it once, and no
    // candidate can be added any more (balloting refuses candidate edits first, by phase).
    expect((await api.get(`/api/cycles/${wide.id}`)).body.candidatesFrozen).toBe(true);
    const cycleAudit = await desk.audit(wide.id);
    expect(cycleAudit.filter((e) => e.action === 'cycle.candidates_frozen')).toHaveLength(1);
    const added = await api.post(
      `/api/cycles/${wide.id}/candidates`,
      {
        title: '迟到的候选项目',
        category: 'elderly_care',
        summary: '名单冻结后提交',
        targets: ['目标'],
        budget: 1000,
        leadDepartmentId: randomUUID(),
        sourceProposalIds: [randomUUID()],
      },
      { token: secretariat.token },
    );
    expectRefusal(added, 409, 'cycle.wrong_phase');

    // Other key-share settings: n shares, k needed.
    const fiveOfThree = await desk.created(wide.id, {
      kind: 'selection',
      scrutineers: 5,
      sharesRequired: 3,
    });
    expect(fiveOfThree).toMatchObject({ scrutineers: 5, sharesRequired: 3, deputyCount: 5 });
    expect(fiveOfThree.keyShares).toHaveLength(5);

    // A deputy who joins after creation is not in the electorate.
    const [late] = await makeDeputies(api, 1);
    expect((await desk.open(ballot.id)).status).toBe(200);
    expectRefusal(
      await desk.cast(ballot.id, late, { [wide.candidateIds[0]]: 'for' }),
      403,
      'ballot.not_in_electorate',
    );
    expect((await desk.myVote(ballot.id, late)).body).toEqual({
      inElectorate: false,
      voted: false,
      channel: null,
    });
    expect((await desk.myVote(ballot.id, deputies[0])).body).toEqual({
      inElectorate: true,
      voted: false,
      channel: null,
    });
    const after = await desk.get(ballot.id);
    expect(after.body).toMatchObject({ deputyCount: 5, castCount: 0, status: 'open' });
  });

  it('refuses a ballot from others, outside balloting, with too few candidates or bad shares', async () => {
    const [deputy] = await electorate(api, 2);
    const before = await ballotsOf(small.id);
    const create = (body: Record<string, unknown>, cycleId = small.id) =>
      desk.create(cycleId, body);

    expect(
      (await api.post(`/api/cycles/${small.id}/ballots`, { kind: 'selection' }, deputy)).status,
    ).toBe(403);
    expect(
      (await api.post(`/api/cycles/${small.id}/ballots`, { kind: 'selection' }, resident)).status,
    ).toBe(403);
    expect((await api.post(`/api/cycles/${small.id}/ballots`, { kind: 'selection' })).status).toBe(
      401,
    );

    const draft = await api.post(
      '/api/cycles',
      { year: 2021, title: '2021年民生实事', region: '普陀区', seats: 2 },
      { token: secretariat.token },
    );
    expect(draft.status).toBe(201);
    expectRefusal(await create({ kind: 'selection' }, draft.body.id), 409, 'cycle.wrong_phase');
    expectRefusal(await create({ kind: 'selection' }, randomUUID()), 404, 'cycle.not_found');

    // 差额: more candidates than seats (this cycle does not allow 等额).
    expectRefusal(await create({ kind: 'selection', seats: 3 }), 422, 'ballot.invalid_input');
    expectRefusal(
      await create({ kind: 'selection', seats: 2, candidateIds: small.candidateIds.slice(0, 2) }),
      422,
      'ballot.invalid_input',
    );
    // Candidates of another cycle, or one listed twice.
    expectRefusal(
      await create({
        kind: 'selection',
        seats: 1,
        candidateIds: [small.candidateIds[0], wide.candidateIds[0]],
      }),
      422,
      'ballot.invalid_input',
    );
    expectRefusal(
      await create({
        kind: 'selection',
        seats: 1,
        candidateIds: [small.candidateIds[0], small.candidateIds[0]],
      }),
      422,
      'ballot.invalid_input',
    );

    // k ≤ n: more shares required than scrutineers is refused.
    expectRefusal(
      await create({ kind: 'selection', scrutineers: 3, sharesRequired: 4 }),
      422,
      'ballot.invalid_input',
    );
    expect((await create({ kind: 'selection', scrutineers: 10 })).status).toBe(400);
    expect((await create({ kind: 'selection', sharesRequired: 1 })).status).toBe(400);

    // Times: closing in the past, or before opening.
    const past = new Date(Date.now() - 60_000).toISOString();
    const soon = new Date(Date.now() + 60_000).toISOString();
    const later = new Date(Date.now() + 120_000).toISOString();
    expectRefusal(await create({ kind: 'selection', closesAt: past }), 422, 'ballot.invalid_input');
    expectRefusal(
      await create({ kind: 'selection', opensAt: later, closesAt: soon }),
      422,
      'ballot.invalid_input',
    );

    // A runoff needs a counted parent with a tie.
    expectRefusal(await create({ kind: 'runoff' }), 422, 'ballot.invalid_input');
    const scheduled = await desk.created(small.id, { kind: 'selection' });
    expectRefusal(
      await create({ kind: 'runoff', parentBallotId: scheduled.id }),
      409,
      'ballot.wrong_status',
    );

    // Only the secretariat runs a ballot; only deputies see their own participation.
    const asDeputy = { token: deputy.token };
    for (const action of ['open', 'close']) {
      expect(
        (await api.post(`/api/ballots/${scheduled.id}/${action}`, undefined, asDeputy)).status,
      ).toBe(403);
    }
    expect(
      (
        await api.post(
          `/api/ballots/${scheduled.id}/count`,
          { shares: scheduled.keyShares },
          asDeputy,
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await api.post(
          `/api/ballots/${scheduled.id}/paper-tallies`,
          { ballotsIssued: 0, ballotsReturned: 0, invalidBallots: 0, counts: [] },
          asDeputy,
        )
      ).status,
    ).toBe(403);
    expect((await desk.myVote(scheduled.id, resident)).status).toBe(403);
    expect((await desk.get(scheduled.id)).body.status).toBe('scheduled');

    // Only the one good ballot above exists.
    expect(await ballotsOf(small.id)).toBe(before + 1);
  });

  it('takes one valid ballot per deputy while open, exactly once under concurrent casts', async () => {
    const [a, b, c] = small.candidateIds;
    const deputies = await electorate(api, 4);
    const [d0, d1, d2, d3] = deputies;
    const ballot = await desk.created(small.id, { kind: 'selection' });

    expectRefusal(await desk.cast(ballot.id, d0, { [a]: 'for' }), 409, 'ballot.wrong_status');
    expect((await desk.open(ballot.id)).status).toBe(200);

    // More `for` than seats is refused and can be corrected.
    expectRefusal(
      await desk.cast(ballot.id, d0, { [a]: 'for', [b]: 'for', [c]: 'for' }),
      422,
      'ballot.invalid_input',
    );
    expect((await desk.myVote(ballot.id, d0)).body).toMatchObject({ voted: false });
    const cast = await desk.cast(ballot.id, d0, { [a]: 'for', [b]: 'for', [c]: 'against' });
    expect(cast.status).toBe(201);
    expect(cast.body.receipt).toMatch(RECEIPT);
    expect(cast.body.receiptHash).toBe(sha256Hex(cast.body.receipt));

    // Unknown, foreign, repeated candidates and unknown marks.
    const refusals = [
      { choices: [{ candidateId: randomUUID(), mark: 'for' }] },
      { choices: [{ candidateId: wide.candidateIds[0], mark: 'for' }] },
      {
        choices: [
          { candidateId: a, mark: 'for' },
          { candidateId: a, mark: 'against' },
        ],
      },
      { choices: [{ candidateId: a, mark: 'maybe' }] },
    ];
    for (const body of refusals) {
      const answer = await api.post(`/api/ballots/${ballot.id}/votes`, body, d1);
      expectRefusal(answer, 422, 'ballot.invalid_input');
    }
    // A malformed list is a 400 naming the field, before anything else.
    const malformed = [
      { choices: 'for' },
      { choices: [{ candidateId: a }] },
      { choices: [{ candidateId: 'not-a-uuid', mark: 'for' }] },
      { choices: [{ candidateId: a, projectId: b, mark: 'for' }] },
      { choices: [{ candidateId: a, mark: 'for', weight: 2 }] },
      { choices: [null] },
      {},
    ];
    for (const body of malformed) {
      const answer = await api.post(`/api/ballots/${ballot.id}/votes`, body, d1);
      expect({ body, status: answer.status }).toEqual({ body, status: 400 });
      expect(JSON.stringify(answer.body)).toContain('choices');
    }
    // Nothing marked: every candidate abstains.
    expect((await desk.cast(ballot.id, d1, {})).status).toBe(201);

    expectRefusal(await desk.cast(ballot.id, d0, { [a]: 'for' }), 409, 'ballot.already_voted');
    expect((await desk.cast(ballot.id, resident, { [a]: 'for' })).status).toBe(403);
    expect((await desk.cast(ballot.id, secretariat, { [a]: 'for' })).status).toBe(403);

    // 50 casts by one deputy at once: one ballot.
    const storm = await Promise.all(
      Array.from({ length: 50 }, () => desk.cast(ballot.id, d2, { [c]: 'for' })),
    );
    expect(storm.filter((answer) => answer.status === 201)).toHaveLength(1);
    const refused = storm.filter((answer) => answer.status !== 201);
    expect(refused.map((answer) => answer.status)).toEqual(Array(49).fill(409));
    expect((await desk.get(ballot.id, d3.token)).body.castCount).toBe(3);

    expect((await desk.myVote(ballot.id, d0)).body).toEqual({
      inElectorate: true,
      voted: true,
      channel: 'electronic',
    });
    expect((await desk.myVote(ballot.id, d3)).body).toEqual({
      inElectorate: true,
      voted: false,
      channel: null,
    });

    expect((await desk.close(ballot.id)).status).toBe(200);
    expectRefusal(await desk.cast(ballot.id, d3, { [a]: 'for' }), 409, 'ballot.wrong_status');

    const counted = await desk.count(ballot.id, ballot.keyShares.slice(0, 2));
    expect(counted.status).toBe(200);
    expect(counted.body).toMatchObject({ ballotsCast: 3, validBallots: 3, invalidBallots: 0 });
    expect(countsOfResult(counted.body)).toEqual({
      [a]: { for: 1, against: 0, abstain: 2 },
      [b]: { for: 1, against: 0, abstain: 2 },
      [c]: { for: 1, against: 1, abstain: 1 },
    });
  });

  it('shows nobody any count before the count, only the number cast', async () => {
    const [a] = small.candidateIds;
    const deputies = await electorate(api, 3);
    const ballot = await desk.created(small.id, { kind: 'selection' });
    const readers = [undefined, deputies[2].token, secretariat.token];
    const expectSealed = async (castCount: number) => {
      for (const token of readers) {
        expectRefusal(await desk.result(ballot.id, token), 409, 'ballot.not_counted');
        expectRefusal(await desk.bulletin(ballot.id, token), 409, 'ballot.not_counted');
      }
      for (const token of [deputies[2].token, secretariat.token]) {
        const seen = await desk.get(ballot.id, token);
        expect(seen.status).toBe(200);
        expect(seen.body.castCount).toBe(castCount);
        expect(JSON.stringify(seen.body)).not.toMatch(
          /"(for|against|abstain|result|selected|ballotsCast|validBallots|receiptHashes)"/,
        );
        for (const candidate of seen.body.candidates) {
          expect(Object.keys(candidate).sort()).toEqual(['id', 'title']);
        }
      }
    };

    await expectSealed(0);
    // Reading a ballot, or a cycle's ballots, takes a signed-in user.
    expect((await api.get(`/api/ballots/${ballot.id}`)).status).toBe(401);
    expect((await api.get(`/api/cycles/${small.id}/ballots`)).status).toBe(401);
    expect((await desk.open(ballot.id)).status).toBe(200);
    await desk.castAll(ballot.id, [
      [deputies[0], { [a]: 'for' }],
      [deputies[1], { [a]: 'against' }],
    ]);
    await expectSealed(2);
    expect((await desk.close(ballot.id)).status).toBe(200);
    await expectSealed(2);
    expect((await desk.get(ballot.id)).status).toBe(200);
    expect((await api.get(`/api/ballots/${ballot.id}`)).status).toBe(401);

    // Two counts at once: the box is opened once.
    const counts = await Promise.all([
      desk.count(ballot.id, ballot.keyShares.slice(1)),
      desk.count(ballot.id, ballot.keyShares.slice(0, 2)),
    ]);
    expect(counts.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const published = await desk.result(ballot.id);
    expect(published.status).toBe(200);
    expect(published.body.candidates[0]).toMatchObject({ candidateId: a, for: 1, against: 1 });
    expect((await desk.bulletin(ballot.id)).status).toBe(200);
  });

  it('opens the box with any k of its own n shares, and nothing changes on a refusal', async () => {
    const [a, b] = small.candidateIds;
    const deputies = await electorate(api, 4);
    const ballot = await desk.opened(small.id, {
      kind: 'selection',
      scrutineers: 5,
      sharesRequired: 3,
    });
    const other = await desk.opened(small.id, { kind: 'selection' });
    const shares: string[] = ballot.keyShares;

    expectRefusal(await desk.count(ballot.id, shares.slice(0, 3)), 409, 'ballot.wrong_status');
    await desk.castAll(ballot.id, [
      [deputies[0], { [a]: 'for', [b]: 'for' }],
      [deputies[1], { [a]: 'for' }],
      [deputies[2], { [a]: 'for', [b]: 'against' }],
    ]);
    expect((await desk.close(ballot.id)).status).toBe(200);

    // One character of the body retyped wrongly: the slip's check catches it.
    const slip = shares[2];
    const at = slip.length - 12;
    const mistyped = slip.slice(0, at) + (slip[at] === 'A' ? 'B' : 'A') + slip.slice(at + 1);
    const refused = [
      { shares: shares.slice(0, 2), message: /At least 3 key shares/ },
      { shares: [shares[0], shares[1], mistyped, shares[3]], message: /Share 3 is mistyped/ },
      { shares: [shares[0], shares[1], other.keyShares[0]], message: /another ballot/ },
      { shares: [shares[0], shares[1], shares[0]], message: /repeats share 1/ },
    ];
    for (const attempt of refused) {
      const answer = await desk.count(ballot.id, attempt.shares);
      expectRefusal(answer, 422, 'ballot.key_shares_refused');
      expect(answer.body.message).toMatch(attempt.message);
    }
    expect((await desk.get(ballot.id)).body).toMatchObject({ status: 'closed', countedAt: null });
    expectRefusal(await desk.result(ballot.id), 409, 'ballot.not_counted');

    // A box altered in the database stops the count, which changes nothing; put back, it counts.
    const db = api.app.get(DataSource);
    const [box] = await db.query<{ id: string; sealed: Buffer }[]>(
      'SELECT id, sealed FROM sealed_ballots WHERE ballot_id = $1 LIMIT 1',
      [ballot.id],
    );
    const altered = Buffer.from(box.sealed);
    altered[altered.length - 1] ^= 1;
    await db.query('UPDATE sealed_ballots SET sealed = $2 WHERE id = $1', [box.id, altered]);
    expectRefusal(
      await desk.count(ballot.id, shares.slice(0, 3)),
      409,
      'ballot.sealed_ballot_corrupt',
    );
    expect((await desk.get(ballot.id)).body).toMatchObject({ status: 'closed', countedAt: null });
    const [{ boxes }] = await db.query<{ boxes: number }[]>(
      'SELECT count(*)::int AS boxes FROM sealed_ballots WHERE ballot_id = $1',
      [ballot.id],
    );
    expect(boxes).toBe(3);
    await db.query('UPDATE sealed_ballots SET sealed = $2 WHERE id = $1', [box.id, box.sealed]);

    // Shares 1 and 3 are lost: shares 5, 2 and 4 (in any order) open the box.
    const counted = await desk.count(ballot.id, [shares[4], shares[1], shares[3]]);
    expect(counted.status).toBe(200);
    expect(counted.body).toMatchObject({ status: 'final', ballotsCast: 3, selected: [a] });
    expect((await desk.get(ballot.id)).body.status).toBe('counted');
    expectRefusal(await desk.count(ballot.id, shares.slice(0, 3)), 409, 'ballot.wrong_status');

    // Shares pasted with line breaks and spaces still open a box; an empty box is void.
    expect((await desk.close(other.id)).status).toBe(200);
    const pasted = other.keyShares
      .slice(1)
      .map((share: string) => `  ${share.slice(0, 20)}\n${share.slice(20)} `);
    const empty = await desk.count(other.id, pasted);
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ status: 'void', ballotsCast: 0, selected: [] });
  });

  it('selects only past half of all deputies, and is void under the two-thirds quorum', async () => {
    const [a, b, c] = small.candidateIds;
    const deputies = await electorate(api, 9);
    const marks: Marks[] = [
      { [a]: 'for', [b]: 'for', [c]: 'against' },
      { [a]: 'for', [b]: 'for' },
      { [a]: 'for', [b]: 'for' },
      { [a]: 'for', [b]: 'for', [c]: 'against' },
      { [a]: 'for', [b]: 'against' },
      { [a]: 'against', [c]: 'for' },
    ];
    const votes = (n: number) => marks.slice(0, n).map((m, i): [Deputy, Marks] => [deputies[i], m]);

    // Exactly two thirds (6 of 9) cast: the result stands.
    const ballot = await desk.opened(small.id, { kind: 'selection' });
    const receipts = await desk.castAll(ballot.id, votes(6));
    const result = await desk.counted(ballot);
    expect(result).toMatchObject({
      cycleId: small.id,
      status: 'final',
      deputyCount: 9,
      ballotsCast: 6,
      validBallots: 6,
      invalidBallots: 0,
      quorumRequired: 6,
      threshold: 5,
      seats: 2,
      seatsUnfilled: 1,
      selected: [a],
      finalSelected: [a],
      runoff: null,
    });
    // B has 4 of the 6 who voted, a majority of them, but not more than half of all 9 deputies.
    expect(result.candidates).toEqual([
      { candidateId: a, for: 5, against: 1, abstain: 0, rank: 1, outcome: 'selected' },
      { candidateId: b, for: 4, against: 1, abstain: 1, rank: 2, outcome: 'below_threshold' },
      { candidateId: c, for: 1, against: 2, abstain: 3, rank: 3, outcome: 'below_threshold' },
    ]);

    // The bulletin, public: a recount matches, every receipt is listed by its SHA-256.
    const bulletin = await desk.bulletin(ballot.id);
    expect(bulletin.status).toBe(200);
    expect(bulletin.body).toMatchObject({ kind: 'selection', cycleId: small.id });
    expect(bulletin.body.ballots).toHaveLength(6);
    expect(bulletin.body.paper).toBeNull();
    expect(recount(bulletin.body, small.candidateIds)).toEqual(countsOfResult(result));
    expect(bulletin.body.receiptHashes).toEqual(receipts.map(sha256Hex).sort());
    for (const hash of bulletin.body.receiptHashes) {
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
    }
    const published = JSON.stringify(bulletin.body);
    for (const deputy of deputies) {
      expect(published).not.toContain(deputy.id);
    }
    for (const receipt of receipts) {
      expect(published).not.toContain(receipt);
    }
    expect((await desk.result(ballot.id)).body).toEqual(result);
    // No tie, so no runoff.
    expectRefusal(
      await desk.create(small.id, { kind: 'runoff', parentBallotId: ballot.id }),
      422,
      'ballot.invalid_input',
    );

    // One short of two thirds (5 of 9): void, though A has the votes to pass.
    const short = await desk.opened(small.id, { kind: 'selection' });
    await desk.castAll(short.id, votes(5));
    expect(await desk.counted(short)).toMatchObject({
      status: 'void',
      ballotsCast: 5,
      quorumRequired: 6,
      selected: [],
      seatsUnfilled: 2,
      candidates: [
        { candidateId: a, for: 5, outcome: 'not_selected' },
        { candidateId: b, for: 4, outcome: 'not_selected' },
        { candidateId: c, for: 0, outcome: 'not_selected' },
      ],
    });

    // The same five under a quorum of one half: the result stands.
    const half = await desk.opened(small.id, { kind: 'selection', quorum: 0.5 });
    await desk.castAll(half.id, votes(5));
    expect(await desk.counted(half)).toMatchObject({
      status: 'final',
      quorumRequired: 5,
      selected: [a],
    });
  });
});
