import fc from 'fast-check';
import {
  AT_RISK_WITHIN_DAYS,
  PROJECT_STATUSES,
  dayNumber,
  daysUntil,
  deriveProjectStatus,
  isDueSoon,
  isOverdue,
  type MilestoneState,
  type ProjectStatus,
  type StatusInput,
} from './project-status.js';

const DAY_MS = 86_400_000;

// Independent of the module's own arithmetic: the platform's UTC calendar.
const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const fromEpochDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

const open = (dueDate: string): MilestoneState => ({ dueDate, done: false });
const done = (dueDate: string): MilestoneState => ({ dueDate, done: true });

const status = (
  today: string,
  percent: number | null,
  ...milestones: MilestoneState[]
): ProjectStatus => deriveProjectStatus({ today, percent, milestones });

// How bad a status looks on a dashboard; not_started and on_track are equally fine.
const SEVERITY: Record<ProjectStatus, number> = {
  completed: 0,
  not_started: 1,
  on_track: 1,
  at_risk: 2,
  delayed: 3,
};

describe('day arithmetic', () => {
  it('counts days from 1970-01-01', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('1969-12-31')).toBe(-1);
    expect(dayNumber('2000-03-01')).toBe(11_017);
    expect(dayNumber('2026-03-10')).toBe(Date.UTC(2026, 2, 10) / DAY_MS);
  });

  it.each([
    { today: '2026-12-25', due: '2027-01-08', days: 14 },
    { today: '2026-12-31', due: '2027-01-01', days: 1 },
    { today: '2027-01-01', due: '2026-12-31', days: -1 },
    { today: '2026-01-31', due: '2026-02-14', days: 14 },
    { today: '2026-04-30', due: '2026-05-01', days: 1 },
    { today: '2028-02-28', due: '2028-03-01', days: 2 },
    { today: '2027-02-28', due: '2027-03-01', days: 1 },
    { today: '2028-02-15', due: '2028-02-29', days: 14 },
    { today: '2000-02-28', due: '2000-03-01', days: 2 },
    { today: '2100-02-28', due: '2100-03-01', days: 1 },
    { today: '2026-01-01', due: '2027-01-01', days: 365 },
    { today: '2028-01-01', due: '2029-01-01', days: 366 },
    { today: '2026-03-10', due: '2026-03-10', days: 0 },
  ])('has $days days from $today to $due', ({ today, due, days }) => {
    expect(daysUntil(due, today)).toBe(days);
    expect(daysUntil(today, due)).toBe(0 - days);
  });

  it.each([
    '2026-02-29',
    '2100-02-29',
    '2026-02-30',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-01-32',
    '2026-1-05',
    '26-01-05',
    '2026/01/05',
    '2026-01-05T00:00:00Z',
    ' 2026-01-05',
    '2026-01-05 ',
    '',
  ])('rejects %j', (date) => {
    expect(() => dayNumber(date)).toThrow(RangeError);
    expect(() => daysUntil(date, '2026-01-05')).toThrow(RangeError);
    expect(() => daysUntil('2026-01-05', date)).toThrow(RangeError);
  });

  it('accepts leap days of leap years, including centuries divisible by 400', () => {
    expect(dayNumber('2028-02-29') - dayNumber('2028-02-28')).toBe(1);
    expect(dayNumber('2000-02-29') - dayNumber('2000-02-28')).toBe(1);
  });

  it('agrees with the UTC calendar on every date of 1000–9999', () => {
    const first = Date.UTC(1000, 0, 1) / DAY_MS;
    const last = Date.UTC(9999, 11, 31) / DAY_MS;
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), (day) => {
        expect(dayNumber(fromEpochDay(day))).toBe(day);
      }),
    );
  });

  it('makes daysUntil the difference of the offsets used to build the dates', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: dayNumber('1900-01-01'), max: dayNumber('2200-12-31') }),
        fc.integer({ min: -1000, max: 1000 }),
        (day, offset) => {
          const today = fromEpochDay(day);
          expect(daysUntil(addDays(today, offset), today)).toBe(offset);
        },
      ),
    );
  });
});

