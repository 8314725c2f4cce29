import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Role } from '@app/common';
import {
  BallotDesk,
  ballotingCycle,
  countsOfResult,
  electorate,
  expectRefusal,
  recount,
  sha256Hex,
  type BallotingCycle,
  type Deputy,
  type Marks,
} from './support/ballot-session.js';
import { TestApp, type HttpAnswer } from './support/test-app.js';

/**
 * Closing and casting under load, ties settled by runoffs, 等额 ballots, and paper ballots counted
 * with electronic ones.
 */
describe('ballots (代表定): load, runoffs, 等额, paper', () => {
  let api: TestApp;
  let desk: BallotDesk;
  let secretariat: { id: string; token: string };
  let checker: { id: string; token: string };
  /** 12 candidates for 10 seats, like the 2020 Putuo list. */
  let wide: BallotingCycle;
  /** 3 candidates for 2 seats. */
  let small: BallotingCycle;
  /** 3 candidates for 3 seats, the cycle allowing 等额. */
  let equal: BallotingCycle;

  beforeAll(async () => {
    api = await TestApp.start();
    [secretariat, checker] = [
      await api.userWith([Role.Secretariat]),
      await api.userWith([Role.Secretariat]),
    ];
    const resident = await api.userWith([Role.Resident]);
    desk = new BallotDesk(api, secretariat);
    wide = await ballotingCycle(api, secretariat, resident, { candidates: 12, seats: 10 });
    small = await ballotingCycle(api, secretariat, resident, { candidates: 3, seats: 2 });
    equal = await ballotingCycle(api, secretariat, resident, {
      candidates: 3,
      seats: 3,
      allowEqualBallot: true,
    });
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('closes while 300 deputies cast: each cast is counted or refused, none lost or added', async () => {
    const ids = wide.candidateIds;
    const deputies = await electorate(api, 300);
    const ballot = await desk.opened(wide.id, { kind: 'selection' });
    const marksOf = (i: number): Marks => ({
      [ids[i % 12]]: 'for',
      [ids[(i + 5) % 12]]: 'for',
      [ids[(i + 7) % 12]]: 'against',
    });

    // Three waves, ordered by events rather than by timers (so a slow machine changes nothing):
    // the first hundred cast before the close; the second hundred race it, sent together with
    // the close request, each after its own short delay; the last hundred come after it.
    const castAll = (wave: typeof deputies, offset: number, spreadMs: number) =>
      Promise.all(
        wave.map(async (deputy, i) => {
          await sleep((i * spreadMs) / wave.length);
          return desk.cast(ballot.id, deputy, marksOf(offset + i));
        }),
      );
    const before = await castAll(deputies.slice(0, 100), 0, 0);
    const [racing, closed] = await Promise.all([
      castAll(deputies.slice(100, 200), 100, 200),
      sleep(20).then(() => desk.close(ballot.id)),
    ]);
    expect(closed.status).toBe(200);
    const after = await castAll(deputies.slice(200), 200, 0);
    const answers = [...before, ...racing, ...after];

    expect(before.map((answer) => answer.status)).toEqual(before.map(() => 201));
    const accepted = answers.filter((answer) => answer.status === 201);
    const refused = answers.filter((answer) => answer.status !== 201);
    expect(refused.map((answer) => `${answer.status} ${answer.body.code}`)).toEqual(
      refused.map(() => '409 ballot.wrong_status'),
    );
    expect(after.map((answer) => answer.status)).toEqual(after.map(() => 409));

    // What the close recorded is what was cast: nothing landed after it.
    expect((await desk.get(ballot.id)).body.castCount).toBe(accepted.length);
    const closedEntry = (await desk.audit(ballot.id)).find((e) => e.action === 'ballot.closed');
    expect(closedEntry?.details).toMatchObject({ electronic: accepted.length, paper: 0 });

    const result = await desk.count(ballot.id, ballot.keyShares.slice(1, 3));
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      deputyCount: 300,
      ballotsCast: accepted.length,
      validBallots: accepted.length,
      quorumRequired: 200,
    });
    expect(result.body.status === 'void').toBe(accepted.length < 200);
    const bulletin = (await desk.bulletin(ballot.id)).body;
    expect(bulletin.ballots).toHaveLength(accepted.length);
    expect(bulletin.receiptHashes).toHaveLength(accepted.length);
    expect(bulletin.receiptHashes).toEqual(
      accepted.map((answer) => sha256Hex(answer.body.receipt)).sort(),
    );
    for (const answer of accepted) {
      expect(answer.body.receiptHash).toBe(sha256Hex(answer.body.receipt));
    }
    expect(recount(bulletin, ids)).toEqual(countsOfResult(result.body));
  });

  it('selects 10 of 12, calls a runoff for a tie across the last seat, and settles it', async () => {
    const c = wide.candidateIds;
    const deputies = await electorate(api, 60);
    // Everyone: c0–c7 for. Then two more each: 25 × (c8, c9), 25 × (c8, c10), 10 × (c9, c10),
    // so c8 has 50 and c9, c10 tie at 35 (threshold 31) across the tenth seat.
    const marks = deputies.map((_, i): Marks => {
      const own: Marks = Object.fromEntries(c.slice(0, 8).map((id) => [id, 'for']));
      const pair = i < 25 ? [c[8], c[9]] : i < 50 ? [c[8], c[10]] : [c[9], c[10]];
      for (const id of pair) {
        own[id] = 'for';
      }
      if (i < 20) {
        own[c[11]] = 'against';
      }
      if (i >= 50) {
        own[c[8]] = 'abstain';
      }
      if (i >= 25 && i < 35) {
        own[c[9]] = 'against';
      }
      return own;
    });
    const ballot = await desk.opened(wide.id, { kind: 'selection' });
    await desk.castAll(
      ballot.id,
      deputies.map((deputy, i): [Deputy, Marks] => [deputy, marks[i]]),
    );
    const parent = await desk.counted(ballot);
    expect(parent).toMatchObject({
      status: 'runoff_required',
      deputyCount: 60,
      ballotsCast: 60,
      threshold: 31,
      seats: 10,
      seatsUnfilled: 0,
      selected: c.slice(0, 9),
      finalSelected: c.slice(0, 9),
      runoff: { candidateIds: [c[9], c[10]], seats: 1 },
      runoffBallotIds: [],
    });
    expect(parent.candidates.map((r: any) => [r.for, r.rank, r.outcome])).toEqual([
      ...Array(8).fill([60, 1, 'selected']),
      [50, 9, 'selected'],
      [35, 10, 'tied'],
      [35, 10, 'tied'],
      [0, 12, 'below_threshold'],
    ]);
    expect(parent.candidates[9]).toMatchObject({ against: 10, abstain: 15 });
    expect(parent.candidates[11]).toMatchObject({ against: 20, abstain: 40 });
    expect(recount((await desk.bulletin(ballot.id)).body, c)).toEqual(countsOfResult(parent));

    // The runoff offers exactly the tied candidates for the seats left.
    const runoffOf = (body: Record<string, unknown> = {}) =>
      desk.create(wide.id, { kind: 'runoff', parentBallotId: ballot.id, ...body });
    expectRefusal(await runoffOf({ candidateIds: [c[9], c[11]] }), 422, 'ballot.invalid_input');
    expectRefusal(await runoffOf({ seats: 2 }), 422, 'ballot.invalid_input');
    // Two asked at once: one runoff.
    const both = await Promise.all([runoffOf(), runoffOf()]);
    expect(both.map((answer) => answer.status).sort()).toEqual([201, 422]);
    const runoff = both.find((answer) => answer.status === 201)!.body;
    expect(runoff).toMatchObject({
      kind: 'runoff',
      status: 'scheduled',
      seats: 1,
      deputyCount: 60,
      parentBallotId: ballot.id,
      candidates: [{ id: c[9] }, { id: c[10] }],
    });

    expect((await desk.open(runoff.id)).status).toBe(200);
    expectRefusal(
      await desk.cast(runoff.id, deputies[0], { [c[9]]: 'for', [c[10]]: 'for' }),
      422,
      'ballot.invalid_input',
    );
    expectRefusal(
      await desk.cast(runoff.id, deputies[0], { [c[0]]: 'for' }),
      422,
      'ballot.invalid_input',
    );
    await desk.castAll(
      runoff.id,
      deputies.map((deputy, i): [Deputy, Marks] => [
        deputy,
        i < 40 ? { [c[9]]: 'for' } : i < 55 ? { [c[10]]: 'for' } : {},
      ]),
    );
    const settled = await desk.counted(runoff);
    expect(settled).toMatchObject({
      kind: 'runoff',
      status: 'final',
      parentBallotId: ballot.id,
      threshold: 31,
      selected: [c[9]],
      finalSelected: [c[9]],
    });
    expect(settled.candidates.map((r: any) => [r.for, r.outcome])).toEqual([
      [40, 'selected'],
      [15, 'below_threshold'],
    ]);

    const final = await desk.result(ballot.id);
    expect(final.body).toMatchObject({
      status: 'runoff_required',
      selected: c.slice(0, 9),
      finalSelected: [...c.slice(0, 9), c[9]],
      runoffBallotIds: [runoff.id],
    });
    expectRefusal(await runoffOf(), 422, 'ballot.invalid_input');
  });

  it('counts a paper tally with the electronic ballots once another user confirms it', async () => {
    const [a, b, c] = small.candidateIds;
    const deputies = await electorate(api, 10);
    const ballot = await desk.opened(small.id, { kind: 'selection' });
    await desk.castAll(ballot.id, [
      [deputies[0], { [a]: 'for', [b]: 'for' }],
      [deputies[1], { [a]: 'for', [c]: 'against' }],
      [deputies[2], { [b]: 'against', [c]: 'for' }],
      [deputies[3], {}],
    ]);
    const sheet = (overrides: Record<string, unknown> = {}) => ({
      ballotsIssued: 5,
      ballotsReturned: 4,
      invalidBallots: 1,
      counts: [
        { candidateId: a, for: 2, against: 1, abstain: 0 },
        { candidateId: b, for: 1, against: 0, abstain: 2 },
        { candidateId: c, for: 0, against: 2, abstain: 1 },
      ],
      ...overrides,
    });

    const refusals: [Record<string, unknown>, number, string][] = [
      [{ ballotsIssued: 3 }, 422, 'paper_tally.invalid'],
      [
        {
          counts: [
            { candidateId: a, for: 2, against: 1, abstain: 1 },
            { candidateId: b, for: 1, against: 0, abstain: 2 },
            { candidateId: c, for: 0, against: 2, abstain: 1 },
          ],
        },
        422,
        'paper_tally.invalid',
      ],
      [{ counts: sheet().counts.slice(0, 2) }, 422, 'paper_tally.invalid'],
      // deputies[0] voted electronically: they cannot be on paper too.
      [{ deputyIds: [deputies[5].id, deputies[0].id] }, 409, 'paper_voters.already_voted'],
    ];
    for (const [overrides, status, code] of refusals) {
      expectRefusal(await desk.paperTally(ballot.id, sheet(overrides)), status, code);
    }
    // Nothing of the refused entries stayed behind.
    const listed = await api.get(`/api/ballots/${ballot.id}/paper-tallies`, secretariat);
    expect(listed.body).toEqual([]);
    expect((await desk.myVote(ballot.id, deputies[5])).body.voted).toBe(false);
    expect((await desk.get(ballot.id)).body.castCount).toBe(4);

    const entered = await desk.paperTally(
      ballot.id,
      sheet({ deputyIds: [deputies[4].id, deputies[5].id] }),
    );
    expect(entered.status).toBe(201);
    expect(entered.body).toMatchObject({
      ballotsReturned: 4,
      enteredBy: secretariat.id,
      confirmedBy: null,
      confirmedAt: null,
    });
    const tallyId = entered.body.id as string;

    // A deputy on paper cannot vote electronically.
    expectRefusal(
      await desk.cast(ballot.id, deputies[4], { [a]: 'for' }),
      409,
      'ballot.already_voted',
    );
    expect((await desk.myVote(ballot.id, deputies[4])).body).toEqual({
      inElectorate: true,
      voted: true,
      channel: 'paper',
    });
    expect((await desk.get(ballot.id)).body.castCount).toBe(8);

    // 4 electronic + 4 paper of 10: two more ballots, then no more.
    await desk.castAll(ballot.id, [
      [deputies[6], { [a]: 'for' }],
      [deputies[7], { [c]: 'for', [b]: 'for' }],
    ]);
    expectRefusal(await desk.cast(ballot.id, deputies[8], { [a]: 'for' }), 409, 'ballot.exhausted');
    expectRefusal(
      await desk.paperTally(ballot.id, {
        ballotsIssued: 1,
        ballotsReturned: 1,
        invalidBallots: 1,
        counts: small.candidateIds.map((candidateId) => ({
          candidateId,
          for: 0,
          against: 0,
          abstain: 0,
        })),
      }),
      409,
      'ballot.exhausted',
    );
    expect((await desk.get(ballot.id)).body.castCount).toBe(10);

    expectRefusal(
      await desk.confirm(ballot.id, tallyId, secretariat),
      403,
      'paper_tally.confirmation_refused',
    );
    expect((await desk.close(ballot.id)).status).toBe(200);
    expectRefusal(
      await desk.count(ballot.id, ballot.keyShares.slice(0, 2)),
      409,
      'ballot.paper_tally_pending',
    );
    expect((await desk.get(ballot.id)).body.status).toBe('closed');

    const confirmed = await desk.confirm(ballot.id, tallyId, checker);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ id: tallyId, confirmedBy: checker.id });
    expectRefusal(
      await desk.confirm(ballot.id, tallyId, checker),
      409,
      'paper_tally.confirmation_refused',
    );

    const counted = await desk.count(ballot.id, ballot.keyShares.slice(0, 2));
    expect(counted.status).toBe(200);
    expect(counted.body).toMatchObject({
      status: 'final',
      deputyCount: 10,
      ballotsCast: 10,
      validBallots: 9,
      invalidBallots: 1,
      threshold: 6,
    });
    // Electronic (6 ballots) plus paper (3 valid).
    expect(countsOfResult(counted.body)).toEqual({
      [a]: { for: 3 + 2, against: 0 + 1, abstain: 3 + 0 },
      [b]: { for: 2 + 1, against: 1 + 0, abstain: 3 + 2 },
      [c]: { for: 2 + 0, against: 1 + 2, abstain: 3 + 1 },
    });
    const bulletin = (await desk.bulletin(ballot.id)).body;
    expect(bulletin.ballots).toHaveLength(6);
    // One paper count here, so the published sum is that count.
    expect(bulletin.paper).toEqual({
      ballotsReturned: 4,
      invalidBallots: 1,
      counts: sheet().counts,
    });
    expect(recount(bulletin, small.candidateIds)).toEqual(countsOfResult(counted.body));

    const actions = (await desk.audit(ballot.id)).map((entry) => entry.action);
    expect(actions.filter((action) => action.startsWith('ballot.paper_tally'))).toEqual([
      'ballot.paper_tally_confirmed',
      'ballot.paper_tally_entered',
    ]);
  });

  it('never lets paper and electronic ballots outnumber the deputies, even cast at once', async () => {
    const deputies = await electorate(api, 40);
    // Three ballots, each with 30 paper ballots whose deputies are not named: 10 places are left
    // for electronic ones, and all 40 deputies try at once.
    const rounds = [];
    for (let round = 0; round < 3; round++) {
      const ballot = await desk.opened(small.id, { kind: 'selection' });
      const entered = await desk.paperTally(ballot.id, {
        ballotsIssued: 30,
        ballotsReturned: 30,
        invalidBallots: 0,
        counts: small.candidateIds.map((candidateId) => ({
          candidateId,
          for: 0,
          against: 0,
          abstain: 30,
        })),
      });
      expect(entered.status).toBe(201);
      const answers: HttpAnswer[] = await Promise.all(
        deputies.map((deputy) => desk.cast(ballot.id, deputy, {})),
      );
      const refusals = answers
        .filter((answer) => answer.status !== 201)
        .map((answer) => `${answer.status} ${answer.body.code}`);
      rounds.push({
        accepted: answers.filter((answer) => answer.status === 201).length,
        refused: new Set(refusals),
        castCount: (await desk.get(ballot.id)).body.castCount,
      });
    }
    const expected = { accepted: 10, refused: new Set(['409 ballot.exhausted']), castCount: 40 };
    expect(rounds).toEqual([expected, expected, expected]);
  });

  it('tells every deputy refused in a burst of their own casts that they have voted already', async () => {
    // Each burst is one deputy casting 50 times at once; the refusals must say why: voted
    // already, not that paper and electronic ballots add up to the deputies (none are on paper).
    const deputies = await electorate(api, 10);
    const ballot = await desk.opened(small.id, { kind: 'selection' });
    const refusals: Record<string, number> = {};
    for (const deputy of deputies) {
      const burst = await Promise.all(
        Array.from({ length: 50 }, () => desk.cast(ballot.id, deputy, {})),
      );
      expect(burst.filter((answer) => answer.status === 201)).toHaveLength(1);
      for (const answer of burst.filter((each) => each.status !== 201)) {
        const key = `${answer.status} ${answer.body.code}`;
        refusals[key] = (refusals[key] ?? 0) + 1;
      }
    }
    expect((await desk.get(ballot.id)).body.castCount).toBe(10);
    expect(refusals).toEqual({ '409 ballot.already_voted': 490 });
  });

  it('records paper voters apart: secretariat only, electorate only, and never twice in any channel', async () => {
    const deputies = await electorate(api, 6);
    const [onPaper, electronic, other] = deputies;
    const ballot = await desk.opened(small.id, { kind: 'selection' });
    const record = (deputyIds: string[], token = secretariat.token) =>
      api.post(`/api/ballots/${ballot.id}/paper-voters`, { deputyIds }, { token });

    expect((await record([onPaper.id], onPaper.token)).status).toBe(403);
    expect((await desk.cast(ballot.id, electronic, {})).status).toBe(201);
    // Not in the electorate, or voted electronically already: refused, and nobody recorded.
    expectRefusal(await record([randomUUID()]), 422, 'paper_tally.invalid');
    expectRefusal(await record([other.id, electronic.id]), 409, 'paper_voters.already_voted');
    expect((await desk.myVote(ballot.id, other)).body.voted).toBe(false);

    const recorded = await record([onPaper.id]);
    expect(recorded.status).toBe(200);
    expect(recorded.body).toEqual({ recorded: 1 });
    expectRefusal(await record([onPaper.id]), 409, 'paper_voters.already_voted');
    // Recorded on paper: the electronic ballot is closed to them.
    expectRefusal(await desk.cast(ballot.id, onPaper, {}), 409, 'ballot.already_voted');
    expect((await desk.myVote(ballot.id, onPaper)).body).toEqual({
      inElectorate: true,
      voted: true,
      channel: 'paper',
    });
  });

  it('holds an 等额 ballot where the cycle allows it', async () => {
    const [x, y, z] = equal.candidateIds;
    const deputies = await electorate(api, 3);
    expectRefusal(
      await desk.create(small.id, { kind: 'selection', seats: 3 }),
      422,
      'ballot.invalid_input',
    );
    expectRefusal(
      await desk.create(equal.id, { kind: 'selection', seats: 4 }),
      422,
      'ballot.invalid_input',
    );
    const ballot = await desk.opened(equal.id, { kind: 'selection' });
    expect(ballot.seats).toBe(3);
    await desk.castAll(ballot.id, [
      [deputies[0], { [x]: 'for', [y]: 'for', [z]: 'for' }],
      [deputies[1], { [x]: 'for', [y]: 'for', [z]: 'against' }],
      [deputies[2], { [x]: 'for', [y]: 'for' }],
    ]);
    const result = await desk.counted(ballot);
    expect(result).toMatchObject({
      status: 'final',
      threshold: 2,
      seats: 3,
      seatsUnfilled: 1,
      selected: [x, y],
    });
    expect(result.candidates.map((c: { outcome: string }) => c.outcome)).toEqual([
      'selected',
      'selected',
      'below_threshold',
    ]);
  });
});