describe('milestone helpers', () => {
  const today = '2026-03-10';

  it('calls a milestone overdue only after its due date, and never once done', () => {
    expect(isOverdue(open('2026-03-09'), today)).toBe(true);
    expect(isOverdue(open('2025-03-10'), today)).toBe(true);
    expect(isOverdue(open('2026-03-10'), today)).toBe(false);
    expect(isOverdue(open('2026-03-11'), today)).toBe(false);
    expect(isOverdue(done('2026-03-09'), today)).toBe(false);
  });

  it('calls a milestone due soon from today through today + 14', () => {
    expect(isDueSoon(open('2026-03-09'), today)).toBe(false);
    expect(isDueSoon(open('2026-03-10'), today)).toBe(true);
    expect(isDueSoon(open('2026-03-24'), today)).toBe(true);
    expect(isDueSoon(open('2026-03-25'), today)).toBe(false);
    expect(isDueSoon(done('2026-03-10'), today)).toBe(false);
  });

  it('keeps the at-risk window at 14 days', () => {
    expect(AT_RISK_WITHIN_DAYS).toBe(14);
  });
});

describe('deriveProjectStatus', () => {
  const today = '2026-03-10';

  describe('around the due date of a single open milestone', () => {
    it.each([
      { offset: -365, withProgress: 'delayed', withoutProgress: 'delayed' },
      { offset: -1, withProgress: 'delayed', withoutProgress: 'delayed' },
      { offset: 0, withProgress: 'at_risk', withoutProgress: 'at_risk' },
      { offset: 1, withProgress: 'at_risk', withoutProgress: 'at_risk' },
      { offset: 14, withProgress: 'at_risk', withoutProgress: 'at_risk' },
      { offset: 15, withProgress: 'on_track', withoutProgress: 'not_started' },
      { offset: 365, withProgress: 'on_track', withoutProgress: 'not_started' },
    ] as const)(
      'due today $offset: $withProgress with progress, $withoutProgress without',
      ({ offset, withProgress, withoutProgress }) => {
        const milestone = open(addDays(today, offset));
        expect(status(today, 40, milestone)).toBe(withProgress);
        expect(status(today, 99.5, milestone)).toBe(withProgress);
        expect(status(today, 100, milestone)).toBe(withProgress);
        expect(status(today, null, milestone)).toBe(withoutProgress);
        expect(status(today, 0, milestone)).toBe(withoutProgress);
      },
    );
  });

  describe('completed', () => {
    it('needs 100% and every milestone done', () => {
      expect(status(today, 100, done('2026-01-01'), done('2026-06-01'))).toBe('completed');
    });

    it('counts a project with no milestones at 100% as completed', () => {
      expect(status(today, 100)).toBe('completed');
    });

    it('is not reached below 100%, however close', () => {
      expect(status(today, 99, done('2026-01-01'))).toBe('on_track');
      expect(status(today, 99.99, done('2026-01-01'))).toBe('on_track');
      expect(status(today, 99.99)).toBe('on_track');
    });

    it('is not reached with all milestones done but no progress reported', () => {
      expect(status(today, null, done('2026-01-01'))).toBe('on_track');
      expect(status(today, 0, done('2026-01-01'))).toBe('on_track');
    });

    it('is not reached at 100% while a milestone is open', () => {
      expect(status(today, 100, done('2026-01-01'), open('2026-01-02'))).toBe('delayed');
      expect(status(today, 100, done('2026-01-01'), open(today))).toBe('at_risk');
      expect(status(today, 100, done('2026-01-01'), open('2026-12-31'))).toBe('on_track');
    });

    it('does not depend on the date once reached', () => {
      const milestones = [done('2026-01-01'), done('2026-06-01')];
      for (const day of ['2025-01-01', '2026-01-02', '2026-06-01', '2030-12-31']) {
        expect(status(day, 100, ...milestones)).toBe('completed');
      }
    });
  });

  describe('delayed', () => {
    it('ignores done milestones that are past their date', () => {
      expect(status(today, 50, done('2026-03-09'))).toBe('on_track');
      expect(status(today, 50, done('2026-03-09'), open('2026-03-09'))).toBe('delayed');
    });

    it('wins over at_risk, not_started and a full 100%', () => {
      expect(status(today, 50, open('2026-03-09'), open('2026-03-11'))).toBe('delayed');
      expect(status(today, null, open('2026-03-09'))).toBe('delayed');
      expect(status(today, 0, open('2026-03-09'), open('2026-12-01'))).toBe('delayed');
      expect(status(today, 100, open('2026-03-09'))).toBe('delayed');
    });
  });

  describe('at_risk', () => {
    it('wins over not_started and on_track', () => {
      expect(status(today, null, open('2026-03-24'))).toBe('at_risk');
      expect(status(today, 60, open('2026-03-24'), open('2026-12-01'))).toBe('at_risk');
    });

    it('ignores a done milestone inside the window', () => {
      expect(status(today, 60, done('2026-03-12'), open('2026-12-01'))).toBe('on_track');
    });
  });

  describe('not_started and on_track', () => {
    it('is not_started with no progress and nothing done', () => {
      expect(status(today, null)).toBe('not_started');
      expect(status(today, 0)).toBe('not_started');
      expect(status(today, null, open('2026-06-01'), open('2026-09-01'))).toBe('not_started');
    });

    it('is on_track as soon as there is progress or a done milestone', () => {
      expect(status(today, 1)).toBe('on_track');
      expect(status(today, 0.5, open('2026-06-01'))).toBe('on_track');
      expect(status(today, null, done('2026-03-01'), open('2026-06-01'))).toBe('on_track');
      expect(status(today, 0, done('2026-03-01'), open('2026-06-01'))).toBe('on_track');
    });
  });

  describe('across month and year ends and leap days', () => {
    it.each([
      { today: '2026-12-25', due: '2027-01-08', expected: 'at_risk' },
      { today: '2026-12-25', due: '2027-01-09', expected: 'on_track' },
      { today: '2027-01-01', due: '2026-12-31', expected: 'delayed' },
      { today: '2026-12-31', due: '2026-12-31', expected: 'at_risk' },
      { today: '2026-01-31', due: '2026-02-14', expected: 'at_risk' },
      { today: '2026-01-31', due: '2026-02-15', expected: 'on_track' },
      { today: '2026-03-01', due: '2026-02-28', expected: 'delayed' },
      { today: '2028-02-15', due: '2028-02-29', expected: 'at_risk' },
      { today: '2028-02-16', due: '2028-03-01', expected: 'at_risk' },
      { today: '2028-02-15', due: '2028-03-01', expected: 'on_track' },
      { today: '2027-02-15', due: '2027-03-01', expected: 'at_risk' },
      { today: '2027-02-14', due: '2027-03-01', expected: 'on_track' },
      { today: '2028-03-01', due: '2028-02-29', expected: 'delayed' },
      { today: '2028-02-29', due: '2028-02-29', expected: 'at_risk' },
    ] as const)('today $today, due $due: $expected', ({ today: day, due, expected }) => {
      expect(status(day, 30, open(due))).toBe(expected);
    });
  });

  describe('bad input', () => {
    it.each([-1, -0.01, 100.01, 101, Number.NaN, Infinity, -Infinity])(
      'rejects progress %d',
      (percent) => {
        expect(() => status(today, percent)).toThrow(RangeError);
      },
    );

    it('rejects a malformed today or due date, whichever rule would apply', () => {
      expect(() => status('2026-3-10', 100)).toThrow(RangeError);
      expect(() => status(today, 50, open('2026-02-30'))).toThrow(RangeError);
      expect(() => status(today, 100, done('2026-02-30'))).toThrow(RangeError);
      expect(() => status(today, 50, open('2026-01-01'), done('nonsense'))).toThrow(RangeError);
    });
  });
});

describe('deriveProjectStatus properties', () => {
  const percentArb = fc.oneof(
    fc.constant(null),
    fc.constantFrom(0, 100),
    fc.integer({ min: 0, max: 100 }),
    fc.double({ min: 0, max: 100, noNaN: true }),
  );
  const baseDay = dayNumber('2026-01-01');
  // Due dates clustered around today so that every boundary is hit often.
  const milestoneArb = (today: string) =>
    fc.record({
      dueDate: fc.integer({ min: -30, max: 30 }).map((offset) => addDays(today, offset)),
      done: fc.boolean(),
    });
  const inputArb: fc.Arbitrary<StatusInput> = fc
    .integer({ min: baseDay - 800, max: baseDay + 800 })
    .map(fromEpochDay)
    .chain((today) =>
      fc.record({
        today: fc.constant(today),
        percent: percentArb,
        milestones: fc.array(milestoneArb(today), { maxLength: 6 }),
      }),
    );

  it('always returns one of PROJECT_STATUSES', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(PROJECT_STATUSES).toContain(deriveProjectStatus(input));
      }),
    );
  });

  it('matches the rules written as plain predicates', () => {
    fc.assert(
      fc.property(inputArb, ({ today, percent, milestones }) => {
        const result = deriveProjectStatus({ today, percent, milestones });
        const openDays = milestones
          .filter((m) => !m.done)
          .map((m) => (Date.parse(m.dueDate) - Date.parse(today)) / DAY_MS);
        expect(result === 'completed').toBe(percent === 100 && openDays.length === 0);
        if (result !== 'completed') {
          expect(result === 'delayed').toBe(openDays.some((d) => d < 0));
        }
        if (result === 'at_risk') {
          expect(openDays.some((d) => d >= 0 && d <= 14)).toBe(true);
        }
        if (result === 'on_track' || result === 'not_started') {
          expect(openDays.every((d) => d > 14)).toBe(true);
          expect(result === 'not_started').toBe(!percent && milestones.every((m) => !m.done));
        }
      }),
    );
  });

  it('does not depend on the order of the milestones', () => {
    fc.assert(
      fc.property(inputArb, fc.infiniteStream(fc.nat()), (input, picks) => {
        const shuffled = [...input.milestones];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = picks.next().value % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        expect(deriveProjectStatus({ ...input, milestones: shuffled })).toBe(
          deriveProjectStatus(input),
        );
      }),
    );
  });

  it('never looks worse after an open milestone is marked done', () => {
    // Severity: completed < not_started = on_track < at_risk < delayed.
    fc.assert(
      fc.property(
        inputArb.filter((input) => input.milestones.some((m) => !m.done)),
        fc.nat(),
        (input, pick) => {
          const openIndexes = input.milestones.flatMap((m, i) => (m.done ? [] : [i]));
          const target = openIndexes[pick % openIndexes.length];
          const after = input.milestones.map((m, i) => (i === target ? { ...m, done: true } : m));
          const before = deriveProjectStatus(input);
          const now = deriveProjectStatus({ ...input, milestones: after });
          expect(SEVERITY[now]).toBeLessThanOrEqual(SEVERITY[before]);
        },
      ),
    );
  });

  it('is unchanged by an added done milestone, except that not_started becomes on_track', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: -400, max: 400 }), (input, offset) => {
        const before = deriveProjectStatus(input);
        const now = deriveProjectStatus({
          ...input,
          milestones: [...input.milestones, done(addDays(input.today, offset))],
        });
        // In particular a done milestone, however old, never produces delayed.
        expect(now).toBe(before === 'not_started' ? 'on_track' : before);
      }),
    );
  });

  it('never looks better as today moves later with the same milestones and progress', () => {
    const fixedArb = fc.record({
      percent: percentArb,
      milestones: fc.array(
        fc.record({
          dueDate: fc.integer({ min: baseDay - 60, max: baseDay + 60 }).map(fromEpochDay),
          done: fc.boolean(),
        }),
        { maxLength: 6 },
      ),
      today: fc.integer({ min: baseDay - 90, max: baseDay + 90 }).map(fromEpochDay),
    });
    fc.assert(
      fc.property(fixedArb, fc.integer({ min: 0, max: 120 }), (input, later) => {
        const before = deriveProjectStatus(input);
        const now = deriveProjectStatus({ ...input, today: addDays(input.today, later) });
        expect(SEVERITY[now]).toBeGreaterThanOrEqual(SEVERITY[before]);
        if (before === 'delayed') {
          expect(now).toBe('delayed');
        }
        if (before === 'completed') {
          expect(now).toBe('completed');
        }
      }),
    );
  });
});
